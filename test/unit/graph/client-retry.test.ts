import { afterEach, describe, expect, it } from "vitest";
import { GraphApiError, GraphClient } from "../../../src/graph/index.js";
import { clientOptions } from "./support/client-options.js";
import { graphError, json, type LocalServer, startServer } from "./support/local-server.js";

let s: LocalServer | undefined;
let c: GraphClient | undefined;
afterEach(async () => {
  await c?.close();
  await s?.close();
});

/** A server answering the scripted responses in order, then 200. */
async function scripted(answers: { status: number; body: unknown; headers?: Record<string, string> }[]) {
  s = await startServer((_req, res, _body, i) => {
    const a = answers[i];
    if (a) json(res, a.status, a.body, a.headers);
    else json(res, 200, { messages: [{ id: "wamid.1" }] });
  });
  return s;
}

const send = { kind: "send", phoneNumberId: "P", recipient: "R" } as const;

describe("GraphClient retries", () => {
  it("retries a rate-limited send (the server did not process it) and reports it", async () => {
    const server = await scripted([
      { status: 400, body: graphError(130429, "(#130429) Rate limit hit") },
      { status: 400, body: graphError(131056, "(#131056) pair rate limit hit") },
    ]);
    const opts = clientOptions(server.url);
    c = new GraphClient(opts);
    const res = await c.request({
      method: "POST",
      path: "P/messages",
      body: { kind: "json", value: {} },
      idempotent: false,
      pacing: send,
    });
    expect(res.attempts).toBe(3);
    expect(server.requests.length).toBe(3);
    expect(c.stats()).toMatchObject({ requests: 1, retries: 2, rateLimited: 2 });
    // jittered backoff with random 0.5: 250 ms then 500 ms, then the rest of the recipient's 6 s hold
    expect(opts.slept).toEqual([250, 500, 5500]);
  });

  it("does not repeat a send that failed with a transient code: ambiguous", async () => {
    const server = await scripted([{ status: 500, body: graphError(131000, "Something went wrong") }]);
    c = new GraphClient(clientOptions(server.url));
    const err = await c
      .request({
        method: "POST",
        path: "P/messages",
        body: { kind: "none" },
        idempotent: false,
        pacing: send,
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GraphApiError);
    expect(err).toMatchObject({ graphCode: 131000, attempts: 1, method: "POST" });
    expect(server.requests.length).toBe(1);
  });

  it("retries an idempotent call on a transient code and honours Retry-After", async () => {
    const server = await scripted([
      {
        status: 503,
        body: graphError(2, "Service temporarily unavailable"),
        headers: { "retry-after": "3" },
      },
    ]);
    const opts = clientOptions(server.url);
    c = new GraphClient(opts);
    const res = await c.request({
      method: "GET",
      path: "F",
      body: { kind: "none" },
      idempotent: true,
      pacing: { kind: "none" },
    });
    expect(res.attempts).toBe(2);
    expect(opts.slept).toEqual([3000]);
  });

  it("waits out the BUC regain-access time and blocks the WABA lane meanwhile", async () => {
    const buc = JSON.stringify({
      W: [{ type: "whatsapp_business_management", call_count: 100, estimated_time_to_regain_access: 1 }],
    });
    const server = await scripted([
      {
        status: 400,
        body: graphError(80007, "(#80007) Rate limit issues"),
        headers: { "x-business-use-case-usage": buc },
      },
    ]);
    const opts = clientOptions(server.url);
    c = new GraphClient(opts);
    const res = await c.request({
      method: "POST",
      path: "F/publish",
      body: { kind: "none" },
      idempotent: true,
      pacing: { kind: "management", wabaId: "W" },
    });
    expect(res.attempts).toBe(2);
    expect(opts.slept).toEqual([60_000]);
  });

  it("throws the last error when the rate limit outlasts the retry budget", async () => {
    const buc = JSON.stringify({ W: [{ call_count: 100, estimated_time_to_regain_access: 10 }] });
    const server = await scripted([
      {
        status: 400,
        body: graphError(80007, "Rate limit issues"),
        headers: { "x-business-use-case-usage": buc },
      },
    ]);
    c = new GraphClient(clientOptions(server.url, { retry: { maxRetries: 5, maxRetryWaitMs: 300_000 } }));
    const err = await c
      .request({
        method: "POST",
        path: "F",
        body: { kind: "none" },
        idempotent: true,
        pacing: { kind: "management", wabaId: "W" },
      })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ graphCode: 80007, attempts: 1 });
    expect(server.requests.length).toBe(1);
  });

  it("gives up after maxRetries", async () => {
    const server = await scripted(
      Array.from({ length: 10 }, () => ({
        status: 500,
        body: graphError(1, "unknown", { is_transient: true }),
      })),
    );
    c = new GraphClient(clientOptions(server.url, { retry: { maxRetries: 2, maxRetryWaitMs: 300_000 } }));
    const err = await c
      .request({
        method: "GET",
        path: "F",
        body: { kind: "none" },
        idempotent: true,
        pacing: { kind: "none" },
      })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ graphCode: 1, attempts: 3 });
    expect(server.requests.length).toBe(3);
  });

  it("does not retry config errors and marks them config_error", async () => {
    const server = await scripted([{ status: 401, body: graphError(190, "Error validating access token") }]);
    c = new GraphClient(clientOptions(server.url));
    const err = await c
      .request({
        method: "GET",
        path: "F",
        body: { kind: "none" },
        idempotent: true,
        pacing: { kind: "none" },
      })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ failureType: "config_error", attempts: 1 });
    expect((err as Error).message).toContain("access token");
  });

  it("sends a Flow update again when Meta marks its 139001 transient, and a send never", async () => {
    const transient = {
      status: 400,
      body: graphError(139001, "Flow can't be updated", { is_transient: true }),
    };
    const server = await scripted([transient, { status: 200, body: { success: true } }, transient]);
    c = new GraphClient(clientOptions(server.url));
    const update = await c.request({
      method: "POST",
      path: "F",
      body: { kind: "none" },
      idempotent: true,
      pacing: { kind: "management", wabaId: "W" },
    });
    expect(update.attempts).toBe(2);
    const err = await c
      .request({
        method: "POST",
        path: "P/messages",
        body: { kind: "none" },
        idempotent: false,
        pacing: send,
      })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ graphCode: 139001, attempts: 1, classification: { kind: "reject" } });
    expect(server.requests.length).toBe(3);
  });
});
