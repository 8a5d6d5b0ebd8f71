import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { WebhookTarget } from "../../../src/config/index.js";
import { Transport } from "../../../src/graph/index.js";
import { MemoryOutput, runPipeline, transportPoster, verifySignature } from "../../../src/write/index.js";
import {
  newLog,
  numbered,
  recordMsg,
  stateMsg,
  streamsAndOps,
} from "../../unit/write/support/fake-operation.js";

const SECRET = "whsec-test-signing-secret";

interface Delivery {
  readonly body: Buffer;
  readonly headers: IncomingMessage["headers"];
  readonly status: number;
}

/** A webhook receiver on 127.0.0.1 answering with the statuses it is given, then 200. */
async function receiver(
  statuses: number[] = [],
): Promise<{ url: string; deliveries: Delivery[]; server: Server }> {
  const deliveries: Delivery[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const status = statuses.shift() ?? 200;
      deliveries.push({ body: Buffer.concat(chunks), headers: req.headers, status });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook?team=growth`, deliveries, server };
}

let servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  servers = [];
});

function target(url: string, extra: Partial<WebhookTarget> = {}): WebhookTarget {
  return {
    mode: "webhook",
    url,
    headers: { authorization: "Bearer hook-auth-123", "x-team": "growth" },
    signing_secret: SECRET,
    include_record: false,
    batch_size: 1,
    max_retries: 3,
    ...extra,
  };
}

async function run(t: WebhookTarget, records: number) {
  const log = newLog();
  const output = new MemoryOutput();
  const transport = new Transport({
    connections: 4,
    requestTimeoutMs: 5_000,
    connectTimeoutMs: 5_000,
    addresses: { trustedEndpoints: [t.url] },
  });
  const messages = [
    ...Array.from({ length: records }, (_, i) =>
      recordMsg("a", { id: `r${i + 1}`, behaviour: i === 1 ? "reject" : "succeed" }),
    ),
    stateMsg({ type: "STREAM", stream: { stream_descriptor: { name: "a" } } }),
  ];
  const result = await runPipeline(numbered(messages), {
    ...streamsAndOps(log, ["a"]),
    output,
    maxConcurrency: 4,
    policy: { onRecordError: "reject", maxRejectedRecords: undefined },
    progressIntervalMs: 60_000,
    syncId: "sync-1",
    webhook: {
      target: t,
      post: transportPoster(t.url, transport),
      retry: { baseDelayMs: 5, maxDelayMs: 20 },
      lingerMs: 5,
    },
  });
  await transport.close();
  return { result, output };
}

describe("response webhook", () => {
  it("signs every delivery, retries failures with the same Idempotency-Key, settles only delivered records", async () => {
    const hook = await receiver([500, 503]);
    servers.push(hook.server);
    const { result, output } = await run(target(hook.url), 3);
    expect(result.exitCode).toBe(0);
    const ok = hook.deliveries.filter((d) => d.status === 200);
    expect(ok).toHaveLength(3);
    for (const d of hook.deliveries) {
      expect(verifySignature(SECRET, d.body, d.headers["x-signature-256"] as string)).toBe(true);
      expect(d.headers.authorization).toBe("Bearer hook-auth-123");
      expect(d.headers["content-type"]).toBe("application/json");
    }
    const envelopes = ok.map((d) => JSON.parse(d.body.toString("utf8")) as Record<string, unknown>);
    const byIndex = new Map(envelopes.map((e) => [e.record_index, e]));
    expect(byIndex.get(1)).toMatchObject({
      stream: "a",
      namespace: null,
      outcome: "succeeded",
      attempts: 1,
      template: "advanced",
    });
    expect(byIndex.get(2)).toMatchObject({ outcome: "rejected", error: { code: "ERR_RECORD_INVALID" } });
    expect(byIndex.get(1)).not.toHaveProperty("record");
    // The failed attempts were retried with the same key as the delivery that finally succeeded.
    const keys = new Set(ok.map((d) => d.headers["idempotency-key"]));
    expect(keys.size).toBe(3);
    for (const failed of hook.deliveries.filter((d) => d.status !== 200)) {
      expect(keys.has(failed.headers["idempotency-key"])).toBe(true);
    }
    const states = output.messages.filter((m) => m.type === "STATE");
    expect(states).toHaveLength(1);
  });

  it("batches envelopes as a JSON array with include_record", async () => {
    const hook = await receiver();
    servers.push(hook.server);
    const { result } = await run(target(hook.url, { batch_size: 2, include_record: true }), 3);
    expect(result.exitCode).toBe(0);
    const batches = hook.deliveries.map(
      (d) => JSON.parse(d.body.toString("utf8")) as Array<Record<string, unknown>>,
    );
    expect(batches.every(Array.isArray)).toBe(true);
    expect(batches.flat()).toHaveLength(3);
    expect(batches.flat()[0]).toHaveProperty("record");
  });

  it("a webhook that keeps failing is a transient_error, yet the STATE of the records it could not tell about goes out", async () => {
    const hook = await receiver(Array(20).fill(500));
    servers.push(hook.server);
    const { result, output } = await run(target(hook.url, { max_retries: 2 }), 2);
    expect(result.exitCode).toBe(1);
    expect(result.fatal?.failureType).toBe("transient_error");
    expect(result.fatal?.message).toContain("2 response webhook envelope(s) were not delivered");
    // Both calls were made: holding their state back would only have the next attempt repeat them.
    expect(output.messages.filter((m) => m.type === "STATE")).toHaveLength(1);
    const named = output.messages.filter(
      (m) => m.type === "LOG" && /envelope .* was not delivered/.test((m.log as { message: string }).message),
    );
    expect(named).toHaveLength(2);
  });

  it("a 401 from the webhook is a config_error at once", async () => {
    const hook = await receiver([401]);
    servers.push(hook.server);
    const { result } = await run(target(hook.url), 1);
    expect(result.fatal?.failureType).toBe("config_error");
    expect(hook.deliveries).toHaveLength(1);
  });
});
