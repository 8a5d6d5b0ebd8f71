import type { ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import {
  AddressRefusedError,
  classificationOf,
  GraphClient,
  NetworkError,
  RequestTimeoutError,
  type Resolver,
  ResponseTooLargeError,
} from "../../../src/graph/index.js";
import { clientOptions } from "./support/client-options.js";
import { json, type LocalServer, startServer } from "./support/local-server.js";
import { readRequest, sendRequest } from "./support/requests.js";

const servers: LocalServer[] = [];
const clients: GraphClient[] = [];
const timers: NodeJS.Timeout[] = [];
afterEach(async () => {
  for (const t of timers.splice(0)) clearInterval(t);
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function server(handler: Parameters<typeof startServer>[0]): Promise<LocalServer> {
  const s = await startServer(handler);
  servers.push(s);
  return s;
}

function client(...args: Parameters<typeof clientOptions>): GraphClient {
  const c = new GraphClient(clientOptions(...args));
  clients.push(c);
  return c;
}

/** Writes `chunk` every `everyMs` until the client goes away. */
function trickle(res: ServerResponse, chunk: Buffer | string, everyMs: number): void {
  const timer = setInterval(() => {
    if (res.destroyed) clearInterval(timer);
    else res.write(chunk);
  }, everyMs);
  timers.push(timer);
  res.on("close", () => clearInterval(timer));
}

const send = sendRequest;
const read = readRequest;

describe("every call is bounded", () => {
  it("a body trickled forever ends at the overall deadline, not only after an idle gap", async () => {
    const s = await server((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      trickle(res, " ", 50);
    });
    const c = client(s.url, { requestTimeoutMs: 600 });
    const error = await c.request(send).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect(error).toMatchObject({ phase: "body", reachedServer: "maybe", attempts: 1 });
    // A send that may have been processed is ambiguous: never sent again.
    expect(classificationOf(error)).toMatchObject({ kind: "ambiguous", retryable: false });
    expect(s.requests).toHaveLength(1);
  });

  it("an answer that declares a body over the cap is cut off at its headers", async () => {
    const s = await server((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": String(1024 ** 3) });
      trickle(res, Buffer.alloc(64 * 1024, 32), 5);
    });
    const c = client(s.url);
    const error = await c.request(send).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(classificationOf(error).kind).toBe("ambiguous");
    expect(s.requests).toHaveLength(1);
  });

  it("a chunked answer that grows past the cap is cut off; an idempotent call is retried within its budget", async () => {
    const s = await server((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      trickle(res, Buffer.alloc(16 * 1024, 32), 2);
    });
    const c = client(s.url, {
      maxResponseBytes: 256 * 1024,
      retry: { maxRetries: 2, maxRetryWaitMs: 60_000 },
    });
    const error = await c.request(read).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).toMatchObject({ limitBytes: 256 * 1024, attempts: 3 });
    expect(s.requests).toHaveLength(3);
  });

  it("headers over 16 KiB end the attempt (the pools' own bound, not node:http's)", async () => {
    const s = await server((req, res) => {
      res.setHeader("x-flood", "a".repeat(req.url?.includes("flood") ? 20 * 1024 : 12 * 1024));
      json(res, 200, { id: "1" });
    });
    const c = client(s.url, { retry: { maxRetries: 0, maxRetryWaitMs: 0 } });
    await expect(c.request(read)).resolves.toMatchObject({ body: { id: "1" } });
    const error = await c.request({ ...send, path: "flood/messages" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ causeCode: "UND_ERR_HEADERS_OVERFLOW" });
    // A send whose answer was cut off may have been delivered: never sent again.
    expect(classificationOf(error).kind).toBe("ambiguous");
  });

  it("headers that never come end at the deadline too", async () => {
    const s = await server(() => {
      // never answers
    });
    const c = client(s.url, { requestTimeoutMs: 400, retry: { maxRetries: 0, maxRetryWaitMs: 0 } });
    const error = await c.request(read).catch((e: unknown) => e);
    expect(error).toMatchObject({ phase: "headers", timeoutMs: 400 });
  });

  it("an answer within the bounds is read whole", async () => {
    const big = "x".repeat(200_000);
    const s = await server((_req, res) => json(res, 200, { big }));
    const c = client(s.url, { maxResponseBytes: 300_000 });
    await expect(c.request(read)).resolves.toMatchObject({ body: { big } });
  });
});

describe("addresses are checked when connecting", () => {
  /** A resolver that answers from a table, as DNS would (no /etc/hosts involved). */
  function table(entries: Record<string, string>): Resolver & { asked: string[] } {
    const asked: string[] = [];
    const resolve = async (hostname: string) => {
      asked.push(hostname);
      const address = entries[hostname];
      if (address === undefined) throw Object.assign(new Error("not found"), { code: "ENOTFOUND" });
      return [{ address, family: address.includes(":") ? 6 : 4 }];
    };
    return Object.assign(resolve, { asked });
  }

  it("refuses a host that is not a configured endpoint and resolves inward, naming host and address", async () => {
    const s = await server((_req, res) => json(res, 200, { ok: true }));
    const port = new URL(s.url).port;
    const resolve = table({ "emulator.test": "127.0.0.1", "hooks.example.com": "127.0.0.1" });
    const c = client(`http://emulator.test:${port}`, {
      addresses: { trustedEndpoints: [`http://emulator.test:${port}`], resolve },
    });
    // The configured endpoint's host may be on loopback.
    await expect(c.request(read)).resolves.toMatchObject({ status: 200 });
    // A listed host (advanced allowed_hosts) that resolves to 127.0.0.1 is refused, never retried.
    const error = await c
      .request({ ...read, url: `http://hooks.example.com:${port}/x` })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AddressRefusedError);
    expect(error).toMatchObject({ failureType: "config_error", host: "hooks.example.com", attempts: 1 });
    expect((error as Error).message).toContain("hooks.example.com");
    expect((error as Error).message).toContain("127.0.0.1");
    expect(classificationOf(error)).toMatchObject({ kind: "config", retryable: false });
    expect(s.requests).toHaveLength(1);
    expect(resolve.asked).toEqual(["emulator.test", "hooks.example.com"]);
  });

  it.each(["10.0.0.1", "100.64.0.1", "169.254.169.254", "fd00::1", "::ffff:127.0.0.1"])(
    "refuses a name that resolves to %s",
    async (address) => {
      const c = client("https://graph.facebook.com", {
        addresses: {
          trustedEndpoints: ["https://graph.facebook.com"],
          resolve: table({ "evil.test": address }),
        },
      });
      const error = await c.request({ ...read, url: "https://evil.test/x" }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AddressRefusedError);
      expect(error).toMatchObject({ host: "evil.test", address });
    },
  );

  it("refuses an internal IP literal that is not a configured endpoint (no lookup happens for it)", async () => {
    const s = await server((_req, res) => json(res, 200, { ok: true }));
    const port = new URL(s.url).port;
    const c = client(s.url, { addresses: { trustedEndpoints: [s.url] } });
    await expect(c.request(read)).resolves.toMatchObject({ status: 200 });
    const error = await c.request({ ...read, url: `http://127.0.0.2:${port}/x` }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AddressRefusedError);
    expect(error).toMatchObject({ host: "127.0.0.2", address: "127.0.0.2" });
  });
});
