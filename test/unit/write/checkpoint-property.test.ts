import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { WebhookTarget } from "../../../src/config/index.js";
import type { OutputMessage, StateMessage } from "../../../src/protocol/index.js";
import { runPipeline } from "../../../src/write/index.js";
import type { Poster } from "../../../src/write/response-webhook/index.js";
import {
  type Behaviour,
  echoedStates,
  newLog,
  numbered,
  recordMsg,
  stateMsg,
  streamsAndOps,
} from "./support/fake-operation.js";

/**
 * Random interleavings of records (several streams and ordering keys, successes, rejections at
 * plan and call time, ambiguous sends, fatal errors, random delays) and states (STREAM, GLOBAL,
 * LEGACY) through the real pipeline with a fake operation, with and without a (fake) webhook.
 */
const STREAMS = ["a", "b", "c"] as const;

type Item =
  | { kind: "record"; stream: string; key: string; behaviour: Behaviour; delayMs: number }
  | { kind: "state"; scope: "STREAM" | "GLOBAL" | "LEGACY" | "NOTYPE"; stream: string };

const recordArb: fc.Arbitrary<Item> = fc.record({
  kind: fc.constant("record" as const),
  stream: fc.constantFrom(...STREAMS),
  key: fc.constantFrom("k1", "k2", "k3", "k4"),
  behaviour: fc.oneof(
    { weight: 12, arbitrary: fc.constant<Behaviour>("succeed") },
    { weight: 3, arbitrary: fc.constant<Behaviour>("reject") },
    { weight: 2, arbitrary: fc.constant<Behaviour>("reject_plan") },
    { weight: 2, arbitrary: fc.constant<Behaviour>("ambiguous") },
    { weight: 1, arbitrary: fc.constant<Behaviour>("fatal") },
  ),
  delayMs: fc.integer({ min: 0, max: 3 }),
});

const stateArb: fc.Arbitrary<Item> = fc.record({
  kind: fc.constant("state" as const),
  scope: fc.constantFrom("STREAM", "STREAM", "GLOBAL", "LEGACY", "NOTYPE"),
  stream: fc.constantFrom(...STREAMS),
});

const scenarioArb = fc.record({
  items: fc.array(fc.oneof({ weight: 3, arbitrary: recordArb }, { weight: 1, arbitrary: stateArb }), {
    maxLength: 40,
  }),
  maxConcurrency: fc.integer({ min: 1, max: 4 }),
  maxPending: fc.integer({ min: 1, max: 8 }),
  webhookBatch: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
});

function stateOf(item: Extract<Item, { kind: "state" }>, id: string): StateMessage["state"] {
  switch (item.scope) {
    case "STREAM":
      return { type: "STREAM", stream: { stream_descriptor: { name: item.stream }, stream_state: { id } } };
    case "GLOBAL":
      return { type: "GLOBAL", global: { shared_state: { id }, stream_states: [] } };
    case "LEGACY":
      return { type: "LEGACY", data: { id } };
    default:
      return { data: { id } };
  }
}

function scopeOf(item: Extract<Item, { kind: "state" }>): string {
  return item.scope === "STREAM" ? item.stream : "*global*";
}

function stateId(state: Record<string, unknown>): string {
  const s = state as {
    stream?: { stream_state?: { id: string } };
    global?: { shared_state?: { id: string } };
    data?: { id: string };
  };
  return s.stream?.stream_state?.id ?? s.global?.shared_state?.id ?? s.data?.id ?? "?";
}

type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

async function runScenario(scenario: Scenario): Promise<void> {
  const log = newLog();
  const { streams, operations } = streamsAndOps(log, STREAMS);
  const output: OutputMessage[] = [];
  const messages = scenario.items.map((item, index) =>
    item.kind === "record"
      ? recordMsg(item.stream, {
          id: `r${index}`,
          key: item.key,
          behaviour: item.behaviour,
          delayMs: item.delayMs,
        })
      : stateMsg(stateOf(item, `s${index}`)),
  );
  const useWebhook = scenario.webhookBatch !== undefined;
  const post: Poster = async (_headers, body) => {
    await new Promise((r) => setTimeout(r, 1));
    const parsed = JSON.parse(Buffer.from(body).toString("utf8")) as unknown;
    for (const envelope of Array.isArray(parsed) ? parsed : [parsed]) {
      log.events.push(`delivered:${(envelope as { record: { id: string } }).record.id}`);
    }
    return 200;
  };
  const target: WebhookTarget = {
    mode: "webhook",
    url: "http://127.0.0.1:9/hook",
    headers: {},
    include_record: true,
    batch_size: scenario.webhookBatch ?? 1,
    max_retries: 0,
  };
  const result = await runPipeline(numbered(messages), {
    streams,
    operations,
    output: {
      emit(message) {
        output.push(message);
        for (const state of echoedStates([message])) log.events.push(`state:${stateId(state)}`);
      },
      backlog: 0,
      flush: async () => {},
    },
    maxConcurrency: scenario.maxConcurrency,
    maxPending: scenario.maxPending,
    policy: { onRecordError: "reject", maxRejectedRecords: undefined },
    drainTimeoutMs: 2_000,
    progressIntervalMs: 60_000,
    ...(useWebhook ? { webhook: { target, post, lingerMs: 2 } } : {}),
  });

  const settledEvent = useWebhook ? "delivered" : "done";
  const position = (event: string): number => log.events.indexOf(event);
  const hasFatal = scenario.items.some((i) => i.kind === "record" && i.behaviour === "fatal");
  expect(result.exitCode).toBe(hasFatal ? 1 : 0);
  if (hasFatal) expect(output.at(-1)?.type).toBe("TRACE");
  expect(log.maxRunning).toBeLessThanOrEqual(scenario.maxConcurrency);

  const echoed = echoedStates(output);
  const echoedIds = echoed.map(stateId);
  expect(new Set(echoedIds).size).toBe(echoedIds.length);

  const inputIndexOf = (id: string): number => Number(id.slice(1));
  for (const state of echoed) {
    const id = stateId(state);
    const index = inputIndexOf(id);
    const item = scenario.items[index] as Extract<Item, { kind: "state" }>;
    const { destinationStats, ...rest } = state as { destinationStats: Record<string, number> };
    expect(rest).toEqual(stateOf(item, id));
    // Records of its scope since the previous state of that scope: all settled first, counted exactly.
    let count = 0;
    let rejected = 0;
    for (let i = index - 1; i >= 0; i--) {
      const earlier = scenario.items[i]!;
      if (earlier.kind === "state") {
        if (scopeOf(earlier) === scopeOf(item)) break;
        continue;
      }
      if (item.scope === "STREAM" && earlier.stream !== item.stream) continue;
      count++;
      if (earlier.behaviour === "reject" || earlier.behaviour === "reject_plan") rejected++;
    }
    for (let i = 0; i < index; i++) {
      const earlier = scenario.items[i]!;
      if (earlier.kind !== "record" || (item.scope === "STREAM" && earlier.stream !== item.stream)) continue;
      const settledAt = position(`${settledEvent}:r${i}`);
      expect(settledAt, `record r${i} settled before state ${id}`).toBeGreaterThanOrEqual(0);
      expect(settledAt).toBeLessThan(position(`state:${id}`));
    }
    expect(destinationStats.recordCount).toBe(count);
    expect(destinationStats.rejectedRecordCount).toBe(rejected > 0 ? rejected : undefined);
  }
  // Order: same scope, or either one global → arrival order.
  for (let x = 0; x < echoedIds.length; x++) {
    for (let y = x + 1; y < echoedIds.length; y++) {
      const a = scenario.items[inputIndexOf(echoedIds[x]!)] as Extract<Item, { kind: "state" }>;
      const b = scenario.items[inputIndexOf(echoedIds[y]!)] as Extract<Item, { kind: "state" }>;
      if (scopeOf(a) === scopeOf(b) || scopeOf(a) === "*global*" || scopeOf(b) === "*global*") {
        expect(inputIndexOf(echoedIds[x]!)).toBeLessThan(inputIndexOf(echoedIds[y]!));
      }
    }
  }
  if (!hasFatal) {
    const allStates = scenario.items.flatMap((item, index) => (item.kind === "state" ? [`s${index}`] : []));
    expect([...echoedIds].sort()).toEqual([...allStates].sort());
  }
}

describe("checkpoints under random interleavings", () => {
  it("echoes every state once, in order, unchanged, only after its records settle, with exact counts", async () => {
    await fc.assert(fc.asyncProperty(scenarioArb, runScenario), { numRuns: 300 });
  });
});
