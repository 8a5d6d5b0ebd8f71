import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { verifySignature } from "../../src/write/index.js";
import { type RunningS3, startS3 } from "../support/s3-server.js";
import {
  BUCKET_PATH,
  logs,
  objectStorage,
  sendTo,
  storedLines,
  writeSync,
} from "./object-storage-support.js";
import {
  acceptedSends,
  configFor,
  emulator,
  globalState,
  lines,
  PUBLISHED_FLOW,
  states,
  trace,
} from "./write-support.js";

/**
 * A response webhook that goes down and comes back. Whatever it does, a record whose call was
 * made is checkpointed (its STATE echoed) and never sent again: without object storage its
 * undelivered envelope is named in a LOG line; with it, the envelope waits in the bucket's outbox
 * and the next sync delivers it first, signed, in order, once.
 */
type Health = "ok" | "500" | "hang";

interface Delivery {
  readonly body: string;
  readonly headers: IncomingHttpHeaders;
}

interface Receiver {
  readonly url: string;
  /** Deliveries answered 200, in arrival order. */
  readonly delivered: Delivery[];
  /** Deliveries refused or left hanging. */
  failed: number;
  health: Health;
  /** How long a 500 takes to come back. */
  slowMs: number;
  close(): Promise<void>;
}

async function receiver(): Promise<Receiver> {
  const state = { health: "ok" as Health, failed: 0, slowMs: 0, delivered: [] as Delivery[] };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      if (state.health === "hang") {
        state.failed++;
        return;
      }
      if (state.health === "500") {
        state.failed++;
        setTimeout(() => res.writeHead(500).end(), state.slowMs);
        return;
      }
      state.delivered.push({ body: Buffer.concat(chunks).toString("utf8"), headers: req.headers });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    delivered: state.delivered,
    get failed() {
      return state.failed;
    },
    get health() {
      return state.health;
    },
    set health(health: Health) {
      state.health = health;
    },
    get slowMs() {
      return state.slowMs;
    },
    set slowMs(ms: number) {
      state.slowMs = ms;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const SECRET = "outage-webhook-signing-secret-1";
const OUTBOX = `${BUCKET_PATH}/_whatsapp_flows_webhook_outbox/`;

let emu: RunningEmulator;
let s3: RunningS3;
let hook: Receiver;
let syncId = 21_000;

beforeAll(async () => {
  [emu, s3, hook] = await Promise.all([emulator(), startS3(), receiver()]);
});
afterAll(async () => {
  await Promise.all([emu.close(), s3.close(), hook.close()]);
});
beforeEach(() => {
  emu.reset();
  hook.health = "ok";
  hook.slowMs = 0;
  hook.delivered.length = 0;
  syncId++;
});

function config(messagesPerSecond: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return configFor(emu, {
    response_webhook: { mode: "webhook", url: hook.url, signing_secret: SECRET, max_retries: 1 },
    throughput: {
      messages_per_second: messagesPerSecond,
      max_concurrency: 4,
      request_timeout_seconds: 1,
      max_retries: 1,
      max_retry_wait_seconds: 5,
    },
    ...extra,
  });
}

/** Every envelope delivered, in order, after checking each delivery's signature. */
function envelopes(deliveries: readonly Delivery[]): Array<Record<string, unknown>> {
  return deliveries.flatMap(({ body, headers }) => {
    expect(verifySignature(SECRET, Buffer.from(body), headers["x-signature-256"] as string)).toBe(true);
    const parsed = JSON.parse(body) as Record<string, unknown> | Array<Record<string, unknown>>;
    return Array.isArray(parsed) ? parsed : [parsed];
  });
}

/** The input after the last STATE the sync echoed: what the platform's next attempt sends. */
function rest(input: string[], result: Parameters<typeof states>[0]): string[] {
  const echoed = states(result).map((s) => JSON.stringify((s.state as { global?: unknown }).global));
  const last = echoed.at(-1);
  if (last === undefined) return input;
  const at = input.findIndex((line) => {
    const message = JSON.parse(line) as { type: string; state?: { global?: unknown } };
    return message.type === "STATE" && JSON.stringify(message.state?.global) === last;
  });
  return input.slice(at + 1);
}

describe("a webhook outage without object storage", () => {
  it.each(["500", "hang"] as const)(
    "on %s: the STATE of every record sent is echoed, the sync ends transient naming the undelivered records, and a rerun sends nothing twice",
    async (failure) => {
      const input = Array.from({ length: 12 }, (_, i) => [
        sendTo(`1555210${String(i).padStart(4, "0")}`),
        globalState(i + 1),
      ]).flat();
      // Paced, so that the webhook gives up while records are still to be sent: the rerun sends them.
      hook.health = failure;
      const failed = await writeSync(config("5"), syncId, lines(...input));

      expect(failed.code).toBe(1);
      expect(trace(failed).failure_type).toBe("transient_error");
      const sent = acceptedSends(emu);
      expect(sent.size).toBeGreaterThan(0);
      // Every record sent was settled: its STATE went out though its envelope did not.
      expect(states(failed).at(-1)?.state.global).toEqual({
        shared_state: { cursor: sent.size },
        stream_states: [],
      });
      expect(trace(failed).message).toContain(`${sent.size} response webhook envelope(s) were not delivered`);
      const named = logs(failed, /response webhook envelope .* was not delivered/);
      expect(named).toHaveLength(sent.size);
      for (const to of sent.keys())
        expect(named.some((line) => line.includes(`to=…${to.slice(-4)}`))).toBe(true);
      expect(hook.failed).toBeGreaterThanOrEqual(2);
      expect(hook.delivered).toHaveLength(0);

      hook.health = "ok";
      const rerun = await writeSync(config("0"), syncId, lines(...rest(input, failed)));
      expect(rerun.code).toBe(0);
      const counts = acceptedSends(emu);
      expect(counts.size).toBe(12);
      expect([...counts.values()].every((count) => count === 1)).toBe(true);
      expect(envelopes(hook.delivered)).toHaveLength(12 - sent.size);
    },
    60_000,
  );
});

describe("a webhook outage with object storage", () => {
  it("keeps the undelivered envelopes in the bucket's outbox; the next sync delivers them first, signed, in order per recipient, each once", async () => {
    // Five recipients, four messages each: each recipient's envelopes must keep their order.
    const input = Array.from({ length: 20 }, (_, i) => [
      sendTo(`155522100${i % 5}`, { body: `Message ${i}` }),
      ...(i % 5 === 4 ? [globalState(i + 1)] : []),
    ]).flat();
    const withBucket = config("0", { object_storage_config: objectStorage(s3) });
    // A receiver slow to fail: the sync sends all its records meanwhile, and each is outboxed.
    hook.health = "500";
    hook.slowMs = 300;
    const failed = await writeSync(withBucket, syncId, lines(...input));

    expect(failed.code).toBe(1);
    expect(trace(failed).failure_type).toBe("transient_error");
    const outboxed = await storedLines(s3, OUTBOX);
    expect(outboxed.length).toBeGreaterThan(0);
    expect(trace(failed).message).toContain(
      `${outboxed.length} response webhook envelope(s) were not delivered and are stored in the webhook outbox s3://${s3.bucket}/${OUTBOX}`,
    );
    const sentBefore = [...acceptedSends(emu).values()].reduce((a, b) => a + b, 0);
    expect(outboxed.length).toBe(sentBefore);
    expect(states(failed).length).toBeGreaterThan(0);

    hook.health = "ok";
    const later = [sendTo("15552210009", { body: "Later" }), globalState(99)];
    const next = await writeSync(withBucket, syncId, lines(...rest(input, failed), ...later));
    expect(next.code).toBe(0);
    expect(logs(next, /Delivered \d+ response webhook envelope\(s\) an earlier sync left/)).toEqual([
      `Delivered ${outboxed.length} response webhook envelope(s) an earlier sync left in the webhook outbox s3://${s3.bucket}/${OUTBOX}, before this sync's records`,
    ]);
    const received = envelopes(hook.delivered);
    // First the outbox, as stored; then the sync's own records.
    expect(received.slice(0, outboxed.length)).toEqual(outboxed);
    const keys = received.map((e) => e.idempotency_key);
    expect(new Set(keys).size).toBe(keys.length);
    const byRecipient = new Map<string, number[]>();
    for (const envelope of received.slice(0, outboxed.length)) {
      const key = envelope.record_key as string;
      byRecipient.set(key, [...(byRecipient.get(key) ?? []), envelope.record_index as number]);
    }
    for (const indexes of byRecipient.values()) expect(indexes).toEqual([...indexes].sort((a, b) => a - b));
    expect(await s3.keys(OUTBOX)).toEqual([]);
    // Nobody messaged twice, nobody left behind.
    const counts = acceptedSends(emu);
    expect(counts.size).toBe(6);
    expect([...counts.values()].sort()).toEqual([1, 4, 4, 4, 4, 4]);
    expect(received.slice(outboxed.length).map((e) => e.record_key)).toContain(
      `to=…0009 flow_id=${PUBLISHED_FLOW}`,
    );
  }, 60_000);
});
