import type { RejectedOutcome } from "../../operations/contract/operation.js";
import { FlowJsonRejectedError, GraphRejectedError } from "../../operations/errors/index.js";
import { errorDetail } from "../error-detail.js";
import type { RecordJob } from "../record-job.js";

/**
 * One rejected record as a JSON Lines line for the bucket (`outcome: "rejected"`; an ambiguous
 * record's line beside it says "ambiguous"): the record as received (the user's
 * own data, going to the user's own bucket), where it came from, what it was to become, why it
 * was rejected (our message with Meta's words, Graph code/subcode/fbtrace_id, every Flow JSON
 * validation error), and when. The caller redacts the line like every output.
 */
export function rejectLine(job: RecordJob, outcome: RejectedOutcome, time: Date): string {
  const { error } = outcome;
  const detail = errorDetail(error);
  const { stream } = job.runtime;
  return JSON.stringify({
    outcome: "rejected",
    record: job.received ?? null,
    stream: stream.name,
    namespace: stream.namespace ?? null,
    operation: job.runtime.operation.name,
    record_index: job.recordIndex,
    input_line: job.lineNumber,
    reason: detail.message,
    error_code: detail.code,
    http_status:
      outcome.response?.status ?? (error instanceof GraphRejectedError ? (error.status ?? null) : null),
    graph_code: detail.graph?.code ?? null,
    graph_subcode: detail.graph?.subcode ?? null,
    fbtrace_id: detail.graph?.fbtrace_id ?? null,
    flow_json_errors: error instanceof FlowJsonRejectedError ? error.validationErrors : [],
    rejected_at: time.toISOString(),
  });
}
