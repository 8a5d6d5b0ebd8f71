import { describe, expect, it } from "vitest";
import { RecordError } from "../../../src/errors/index.js";
import { CallTally, type RejectedOutcome } from "../../../src/operations/index.js";
import { recordReport } from "../../../src/write/record-report.js";
import { buildEnvelope } from "../../../src/write/response-webhook/envelope.js";
import { StreamStats } from "../../../src/write/stream-stats.js";

// Issue 9 item 9: a record's follow-up calls are calls, not retries; the report, the stream's
// counters and the webhook envelope read the same tally.

const reported = { stream: "flows", streamName: "flows", recordIndex: 2, lineNumber: 3 };
const rejected: RejectedOutcome = {
  kind: "rejected",
  request: { method: "POST", url: "https://graph.facebook.com/v23.0/1/flows" },
  error: new RecordError("Flow name is not unique"),
};
const tally = (...attempts: number[]) => {
  const t = new CallTally();
  for (const a of attempts) t.add(a);
  return t;
};
const message = (calls: CallTally) =>
  (recordReport(reported, rejected, calls) as unknown as { log: { message: string } }).log.message;

describe("retries are calls sent again by the retry policy", () => {
  it("a rejected record that made three calls without a retry reports calls=3 and no retry", () => {
    const text = message(tally(1, 1, 1));
    expect(text).toContain("calls=3");
    expect(text).not.toContain("retries=");
    expect(text).not.toContain("attempts=");
  });

  it("a one-call record whose call was retried twice reports retries=2", () => {
    const text = message(tally(3));
    expect(text).toContain("retries=2");
    expect(text).not.toContain("calls=");
  });

  it("the stream counts only retries, and the envelope's attempts are calls + retries", () => {
    const stats = new StreamStats("flows");
    stats.count("succeeded", tally(1, 1, 1));
    stats.count("rejected", tally(2, 1));
    expect(stats.retried).toBe(1);
    const envelope = buildEnvelope({
      stream: "flows",
      namespace: undefined,
      recordIndex: 2,
      lineNumber: 3,
      template: "create_flow",
      outcome: rejected,
      calls: tally(2, 1),
      idempotencyKey: "k",
    });
    expect(envelope).toMatchObject({ calls: 2, retries: 1, attempts: 3 });
  });
});
