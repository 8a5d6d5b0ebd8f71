import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import type { OutputMessage } from "../../../src/protocol/index.js";
import { readInputMessages } from "../../../src/protocol/index.js";
import { type PipelineOptions, runDryRun, runPipeline } from "../../../src/write/index.js";
import { echoedStates, numbered, pipelineOptions, recordMsg, stateMsg } from "./support/fake-operation.js";

const options = (overrides: Partial<PipelineOptions> = {}) => pipelineOptions(["a", "b"], overrides);

const ofType = (messages: OutputMessage[], type: string) => messages.filter((m) => m.type === type);
const traceError = (messages: OutputMessage[]) =>
  (messages.at(-1) as unknown as { trace: { error: { failure_type: string; message: string } } }).trace.error;
const streamState = (name: string, id: number) =>
  stateMsg({ type: "STREAM", stream: { stream_descriptor: { name }, stream_state: { id } } });

describe("write pipeline", () => {
  it("names the line and stream of a RECORD for a stream not in the catalog (system_error)", async () => {
    const { output, options: o } = options();
    const input = Readable.from([
      `${JSON.stringify(recordMsg("a", { id: 1 }))}\n`,
      `${JSON.stringify(streamState("a", 1))}\n`,
      `${JSON.stringify(recordMsg("ghost", { id: 2, secret: "PII-VALUE" }))}\n`,
    ]);
    const result = await runPipeline(readInputMessages(input), o);
    expect(result.exitCode).toBe(1);
    const error = traceError(output.messages);
    expect(error.failure_type).toBe("system_error");
    expect(error.message).toContain("line 3");
    expect(error.message).toContain('"ghost"');
    expect(JSON.stringify(output.messages)).not.toContain("PII-VALUE");
    expect(ofType(output.messages, "STATE")).toHaveLength(1);
  });

  it("a malformed line is a system_error after the settled states", async () => {
    const { output, options: o } = options();
    const input = Readable.from([
      `${JSON.stringify(recordMsg("a", { id: 1 }))}\n`,
      `${JSON.stringify(streamState("a", 1))}\n`,
      "{not json\n",
    ]);
    const result = await runPipeline(readInputMessages(input), o);
    expect(result.exitCode).toBe(1);
    expect(output.messages.map((m) => m.type).filter((t) => t !== "LOG")).toEqual(["STATE", "TRACE"]);
    expect(traceError(output.messages).message).toContain("line 3");
  });

  it("reports rejected and ambiguous records as WARN lines without their content", async () => {
    const { output, options: o } = options();
    const result = await runPipeline(
      numbered([
        recordMsg("a", { id: "r1", behaviour: "reject", phone: "+15550001" }),
        recordMsg("a", { id: "r2", behaviour: "ambiguous", phone: "+15550002" }),
        recordMsg("b", { id: "r3", behaviour: "reject_plan", phone: "+15550003" }),
        streamState("a", 1),
        streamState("b", 2),
      ]),
      o,
    );
    expect(result.exitCode).toBe(0);
    const warns = ofType(output.messages, "LOG").filter(
      (m) => (m as { log?: { level: string } }).log?.level === "WARN",
    );
    expect(warns).toHaveLength(3);
    expect(JSON.stringify(warns)).toContain('Stream \\"a\\" record 1');
    expect(JSON.stringify(warns)).toContain("NOT sent again");
    expect(JSON.stringify(output.messages)).not.toContain("+1555000");
    expect(echoedStates(output.messages).map((s) => s.destinationStats)).toEqual([
      { recordCount: 2, rejectedRecordCount: 1 },
      { recordCount: 1, rejectedRecordCount: 1 },
    ]);
  });

  it("on_record_error fail: the first rejection is a config_error and its state is not echoed", async () => {
    const { output, options: o } = options({
      policy: { onRecordError: "fail", maxRejectedRecords: undefined },
    });
    const result = await runPipeline(
      numbered([
        recordMsg("a", { id: "r1" }),
        streamState("a", 1),
        recordMsg("a", { id: "r2", behaviour: "reject" }),
        streamState("a", 2),
      ]),
      o,
    );
    expect(result.exitCode).toBe(1);
    expect(traceError(output.messages).failure_type).toBe("config_error");
    expect(ofType(output.messages, "STATE")).toHaveLength(1);
  });

  it("max_rejected_records: exceeding it stops the sync", async () => {
    const { output, options: o } = options({ policy: { onRecordError: "reject", maxRejectedRecords: 1 } });
    const records = [1, 2, 3].map((i) => recordMsg("a", { id: `r${i}`, key: "same", behaviour: "reject" }));
    const result = await runPipeline(numbered([...records, streamState("a", 1)]), o);
    expect(result.exitCode).toBe(1);
    expect(traceError(output.messages).message).toContain("max_rejected_records is 1");
    expect(ofType(output.messages, "STATE")).toHaveLength(0);
  });

  it("stops pulling input while the pending bound is reached (backpressure)", async () => {
    const { log, options: o } = options({ maxPending: 5, maxConcurrency: 2 });
    let pulled = 0;
    let maxAhead = 0;
    async function* source() {
      for (let i = 1; i <= 200; i++) {
        pulled++;
        maxAhead = Math.max(maxAhead, pulled - log.executed.length);
        yield { lineNumber: i, message: recordMsg(i % 2 ? "a" : "b", { id: `r${i}`, delayMs: 1 }) };
      }
    }
    const result = await runPipeline(source(), o);
    expect(result.exitCode).toBe(0);
    expect(log.executed).toHaveLength(200);
    expect(maxAhead).toBeLessThanOrEqual(5 + 1);
  });

  it("admits a batch larger than the read-ahead as room frees, in input order, with its states", async () => {
    const { output, log, options: o } = options({ maxPending: 5, maxConcurrency: 2 });
    let maxAhead = 0;
    const settled = () => log.events.filter((event) => event.startsWith("done:")).length;
    // plan() reads `id` once, when the record is admitted: the read-ahead is admitted less settled.
    let admitted = 0;
    const data = (i: number) => ({
      get id() {
        admitted++;
        maxAhead = Math.max(maxAhead, admitted - settled());
        return `r${i}`;
      },
      delayMs: 1,
    });
    const batch = Array.from({ length: 60 }, (_, i) => ({
      lineNumber: i + 1,
      message: recordMsg("a", data(i + 1)),
    }));
    async function* source() {
      yield [...batch, { lineNumber: 61, message: streamState("a", 60) }];
    }
    const result = await runPipeline(source(), o);
    expect(result.exitCode).toBe(0);
    expect(log.executed).toEqual(batch.map((_, i) => `r${i + 1}`));
    expect(maxAhead).toBeLessThanOrEqual(5);
    expect(ofType(output.messages, "STATE")).toHaveLength(1);
  });

  it("once its read-ahead is full, reads on only after a quarter of it has left, not one record at a time", async () => {
    const { log, options: o } = options({ maxPending: 8, maxConcurrency: 2 });
    const settled = () => log.events.filter((event) => event.startsWith("done:")).length;
    // plan() reads `id` once, when the record is admitted: what is ahead is admitted less settled.
    const aheadBefore: number[] = [];
    let admitted = 0;
    const data = (i: number) => ({
      get id() {
        aheadBefore.push(admitted - settled());
        admitted++;
        return `r${i}`;
      },
      delayMs: 1,
    });
    async function* source() {
      yield Array.from({ length: 60 }, (_, i) => ({
        lineNumber: i + 1,
        message: recordMsg("a", data(i + 1)),
      }));
    }
    const result = await runPipeline(source(), o);
    expect(result.exitCode).toBe(0);
    expect(log.executed).toHaveLength(60);
    expect(Math.max(...aheadBefore)).toBe(7);
    // Each admission right after the read-ahead filled comes once 2 of its 8 have left.
    const afterFull = aheadBefore.filter((_, i) => i > 0 && aheadBefore[i - 1] === 7);
    expect(afterFull.length).toBeGreaterThan(3);
    for (const ahead of afterFull) expect(ahead).toBeLessThanOrEqual(6);
  });

  it("SIGTERM: stops reading a stalled input, echoes settled states, transient_error TRACE", async () => {
    const controller = new AbortController();
    const { output, options: o } = options({ signal: controller.signal });
    async function* stalled() {
      yield { lineNumber: 1, message: recordMsg("a", { id: "r1" }) };
      yield { lineNumber: 2, message: streamState("a", 1) };
      setTimeout(() => controller.abort(), 10);
      await new Promise(() => {}); // stdin stays open and silent
    }
    const result = await runPipeline(stalled(), o);
    expect(result.exitCode).toBe(1);
    expect(ofType(output.messages, "STATE")).toHaveLength(1);
    const error = traceError(output.messages);
    expect(error.failure_type).toBe("transient_error");
    expect(error.message).toContain("the sync was interrupted");
  });

  it("aborts in-flight calls that outlast the drain bound and does not echo their state", async () => {
    const { output, options: o } = options({ drainTimeoutMs: 20 });
    const result = await runPipeline(
      numbered([
        recordMsg("a", { id: "slow", delayMs: 60_000 }),
        streamState("a", 1),
        recordMsg("b", { id: "fatal", behaviour: "fatal" }),
      ]),
      o,
    );
    expect(result.exitCode).toBe(1);
    expect(ofType(output.messages, "STATE")).toHaveLength(0);
    expect(traceError(output.messages).failure_type).toBe("config_error");
  });

  it("dry run renders each record, sends nothing and echoes no state", async () => {
    const { log, output, options: o } = options();
    const result = await runDryRun(
      numbered([
        recordMsg("a", { id: "r1" }),
        recordMsg("b", { id: "r2", behaviour: "reject_plan" }),
        streamState("a", 1),
      ]),
      o,
    );
    expect(result.exitCode).toBe(0);
    expect(log.executed).toHaveLength(0);
    expect(ofType(output.messages, "STATE")).toHaveLength(0);
    const text = JSON.stringify(output.messages);
    expect(text).toContain("POST https://graph.example/v23.0/r1");
    expect(text).toContain("validation=ok");
    expect(text).toContain("validation=rejected");
    expect(text).toContain('Dry run summary: stream \\"a\\": 1 record, 1 valid');
  });

  it("empty input: exit 0 with a summary and nothing else", async () => {
    const { output, options: o } = options();
    const result = await runPipeline(numbered([]), o);
    expect(result.exitCode).toBe(0);
    expect(output.messages.every((m) => m.type === "LOG")).toBe(true);
  });
});
