import { setTimeout as delay } from "node:timers/promises";
import {
  ConfigError,
  type ConfigLevelCause,
  RecordError,
  TransientError,
} from "../../../../src/errors/index.js";
import type { Operation, Outcome, RecordContext } from "../../../../src/operations/contract/operation.js";
import type { ResolvedStream } from "../../../../src/operations/contract/resolved-stream.js";
import {
  type NumberedMessage,
  type OutputMessage,
  parseInputLine,
  type StateMessage,
} from "../../../../src/protocol/index.js";
import { MemoryOutput, type PipelineOptions } from "../../../../src/write/index.js";

/**
 * A stand-in operation driven by the record itself: `{id, key, behaviour, delayMs, cause}` (a
 * `cause` makes a rejection configuration-level: no record naming it could succeed). It logs into
 * a shared event list when a record's call ends, so tests can check that a STATE was echoed only
 * after the calls of its records ended.
 */
export type Behaviour = "succeed" | "reject" | "reject_plan" | "ambiguous" | "fatal";

export interface FakePlan {
  readonly id: string;
  readonly key: string;
  readonly behaviour: Behaviour;
  readonly delayMs: number;
  readonly cause: string | undefined;
  /** The record's tally: the fake's one "call" is counted on it, as callGraph counts real ones. */
  readonly calls: RecordContext["calls"];
}

export interface FakeLog {
  readonly events: string[];
  running: number;
  maxRunning: number;
  readonly perKeyRunning: Map<string, number>;
  readonly executed: string[];
}

export function newLog(): FakeLog {
  return { events: [], running: 0, maxRunning: 0, perKeyRunning: new Map(), executed: [] };
}

export function fakeOperation(log: FakeLog): Operation<FakePlan> {
  return {
    name: "advanced",
    effects: "writes",
    plan(record, context: RecordContext) {
      const id = String(record.id);
      if (record.behaviour === "reject_plan") {
        log.events.push(`done:${id}`);
        throw new RecordError(
          `stream "${context.stream.name}" record ${context.recordIndex}: field "x" is bad`,
          { field: "x", configCause: causeOf(record.cause) },
        );
      }
      return {
        id,
        key: String(record.key ?? id),
        behaviour: (record.behaviour as Behaviour | undefined) ?? "succeed",
        delayMs: typeof record.delayMs === "number" ? record.delayMs : 0,
        cause: typeof record.cause === "string" ? record.cause : undefined,
        calls: context.calls,
      };
    },
    orderingKey: (plan) => plan.key,
    describe: (plan) => ({
      request: { method: "POST", url: `https://graph.example/v23.0/${plan.key}` },
      headers: { authorization: "Bearer **********" },
      body: { id: plan.id },
    }),
    async execute(plan, signal): Promise<Outcome> {
      log.running++;
      log.maxRunning = Math.max(log.maxRunning, log.running);
      const perKey = (log.perKeyRunning.get(plan.key) ?? 0) + 1;
      log.perKeyRunning.set(plan.key, perKey);
      if (perKey > 1) throw new Error(`two calls of key ${plan.key} ran at once`);
      log.executed.push(plan.id);
      try {
        if (plan.delayMs > 0) await delay(plan.delayMs, undefined, signal ? { signal } : undefined);
        else await Promise.resolve();
      } finally {
        log.running--;
        log.perKeyRunning.set(plan.key, perKey - 1);
      }
      const request = { method: "POST", url: `https://graph.example/v23.0/${plan.key}` };
      if (plan.behaviour !== "fatal") plan.calls.add(1);
      switch (plan.behaviour) {
        case "fatal":
          throw new ConfigError("the access token is invalid (Graph error 190)", { code: "ERR_GRAPH_API" });
        case "reject":
          log.events.push(`done:${plan.id}`);
          return {
            kind: "rejected",
            request,
            response: { status: 400, body: { error: { code: 100 } } },
            error: new RecordError("Graph API error 100: invalid parameter", {
              configCause: causeOf(plan.cause),
            }),
          };
        case "ambiguous":
          log.events.push(`done:${plan.id}`);
          return { kind: "ambiguous", request, error: new TransientError("connection reset") };
        default:
          log.events.push(`done:${plan.id}`);
          return {
            kind: "succeeded",
            request,
            response: { status: 200, body: { id: plan.id } },
          };
      }
    },
  };
}

/** A configuration-level cause named by a record's `cause` field. */
function causeOf(name: unknown): ConfigLevelCause | undefined {
  if (typeof name !== "string") return undefined;
  return { key: name, problem: `template "${name}" does not exist`, hint: `Create template "${name}"` };
}

export function stream(name: string, namespace?: string): ResolvedStream {
  const key = namespace ? `${namespace}\u0000${name}` : name;
  return {
    name,
    namespace,
    key,
    endpoint: { template: "publish_flow" } as ResolvedStream["endpoint"],
    configPath: "streams[0].endpoint",
    syncMode: "append",
  };
}

export function streamsAndOps(log: FakeLog, names: readonly string[]) {
  const streams = new Map<string, ResolvedStream>();
  const operations = new Map<string, Operation>();
  const op = fakeOperation(log) as unknown as Operation;
  for (const name of names) {
    const s = stream(name);
    streams.set(s.key, s);
    operations.set(s.key, op);
  }
  return { streams, operations };
}

export function recordMsg(streamName: string, data: Record<string, unknown>) {
  return { type: "RECORD" as const, record: { stream: streamName, data } };
}

/** Pipeline options over the fake operation for `names`, with a memory output and short bounds. */
export function pipelineOptions(names: readonly string[], overrides: Partial<PipelineOptions> = {}) {
  const log = newLog();
  const output = new MemoryOutput();
  const base: PipelineOptions = {
    ...streamsAndOps(log, names),
    output,
    maxConcurrency: 4,
    policy: { onRecordError: "reject", maxRejectedRecords: undefined },
    drainTimeoutMs: 1_000,
    progressIntervalMs: 60_000,
    ...overrides,
  };
  return { log, output, options: base };
}

/** A STATE as the reader makes it from its line (with the text its echo splices into). */
export function stateMsg(state: StateMessage["state"]): StateMessage {
  return parseInputLine(JSON.stringify({ type: "STATE", state }), 0) as StateMessage;
}

/** The `state` of each echoed STATE line, parsed back. */
export function echoedStates(messages: readonly OutputMessage[]): Array<Record<string, unknown>> {
  return messages.flatMap((m) =>
    m.type === "STATE" ? [(JSON.parse(m.line) as { state: Record<string, unknown> }).state] : [],
  );
}

export async function* numbered(
  messages: readonly NumberedMessage["message"][],
): AsyncGenerator<NumberedMessage> {
  let lineNumber = 0;
  for (const message of messages) {
    lineNumber++;
    yield { lineNumber, message };
  }
}
