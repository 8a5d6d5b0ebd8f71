import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GraphErrorReply } from "../../../src/emulator/graph-error-reply.js";
import { type RunningEmulator, startEmulator } from "../../../src/emulator/index.js";
import { RateLimiter } from "../../../src/emulator/rate-limits.js";
import { call, errorOf, flowMessage, publishedFlow } from "./harness.js";

function codeOf(fn: () => void): number | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof GraphErrorReply) return error.spec.code;
    throw error;
  }
  return undefined;
}

describe("RateLimiter", () => {
  it("allows N messages per phone in a 1-second window, then 130429, and resets next second", () => {
    const rl = new RateLimiter({ messagesPerSecond: 2 });
    expect(codeOf(() => rl.check("p", "a", 5000))).toBeUndefined();
    expect(codeOf(() => rl.check("p", "b", 5100))).toBeUndefined();
    expect(codeOf(() => rl.check("p", "c", 5999))).toBe(130429);
    expect(codeOf(() => rl.check("q", "c", 5999))).toBeUndefined();
    expect(codeOf(() => rl.check("p", "c", 6000))).toBeUndefined();
  });

  it("limits one sender→recipient pair per window with 131056", () => {
    const rl = new RateLimiter({ pairRatePerWindow: 1, pairWindowMs: 6000 });
    expect(codeOf(() => rl.check("p", "a", 0))).toBeUndefined();
    expect(codeOf(() => rl.check("p", "a", 5999))).toBe(131056);
    expect(codeOf(() => rl.check("p", "b", 5999))).toBeUndefined();
    expect(codeOf(() => rl.check("p", "a", 6000))).toBeUndefined();
  });

  it("does not count refused messages and is off by default", () => {
    const rl = new RateLimiter({ messagesPerSecond: 1, pairRatePerWindow: 1 });
    rl.check("p", "a", 0);
    expect(codeOf(() => rl.check("p", "b", 10))).toBe(130429);
    expect(codeOf(() => rl.check("p", "b", 1000))).toBeUndefined();
    const off = new RateLimiter({});
    for (let i = 0; i < 1000; i++) off.check("p", "a", 0);
  });
});

describe("rate limits over HTTP", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startEmulator({ pairRatePerWindow: 2, pairWindowMs: 600_000 });
  });
  afterAll(async () => {
    await emu.close();
  });

  it("answers 131056 as HTTP 400 past the pair limit, and 130429 when throughput is set", async () => {
    const id = await publishedFlow(emu, "rl");
    const send = (to: string) =>
      call(emu, "POST", `/${emu.phoneNumberIds[0]}/messages`, { json: flowMessage({ flow_id: id }, to) });
    expect((await send("15550000001")).status).toBe(200);
    expect((await send("15550000001")).status).toBe(200);
    const third = await send("15550000001");
    expect(third.status).toBe(400);
    expect(errorOf(third).code).toBe(131056);
    expect((await send("15550000002")).status).toBe(200);

    const limits = await call(emu, "POST", "/__emulator/limits", {
      json: { messagesPerSecond: 1, pairRatePerWindow: null },
    });
    expect(limits.body).toMatchObject({ messagesPerSecond: 1 });
    const codes: number[] = [];
    // Ten sends cannot spread over ten seconds, so at least one shares a second with another.
    for (let i = 0; i < 10; i++) {
      const r = await send(`1555000010${i}`);
      if (r.status !== 200) codes.push(errorOf(r).code as number);
    }
    expect(codes.length).toBeGreaterThan(0);
    expect(new Set(codes)).toEqual(new Set([130429]));
  });
});
