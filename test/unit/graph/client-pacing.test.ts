import { afterEach, describe, expect, it } from "vitest";
import { GraphClient, type GraphRequest, RequestAbortedError } from "../../../src/graph/index.js";
import { clientOptions } from "./support/client-options.js";
import { FakeClock } from "./support/fake-clock.js";
import { json, type LocalServer, startServer } from "./support/local-server.js";
import { sendRequest } from "./support/requests.js";

let s: LocalServer | undefined;
let c: GraphClient | undefined;
afterEach(async () => {
  await c?.close();
  await s?.close();
});

const send = sendRequest;
const manage: GraphRequest = {
  method: "POST",
  path: "F",
  body: { kind: "none" },
  idempotent: true,
  pacing: { kind: "management", wabaId: "W" },
};

describe("GraphClient pacing", () => {
  it("spaces a WABA's management calls as its answers' usage headers near 100 %", async () => {
    s = await startServer((_req, res) =>
      json(res, 200, { success: true }, { "x-app-usage": JSON.stringify({ call_count: 100 }) }),
    );
    const opts = clientOptions(s.url);
    c = new GraphClient(opts);
    await c.request(manage);
    expect(opts.slept).toEqual([]);
    await c.request(manage);
    // 100 % usage: 10 s between two calls of the WABA.
    expect(opts.slept).toEqual([10_000]);
    expect(s.requests).toHaveLength(2);
  });

  it("counts the wall time calls waited in a lane once, however many waited at the same time", async () => {
    s = await startServer((_req, res) => json(res, 200, { success: true }));
    const clock = new FakeClock();
    const pacing = { messagesPerSecond: 0, managementCallsPerHour: 3600 };
    c = new GraphClient(clientOptions(s.url, { pacing, now: clock.now, sleep: clock.sleep }));
    await c.request(manage);
    // One call a second: the second call waits 1 s, the third 2 s, at the same time.
    const waiting = [c.request(manage), c.request(manage)];
    await clock.advance(1000);
    expect(c.stats().pacedMs).toBe(1000);
    await clock.advance(1500);
    const answers = await Promise.all(waiting);
    expect(answers.map((a) => a.attempts)).toEqual([1, 1]);
    expect(c.stats()).toMatchObject({ requests: 3, retries: 0, pacedMs: 2000 });
  });

  it("a call aborted while it waits for its lane never leaves", async () => {
    s = await startServer((_req, res) => json(res, 200, { messages: [{ id: "wamid.1" }] }));
    // Timers that fire only when aborted: the second send waits in its lane until the signal.
    const never = (_ms: number, signal?: AbortSignal) =>
      new Promise<void>((_resolve, reject) => signal?.addEventListener("abort", () => reject(signal.reason)));
    c = new GraphClient(clientOptions(s.url, { pacing: { messagesPerSecond: 1 }, sleep: never }));
    await c.request(send);
    const ac = new AbortController();
    const waiting = c.request(send, ac.signal).catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 50));
    ac.abort(new Error("the sync is stopping"));
    const error = await waiting;
    expect(error).toBeInstanceOf(RequestAbortedError);
    expect(error).toMatchObject({ code: "ERR_ABORTED", attempts: 1 });
    expect(s.requests).toHaveLength(1);
  });
});
