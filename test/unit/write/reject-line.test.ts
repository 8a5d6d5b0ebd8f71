import { describe, expect, it } from "vitest";
import { FlowJsonRejectedError } from "../../../src/operations/errors/index.js";
import { CallTally } from "../../../src/operations/index.js";
import { rejectLine } from "../../../src/write/journal/reject-line.js";
import type { RecordJob } from "../../../src/write/record-job.js";
import { newLog, streamsAndOps } from "./support/fake-operation.js";

function job(received: Record<string, unknown>): RecordJob {
  const { streams, operations } = streamsAndOps(newLog(), ["flows"]);
  const stream = streams.get("flows")!;
  return {
    runtime: { stream, operation: operations.get("flows")!, stats: undefined as never, label: "flows" },
    plan: undefined,
    recordIndex: 4,
    lineNumber: 9,
    key: undefined,
    ticket: undefined as never,
    calls: new CallTally(),
    data: undefined,
    rejected: true,
    received,
  };
}

describe("a rejected record's line in the bucket", () => {
  it("carries the record as received, where it came from, every Flow JSON validation error and the time", () => {
    const errors = [
      {
        error: "MISSING_TERMINAL_SCREEN",
        error_type: "FLOW_JSON",
        message: "no terminal screen",
        pointers: [],
      },
      {
        error: "INVALID_PROPERTY",
        error_type: "FLOW_JSON",
        message: "bad",
        line_start: 3,
        pointers: [{ path: "screens[0]" }],
      },
    ];
    const error = new FlowJsonRejectedError('stream "flows" record 4', "flow_json", "local", errors);
    const line = JSON.parse(
      rejectLine(job({ name: "welcome", flow_json: "{}" }), { kind: "rejected", error }, new Date(0)),
    ) as Record<string, unknown>;
    expect(line).toMatchObject({
      outcome: "rejected",
      record: { name: "welcome", flow_json: "{}" },
      stream: "flows",
      namespace: null,
      operation: "advanced",
      record_index: 4,
      input_line: 9,
      error_code: "ERR_FLOW_JSON_INVALID",
      http_status: null,
      graph_code: null,
      fbtrace_id: null,
      flow_json_errors: errors,
      rejected_at: "1970-01-01T00:00:00.000Z",
    });
    expect(String(line.reason)).toContain("MISSING_TERMINAL_SCREEN");
  });
});
