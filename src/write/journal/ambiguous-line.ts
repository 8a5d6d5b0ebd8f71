import type { AmbiguousOutcome } from "../../operations/contract/operation.js";
import { errorDetail } from "../error-detail.js";
import type { RecordJob } from "../record-job.js";

/** What a user does with an ambiguous record, by whether the next attempts may send it again. */
const WHAT_TO_DO = {
  report:
    "The call may have been made: check the recipient's conversation (or the Flow or template) in WhatsApp Manager or your message-status webhooks. If it was not made, send the record again in a new sync (a changed record is a new call), or set object_storage_config.ambiguous_sends to resend.",
  resend:
    "The call may have been made. With ambiguous_sends: resend the next attempt of this job (or the next sync in the ledger window) makes it again, so the recipient may get it twice.",
} as const;

export type AmbiguousSends = keyof typeof WHAT_TO_DO;

/**
 * One ambiguous record as a JSON Lines line for the bucket, beside the rejected records of its
 * stream: marked `outcome: "ambiguous"` (it is not a reject and is not counted as one), the record
 * as received, where it came from, when its call was first tried, why its outcome is unknown and
 * what the user can do about it. The caller redacts the line like every output.
 */
export function ambiguousLine(
  job: RecordJob,
  outcome: AmbiguousOutcome,
  firstTry: Date | undefined,
  mode: AmbiguousSends,
  time: Date,
): string {
  const detail = errorDetail(outcome.error);
  const { stream } = job.runtime;
  return JSON.stringify({
    outcome: "ambiguous",
    record: job.received ?? null,
    stream: stream.name,
    namespace: stream.namespace ?? null,
    operation: job.runtime.operation.name,
    record_index: job.recordIndex,
    input_line: job.lineNumber,
    request: `${outcome.request.method} ${outcome.request.url}`,
    reason: detail.message,
    error_code: detail.code,
    first_tried_at: (firstTry ?? time).toISOString(),
    reported_at: time.toISOString(),
    what_to_do: WHAT_TO_DO[mode],
  });
}
