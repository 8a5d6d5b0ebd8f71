import { setTimeout as delay } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { TransientError } from "../../../src/errors/index.js";
import type { Outcome } from "../../../src/operations/contract/operation.js";
import type { OutputMessage } from "../../../src/protocol/index.js";
import {
  MemoryOutput,
  type PipelineOptions,
  type RecordJournal,
  runPipeline,
} from "../../../src/write/index.js";
import type { CallGrants } from "../../../src/write/journal/index.js";
import type { RecordJob } from "../../../src/write/record-job.js";
import { newLog, numbered, recordMsg, stateMsg, streamsAndOps } from "./support/fake-operation.js";

function deferred(): { promise: Promise<void>; resolve(): void; reject(e: unknown): void } {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A journal the test drives by hand: each intent and each stored outcome waits for the test. */
class ManualJournal implements RecordJournal {
  readonly wantsRecords = true;
  readonly intents = new Map<string, ReturnType<typeof deferred>>();
  readonly stores = new Map<string, ReturnType<typeof deferred>>();
  readonly received: Array<Record<string, unknown> | undefined> = [];
  readonly notCalledIds: string[] = [];
  hurried = 0;
  constructor(private readonly skip: Record<string, Outcome> = {}) {}
  journals(): boolean {
    return true;
  }
  beforeCall(job: RecordJob): Promise<Outcome | undefined> | Outcome | undefined {
    const id = String(job.received?.id);
    this.received.push(job.received);
    if (this.skip[id] !== undefined) return this.skip[id];
    const d = deferred();
    this.intents.set(id, d);
    return d.promise.then(() => undefined);
  }
  afterOutcome(job: RecordJob): Promise<void> {
    const d = deferred();
    this.stores.set(String(job.received?.id), d);
    return d.promise.then(() => undefined);
  }
  intentStoreMs(): number {
    return 350;
  }
  hurry(): void {
    this.hurried++;
  }
  notCalled(job: RecordJob): void {
    this.notCalledIds.push(String(job.received?.id));
  }
  async close(): Promise<void> {}
}

const globalState = (id: number) =>
  stateMsg({ type: "GLOBAL", global: { shared_state: { id }, stream_states: [] } });
const twoRecordsThenState = () =>
  numbered([recordMsg("a", { id: "1" }), recordMsg("a", { id: "2" }), globalState(1)]);
const ofType = (messages: OutputMessage[], type: string) => messages.filter((m) => m.type === type);

function setup(journal: RecordJournal) {
  const log = newLog();
  const output = new MemoryOutput();
  const options: PipelineOptions = {
    ...streamsAndOps(log, ["a"]),
    output,
    maxConcurrency: 4,
    policy: { onRecordError: "reject", maxRejectedRecords: undefined },
    drainTimeoutMs: 1_000,
    progressIntervalMs: 60_000,
    journal,
  };
  return { log, output, options };
}

/** `count` records and a STATE through the pipeline, stopped by aborting the returned controller. */
function stoppableRun(journal: ManualJournal, count: number, extra: Partial<PipelineOptions> = {}) {
  const { log, options } = setup(journal);
  const records = Array.from({ length: count }, (_, i) => recordMsg("a", { id: String(i) }));
  const controller = new AbortController();
  const run = runPipeline(numbered([...records, globalState(1)]), {
    ...options,
    ...extra,
    signal: controller.signal,
  });
  return { log, controller, run };
}

/** Stops the run and lets every intent and store through, so that it ends. */
async function stopAndDrain(journal: ManualJournal, { controller, run }: ReturnType<typeof stoppableRun>) {
  controller.abort();
  for (const d of journal.intents.values()) d.resolve();
  for (const d of journal.stores.values()) d.resolve();
  await delay(20);
  for (const d of journal.stores.values()) d.resolve();
  await run;
}

describe("write pipeline with a record journal (object storage)", () => {
  it("makes no call before its intent is stored, and echoes no STATE before its records' outcomes are stored", async () => {
    const journal = new ManualJournal();
    const { log, output, options } = setup(journal);
    const run = runPipeline(twoRecordsThenState(), options);
    await delay(20);
    expect(log.executed).toEqual([]);
    expect(journal.received).toEqual([{ id: "1" }, { id: "2" }]);
    journal.intents.get("1")!.resolve();
    await delay(20);
    expect(log.executed).toEqual(["1"]);
    journal.intents.get("2")!.resolve();
    await delay(20);
    expect(log.executed).toEqual(["1", "2"]);
    journal.stores.get("1")!.resolve();
    await delay(20);
    expect(ofType(output.messages, "STATE")).toHaveLength(0);
    journal.stores.get("2")!.resolve();
    expect((await run).exitCode).toBe(0);
    expect(ofType(output.messages, "STATE")).toHaveLength(1);
  });

  it("settles a record the journal already knows without calling it", async () => {
    const known: Outcome = {
      kind: "succeeded",
      request: { method: "POST", url: "u" },
      response: { status: 200, body: null },
      resolution: "sent_in_earlier_attempt",
    };
    const journal = new ManualJournal({ "1": known });
    const { log, output, options } = setup(journal);
    const run = runPipeline(numbered([recordMsg("a", { id: "1" }), globalState(1)]), options);
    await delay(20);
    journal.stores.get("1")!.resolve();
    expect((await run).exitCode).toBe(0);
    expect(log.executed).toEqual([]);
    expect(ofType(output.messages, "STATE")).toHaveLength(1);
  });

  it("stops with the store's transient_error, no STATE, and never calls a record whose intent failed", async () => {
    const journal = new ManualJournal();
    const { log, output, options } = setup(journal);
    const run = runPipeline(twoRecordsThenState(), options);
    await delay(20);
    journal.intents.get("1")!.resolve();
    await delay(20);
    journal.stores.get("1")!.reject(new TransientError("object storage: PUT failed with ServiceUnavailable"));
    journal.intents.get("2")!.resolve();
    const result = await run;
    expect(result.exitCode).toBe(1);
    expect(result.fatal?.failureType).toBe("transient_error");
    expect(log.executed).toEqual(["1"]);
    expect(journal.notCalledIds).toEqual(["2"]);
    expect(ofType(output.messages, "STATE")).toHaveLength(0);
  });

  it("writes intents only a little ahead of the calls: records held back have none and leave on a stop", async () => {
    const journal = new ManualJournal();
    const { log, controller, run } = stoppableRun(journal, 40);
    await delay(20);
    // max_concurrency 4: intents for twice as many calls, no more, until calls finish.
    expect(journal.intents.size).toBe(8);
    for (const id of ["0", "1"]) journal.intents.get(id)!.resolve();
    await delay(20);
    expect(log.executed).toEqual(["0", "1"]);
    expect(journal.intents.size).toBe(10);
    controller.abort();
    for (const d of journal.stores.values()) d.resolve();
    const pending = ["2", "3", "4", "5", "6", "7", "8", "9"];
    for (const id of pending) journal.intents.get(id)!.resolve();
    const result = await run;
    expect(result.exitCode).toBe(1);
    // Intents stored for calls that never left are marked, so that the next attempt sends them.
    expect(journal.notCalledIds.sort()).toEqual(pending.sort());
    // The 30 held back never reached the journal.
    expect(journal.received).toHaveLength(10);
  });

  it("stores the intents at once when every call waits for one and records are held back, not before", async () => {
    const fewer = new ManualJournal();
    const few = setup(fewer);
    const short = runPipeline(twoRecordsThenState(), few.options);
    await delay(20);
    // Two records, a lead of eight: the reader is the limit, the batching delay may gather lines.
    expect(fewer.hurried).toBe(0);
    for (const d of fewer.intents.values()) d.resolve();
    await delay(20);
    for (const d of fewer.stores.values()) d.resolve();
    await short;

    const journal = new ManualJournal();
    const running = stoppableRun(journal, 40);
    await delay(20);
    // Eight intents written, 32 records held back, no call ready: waiting for a linger idles all.
    expect(journal.intents.size).toBe(8);
    expect(journal.hurried).toBeGreaterThan(0);
    await stopAndDrain(journal, running);
  });

  it("stores the waiting lines at once when the read-ahead is full and no call can run", async () => {
    const journal = new ManualJournal();
    // Three records read ahead, a lead of eight: the reader waits for records to settle.
    const running = stoppableRun(journal, 10, { maxPending: 3 });
    await delay(20);
    expect(journal.intents.size).toBe(3);
    const hurriedForIntents = journal.hurried;
    expect(hurriedForIntents).toBeGreaterThan(0);
    for (const d of journal.intents.values()) d.resolve();
    await delay(20);
    expect(running.log.executed).toEqual(["0", "1", "2"]);
    // The three calls are done and wait for their outcomes to be stored: so does the reader.
    expect(journal.hurried).toBeGreaterThan(hurriedForIntents);
    await stopAndDrain(journal, running);
  });

  it("with a known pace, intents cover one store of calls at that pace from the first record (no ramp-up)", async () => {
    const journal = new ManualJournal();
    const running = stoppableRun(journal, 700, { maxPending: 1_000, pacedCallsPerSecond: 1_000 });
    await delay(50);
    // 350 ms of the journal's store at 1,000/s and a margin of two; unpaced it is 8 (above).
    expect(journal.intents.size).toBe(352);
    await stopAndDrain(journal, running);
  });
});

/** A journal that writes each intent only once the call's pacing grant came, as the ledger does. */
class GrantedJournal extends ManualJournal {
  override beforeCall(
    job: RecordJob,
    granted?: () => Promise<void> | null,
  ): Promise<Outcome | undefined> | Outcome | undefined {
    const grant = granted?.() ?? null;
    if (grant === null) return super.beforeCall(job);
    return grant.then(() => super.beforeCall(job));
  }
}

/** Pacing grants the test gives by hand; a stop withdraws the ones still waiting. */
function manualGrants(pace: () => number = () => 80) {
  const waiting: Array<ReturnType<typeof deferred>> = [];
  const givenBack: unknown[] = [];
  const grants: CallGrants = {
    take: (_plan, signal) => {
      const d = deferred();
      signal.addEventListener("abort", () => d.reject(signal.reason), { once: true });
      waiting.push(d);
      return d.promise;
    },
    giveBack: (plan) => void givenBack.push(plan),
    pace,
  };
  return { waiting, givenBack, grants };
}

describe("a paced sync's sends: the pacing grant before the intent", () => {
  it("writes a send's intent only once its grant came, calls it once the intent is stored, and gives back the grants of calls a stop kept from leaving", async () => {
    const journal = new GrantedJournal();
    const { waiting, givenBack, grants } = manualGrants();
    const running = stoppableRun(journal, 10, { pacedCallsPerSecond: 80, callGrants: grants });
    await delay(20);
    // Every record asked for its grant; none has an intent yet (a kill now leaves nothing ambiguous).
    expect(waiting).toHaveLength(10);
    expect(journal.intents.size).toBe(0);
    waiting[0]!.resolve();
    waiting[1]!.resolve();
    await delay(20);
    expect([...journal.intents.keys()]).toEqual(["0", "1"]);
    expect(running.log.executed).toEqual([]);
    journal.intents.get("0")!.resolve();
    await delay(20);
    expect(running.log.executed).toEqual(["0"]);
    // Stopped: "1" has its grant and its intent is being stored, the eight others wait for grants.
    running.controller.abort();
    journal.intents.get("1")!.resolve();
    for (const d of journal.stores.values()) d.resolve();
    await delay(20);
    for (const d of journal.stores.values()) d.resolve();
    expect((await running.run).exitCode).toBe(1);
    expect(journal.notCalledIds).toEqual(["1"]);
    expect(givenBack).toHaveLength(1);
    // The eight withdrawn never reached the journal's intents.
    expect(journal.intents.size).toBe(2);
  });

  it("lets as many records ask for grants as one store takes at every sender's pace together, once more senders have sent", async () => {
    const journal = new GrantedJournal();
    let lanes = 80;
    const { waiting, grants } = manualGrants(() => lanes);
    const running = stoppableRun(journal, 300, {
      maxPending: 1_000,
      pacedCallsPerSecond: 80,
      callGrants: grants,
    });
    await delay(20);
    // The journal's 350 ms store at 80/s, and a margin of two.
    expect(waiting).toHaveLength(28 + 2);
    // Four senders have sent now: the lanes allow 320/s together.
    lanes = 320;
    waiting[0]!.resolve();
    await delay(20);
    journal.intents.get("0")!.resolve();
    await delay(20);
    expect(running.log.executed).toEqual(["0"]);
    journal.stores.get("0")?.resolve();
    await delay(20);
    // One store at 320/s and the margin, plus the API's own time at that pace (the call of "0"
    // took a millisecond or so here), never more than the four connections.
    expect(waiting.length).toBeGreaterThanOrEqual(1 + 112 + 2);
    expect(waiting.length).toBeLessThanOrEqual(1 + 112 + 2 + 4);
    await stopAndDrain(journal, running);
  });
});
