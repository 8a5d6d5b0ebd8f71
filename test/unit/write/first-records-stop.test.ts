import { describe, expect, it } from "vitest";
import type { OutputMessage } from "../../../src/protocol/index.js";
import { type PipelineOptions, runPipeline } from "../../../src/write/index.js";
import { echoedStates, numbered, pipelineOptions, recordMsg, stateMsg } from "./support/fake-operation.js";

/**
 * The pipeline's side of "a campaign that sends nothing is not green": what is echoed, what stays
 * unsettled and when the sync stops, with the fake operation (`cause` marks a rejection as
 * configuration-level; `behaviour` says whether it comes at plan time or from the call).
 */
const options = (overrides: Partial<PipelineOptions> = {}) =>
  pipelineOptions(["campaign", "other"], overrides);

const ofType = (messages: OutputMessage[], type: string) => messages.filter((m) => m.type === type);
const traces = (messages: OutputMessage[]) =>
  ofType(messages, "TRACE").map(
    (m) => (m as unknown as { trace: { error: { failure_type: string; message: string } } }).trace.error,
  );
const stateIds = (messages: OutputMessage[]) =>
  echoedStates(messages).map(
    (state) => (state as { stream: { stream_state: { id: number } } }).stream.stream_state.id,
  );
const state = (name: string, id: number) =>
  stateMsg({ type: "STREAM", stream: { stream_descriptor: { name }, stream_state: { id } } });

/** Records 1..count of "campaign", each followed by its stream's STATE (id = the record's number). */
function campaign(count: number, data: (i: number) => Record<string, unknown>) {
  return Array.from({ length: count }, (_, k) => [
    recordMsg("campaign", { id: `c${k + 1}`, ...data(k + 1) }),
    state("campaign", k + 1),
  ]).flat();
}

describe("a stream whose first 10 records are all rejected for one config cause stops the sync", () => {
  it("plan-time rejections (a misspelt template): config_error naming the stream and cause; no state past record 1", async () => {
    const { output, options: o } = options();
    const input = [
      recordMsg("other", { id: "o1" }),
      state("other", 100),
      ...campaign(15, () => ({ behaviour: "reject_plan", cause: "welcom_flow" })),
    ];
    const result = await runPipeline(numbered(input), o);
    expect(result.exitCode).toBe(1);
    const [error] = traces(output.messages);
    expect(error).toMatchObject({ failure_type: "config_error" });
    expect(error!.message).toMatch(
      /^Stream "campaign": its first 10 records were all rejected because template "welcom_flow" does not exist/,
    );
    expect(error!.message).toContain('Create template "welcom_flow"');
    // The other stream's settled state went out first; none of the campaign's did, so the next
    // sync sends its records again once the template is fixed.
    expect(stateIds(output.messages)).toEqual([100]);
    expect(result.fatal?.code).toBe("ERR_STREAM_CANNOT_SUCCEED");
    // It stopped reading at record 10: records 11 to 15 were never planned.
    const warned = ofType(output.messages, "LOG").filter((m) => JSON.stringify(m).includes('field \\"x\\"'));
    expect(warned).toHaveLength(10);
  });

  it("call-time rejections with one cause, completing out of order, stop it too", async () => {
    const { output, options: o } = options({ maxConcurrency: 8 });
    const input = campaign(12, (i) => ({ behaviour: "reject", cause: "paused_tpl", delayMs: (i * 7) % 5 }));
    const result = await runPipeline(numbered(input), o);
    expect(result.exitCode).toBe(1);
    expect(traces(output.messages)[0]!.message).toContain('Stream "campaign": its first 10 records');
    expect(stateIds(output.messages)).toEqual([]);
  });

  it("never stops when one of the first records succeeds: every rejection settles and every state goes out", async () => {
    const { output, options: o } = options();
    const input = campaign(12, (i) =>
      i === 7 ? { behaviour: "succeed" } : { behaviour: "reject_plan", cause: "welcom_flow" },
    );
    const result = await runPipeline(numbered(input), o);
    expect(result.exitCode).toBe(0);
    expect(traces(output.messages)).toEqual([]);
    expect(stateIds(output.messages)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });

  it("never stops on a mix of causes", async () => {
    const { output, options: o } = options();
    const input = campaign(12, (i) => ({
      behaviour: "reject_plan",
      cause: i === 4 ? "other_tpl" : "welcom_flow",
    }));
    const result = await runPipeline(numbered(input), o);
    expect(result.exitCode).toBe(0);
    expect(stateIds(output.messages)).toHaveLength(12);
  });

  it("never stops on record-level rejections (no cause), however many", async () => {
    const { output, options: o } = options();
    const input = campaign(20, () => ({ behaviour: "reject" }));
    const result = await runPipeline(numbered(input), o);
    expect(result.exitCode).toBe(0);
    expect(stateIds(output.messages)).toHaveLength(20);
  });

  it("a stream that ends with fewer records, all rejected for one cause, stops the sync once the input ends", async () => {
    const { output, options: o } = options();
    const input = [
      ...campaign(3, () => ({ behaviour: "reject_plan", cause: "welcom_flow" })),
      recordMsg("other", { id: "slow", delayMs: 30 }),
      state("other", 100),
    ];
    const result = await runPipeline(numbered(input), o);
    expect(result.exitCode).toBe(1);
    const [error] = traces(output.messages);
    expect(error!.failure_type).toBe("config_error");
    expect(error!.message).toMatch(/^Stream "campaign": all its 3 records were rejected because /);
    // The other stream's record settled; the campaign's stay unsettled for the next sync.
    expect(stateIds(output.messages)).toEqual([100]);
  });

  it("a short stream whose records are all rejected by their calls after the input ended stops the sync, not hangs", async () => {
    const { output, options: o } = options();
    // Each call answers after the last line was read: the verdict comes from the last held record.
    const input = campaign(3, (i) => ({ behaviour: "reject", cause: "welcom_flow", delayMs: 10 * i }));
    const result = await runPipeline(numbered(input), o);
    expect(result.exitCode).toBe(1);
    expect(traces(output.messages)[0]!.message).toMatch(
      /^Stream "campaign": all its 3 records were rejected because /,
    );
    expect(stateIds(output.messages)).toEqual([]);
  }, 5_000);

  it("a short stream with one success among its records ends green", async () => {
    const { output, options: o } = options();
    const input = [
      ...campaign(2, () => ({ behaviour: "reject_plan", cause: "welcom_flow" })),
      recordMsg("campaign", { id: "c3" }),
      state("campaign", 3),
    ];
    const result = await runPipeline(numbered(input), o);
    expect(result.exitCode).toBe(0);
    expect(stateIds(output.messages)).toEqual([1, 2, 3]);
  });

  it("held records do not count against the read-ahead bound (no stall with a small bound)", async () => {
    const { output, options: o } = options({ maxPending: 3, maxConcurrency: 1 });
    const input = campaign(12, () => ({ behaviour: "reject", cause: "welcom_flow" }));
    const result = await runPipeline(numbered(input), o);
    expect(result.exitCode).toBe(1);
    expect(traces(output.messages)[0]!.message).toContain("its first 10 records");
  });

  it("another fatal error while records are held: they stay unsettled and the sync ends at once", async () => {
    const { output, options: o } = options();
    const input = [
      ...campaign(2, () => ({ behaviour: "reject_plan", cause: "welcom_flow" })),
      recordMsg("other", { id: "boom", behaviour: "fatal" }),
      state("other", 100),
    ];
    const started = Date.now();
    const result = await runPipeline(numbered(input), o);
    expect(result.exitCode).toBe(1);
    expect(traces(output.messages)[0]!.message).toContain("access token is invalid");
    expect(stateIds(output.messages)).toEqual([]);
    expect(Date.now() - started).toBeLessThan(900); // not the drain timeout
  });
});
