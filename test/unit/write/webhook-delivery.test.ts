import { afterEach, describe, expect, it } from "vitest";
import { AddressRefusedError, Transport } from "../../../src/graph/index.js";
import {
  DEFAULT_WEBHOOK_RETRY,
  deliverWithRetries,
  type RetrySchedule,
  transportPoster,
} from "../../../src/write/response-webhook/index.js";
import { json, type LocalServer, startServer } from "../graph/support/local-server.js";

const servers: LocalServer[] = [];
const transports: Transport[] = [];
const timers: NodeJS.Timeout[] = [];
afterEach(async () => {
  for (const t of timers.splice(0)) clearInterval(t);
  await Promise.all(transports.splice(0).map((t) => t.close()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

function transport(trusted: string[], over: { requestTimeoutMs?: number } = {}) {
  const t = new Transport({
    connections: 2,
    requestTimeoutMs: over.requestTimeoutMs ?? 5_000,
    connectTimeoutMs: 5_000,
    maxResponseBytes: 64 * 1024,
    addresses: { trustedEndpoints: trusted },
  });
  transports.push(t);
  return t;
}

function schedule(maxRetries: number): RetrySchedule & { slept: number[] } {
  const slept: number[] = [];
  return {
    ...DEFAULT_WEBHOOK_RETRY,
    maxRetries,
    random: () => 0.5,
    sleep: async (ms) => {
      slept.push(ms);
    },
    slept,
  };
}

const body = Buffer.from("{}");
const signal = new AbortController().signal;

describe("webhook delivery goes through the one HTTP path and the one retry policy", () => {
  it("backs off with full jitter, as the Graph client does (not equal jitter)", async () => {
    const s = await startServer((_req, res) => res.writeHead(503).end());
    servers.push(s);
    const retry = schedule(3);
    const post = transportPoster(`${s.url}/hook`, transport([s.url]));
    await expect(deliverWithRetries(post, {}, body, retry, signal)).rejects.toMatchObject({
      code: "ERR_WEBHOOK_DELIVERY",
      failureType: "transient_error",
    });
    // uniform in [0, 500·2^(n-1)] with random 0.5: half of each ceiling (equal jitter would be 3/4)
    expect(retry.slept).toEqual([250, 500, 1000]);
    expect(s.requests).toHaveLength(4);
  });

  it("a receiver trickling its answer forever ends at the deadline and is retried, then fails as transient", async () => {
    const s = await startServer((_req, res) => {
      res.writeHead(200);
      const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write(" ")), 40);
      timers.push(timer);
    });
    servers.push(s);
    const post = transportPoster(`${s.url}/hook`, transport([s.url], { requestTimeoutMs: 300 }));
    const error = await deliverWithRetries(post, {}, body, schedule(1), signal).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "ERR_WEBHOOK_DELIVERY" });
    expect((error as Error).message).toContain("no complete answer within 300 ms");
    expect(s.requests).toHaveLength(2);
  });

  it("a receiver answering more than the cap fails the delivery without growing memory", async () => {
    const s = await startServer((_req, res) => json(res, 200, { pad: "x".repeat(200_000) }));
    servers.push(s);
    const post = transportPoster(`${s.url}/hook`, transport([s.url]));
    const error = await deliverWithRetries(post, {}, body, schedule(0), signal).catch((e: unknown) => e);
    expect((error as Error).message).toContain(`an answer over ${64 * 1024} bytes`);
  });

  it("a webhook host that is not configured and is internal is refused as a config error, never retried", async () => {
    const s = await startServer((_req, res) => res.writeHead(200).end());
    servers.push(s);
    const port = new URL(s.url).port;
    const post = transportPoster(`http://127.0.0.3:${port}/hook`, transport([s.url]));
    const retry = schedule(3);
    const error = await deliverWithRetries(post, {}, body, retry, signal).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AddressRefusedError);
    expect(error).toMatchObject({ failureType: "config_error", host: "127.0.0.3" });
    expect(retry.slept).toEqual([]);
    expect(s.requests).toHaveLength(0);
  });
});
