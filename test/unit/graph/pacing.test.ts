import { setMaxListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { Pacer, RateLane } from "../../../src/graph/index.js";
import { FakeClock } from "./support/fake-clock.js";
import { grantTimes } from "./support/grant-times.js";

/** The largest number of grants inside any half-open window (1 second by default). */
function maxPerSecond(grants: number[], windowMs = 1000): number {
  let max = 0;
  let lo = 0;
  for (let hi = 0; hi < grants.length; hi++) {
    while (grants[hi]! - grants[lo]! >= windowMs) lo++;
    max = Math.max(max, hi - lo + 1);
  }
  return max;
}

describe("RateLane (fake clock)", () => {
  for (const rate of [80, 1000]) {
    it(`grants ${rate}/s over 10 s within 1 % and never over ${rate} in any second`, async () => {
      const clock = new FakeClock();
      const lane = new RateLane(clock, { ratePerSecond: rate });
      const grants = grantTimes(() => lane.acquire(), rate * 12, clock);
      await clock.advance(10_000);
      const inTen = grants.filter((t) => t < 10_000).length;
      expect(Math.abs(inTen - rate * 10)).toBeLessThanOrEqual(rate * 10 * 0.01);
      expect(maxPerSecond(grants)).toBeLessThanOrEqual(rate);
      // one timer per lane, not one per waiting request
      expect(clock.pending()).toBeLessThanOrEqual(1);
    });
  }

  it("holds the rate within 3 % at 1000/s when every timer fires up to 4 ms late", async () => {
    const clock = new FakeClock();
    let i = 0;
    clock.lateness = () => (i++ * 7) % 5; // deterministic 0..4 ms
    const lane = new RateLane(clock, { ratePerSecond: 1000 });
    const grants = grantTimes(() => lane.acquire(), 12_000, clock);
    await clock.advance(10_000);
    const inTen = grants.filter((t) => t < 10_000).length;
    expect(inTen).toBeGreaterThanOrEqual(9_700);
    expect(maxPerSecond(grants)).toBeLessThanOrEqual(1000);
  });

  it("grants at once when idle (no promise to await)", () => {
    const clock = new FakeClock();
    const lane = new RateLane(clock, { ratePerSecond: 10 });
    expect(lane.acquire()).toBeNull();
    expect(lane.acquire()).not.toBeNull();
  });

  it("takes 10 % off for an isolated throughput error and is back to the rate a second later", () => {
    const clock = new FakeClock();
    const lane = new RateLane(clock, { ratePerSecond: 1000 });
    lane.slowDown();
    expect(lane.currentRate(clock.now())).toBe(900);
    expect(lane.currentRate(clock.now() + 500)).toBe(950);
    expect(lane.currentRate(clock.now() + 1000)).toBe(1000);
  });

  it("halves the rate for a throughput error within 10 s of the last; a burst within 1 s counts once", async () => {
    const clock = new FakeClock();
    const lane = new RateLane(clock, { ratePerSecond: 100 });
    lane.slowDown(); // 90
    lane.slowDown(); // the same burst: no change
    expect(lane.currentRate(clock.now())).toBe(90);
    await clock.advance(1000); // recovered to 100
    lane.slowDown();
    expect(lane.currentRate(clock.now())).toBe(50);
    // Back by 10 % of the halved rate a second: 5/s.
    expect(lane.currentRate(clock.now() + 2000)).toBe(60);
    expect(lane.currentRate(clock.now() + 10_000)).toBe(100);
    const grants = grantTimes(() => lane.acquire(), 500, clock);
    await clock.advance(1000);
    expect(grants.length).toBeGreaterThanOrEqual(50);
    expect(grants.length).toBeLessThan(58);
  });

  it("comes down from 1000/s to an 80/s number's limit within 6 s of errors", async () => {
    const clock = new FakeClock();
    const lane = new RateLane(clock, { ratePerSecond: 1000 });
    // Meta refuses a send every second the rate in force is above 80.
    let seconds = 0;
    while (lane.currentRate(clock.now()) > 80 && seconds < 60) {
      lane.slowDown();
      await clock.advance(1000);
      seconds++;
    }
    expect(seconds).toBeLessThanOrEqual(6);
  });

  it("takes a throughput error after 10 calm seconds as jitter again", async () => {
    const clock = new FakeClock();
    const lane = new RateLane(clock, { ratePerSecond: 1000 });
    lane.slowDown();
    await clock.advance(10_000);
    lane.slowDown();
    expect(lane.currentRate(clock.now())).toBe(900);
  });

  it("an aborted waiter is dropped without blocking the others", async () => {
    const clock = new FakeClock();
    const lane = new RateLane(clock, { ratePerSecond: 1 });
    expect(lane.acquire()).toBeNull();
    const ac = new AbortController();
    const aborted = lane.acquire(ac.signal)!;
    const next = lane.acquire()!;
    ac.abort(new Error("stop"));
    await expect(aborted).rejects.toThrow("stop");
    let granted = -1;
    void next.then(() => (granted = clock.now()));
    await clock.advance(1500);
    expect(granted).toBe(1000);
  });
});

/**
 * When each granted request reaches Meta, in a model of what the bench sees at the emulator:
 * the transport is cold until `coldMs` (the first requests open connections and run first-use
 * code, so all granted before then leave together at `coldMs`), then 0-4 ms of jitter.
 */
function arrivals(grants: number[], coldMs: number): number[] {
  return grants.map((t, i) => Math.max(t, coldMs) + ((i * 7) % 5)).sort((a, b) => a - b);
}

/** The most arrivals in one wall-clock second, the seconds starting `phaseMs` into the clock. */
function busiestAligned(times: number[], phaseMs: number): number {
  const counts = new Map<number, number>();
  for (const t of times) {
    const second = Math.floor((t - phaseMs) / 1000);
    counts.set(second, (counts.get(second) ?? 0) + 1);
  }
  return Math.max(...counts.values());
}

describe("send lanes hold the limit where Meta counts it", () => {
  for (const rate of [80, 1000]) {
    it(`at ${rate}/s: ≥ 99 % of the rate at arrival, and no second over it, sliding or aligned, the cold first second included`, async () => {
      const clock = new FakeClock();
      let i = 0;
      clock.lateness = () => (i++ * 3) % 4; // timers fire 0-3 ms late
      const pacer = new Pacer(clock, { messagesPerSecond: rate });
      const lane = { kind: "send", phoneNumberId: "P", recipient: "r" } as const;
      const grants = grantTimes(() => pacer.acquire(lane), rate * 13, clock);
      await clock.advance(12_000);
      const times = arrivals(grants, 30);
      const achieved = ((times.length - 1) * 1000) / (times.at(-1)! - times[0]!);
      expect(achieved / rate).toBeGreaterThanOrEqual(0.99);
      expect(achieved / rate).toBeLessThanOrEqual(1);
      expect(maxPerSecond(times)).toBeLessThanOrEqual(rate);
      for (let phase = 0; phase < 1000; phase += 50)
        expect(busiestAligned(times, phase)).toBeLessThanOrEqual(rate);
    });
  }

  it("a lane idle for a second starts afresh: its first requests get the start-up allowance again", async () => {
    const clock = new FakeClock();
    const pacer = new Pacer(clock, { messagesPerSecond: 100 });
    const lane = { kind: "send", phoneNumberId: "P", recipient: "r" } as const;
    grantTimes(() => pacer.acquire(lane), 100, clock);
    await clock.advance(5_000);
    const resumedAt = clock.now();
    const grants = grantTimes(() => pacer.acquire(lane), 300, clock);
    await clock.advance(3_000);
    expect(grants.length).toBeGreaterThanOrEqual(290);
    const times = arrivals(
      grants.map((t) => t - resumedAt),
      30,
    );
    expect(maxPerSecond(times)).toBeLessThanOrEqual(100);
  });

  it("a long paced sync leaves no abort listeners behind on its shared signal", async () => {
    const clock = new FakeClock();
    const lane = new RateLane(clock, { ratePerSecond: 100 });
    const shutdown = new AbortController();
    let listeners = 0;
    const signal = shutdown.signal;
    // One listener per waiting call is by design (the sync's shutdown signal lifts the limit the
    // same way, in src/write/shutdown.ts); 500 waiters here would otherwise print
    // MaxListenersExceededWarning. What this test guards is that they are all removed.
    setMaxListeners(0, signal);
    const add = signal.addEventListener.bind(signal);
    const remove = signal.removeEventListener.bind(signal);
    signal.addEventListener = ((...args: Parameters<typeof add>) => {
      listeners++;
      add(...args);
    }) as typeof add;
    signal.removeEventListener = ((...args: Parameters<typeof remove>) => {
      listeners--;
      remove(...args);
    }) as typeof remove;
    const grants = grantTimes(() => lane.acquire(signal), 500, clock);
    await clock.advance(6_000);
    expect(grants).toHaveLength(500);
    expect(listeners).toBe(0);
  });
});

describe("Pacer", () => {
  it("paces each phone number separately; 0 = unpaced", async () => {
    const clock = new FakeClock();
    const pacer = new Pacer(clock, { messagesPerSecond: 10 });
    const a = grantTimes(
      () => pacer.acquire({ kind: "send", phoneNumberId: "A", recipient: "r" }),
      30,
      clock,
    );
    const b = grantTimes(
      () => pacer.acquire({ kind: "send", phoneNumberId: "B", recipient: "r" }),
      30,
      clock,
    );
    await clock.advance(1000);
    expect(a.length).toBe(10);
    expect(b.length).toBe(10);
    const unpaced = new Pacer(clock, { messagesPerSecond: 0 });
    for (let i = 0; i < 1000; i++)
      expect(unpaced.acquire({ kind: "send", phoneNumberId: "A", recipient: "r" })).toBeNull();
    expect(pacer.acquire({ kind: "none" })).toBeNull();
  });

  it("holds only the recipient hit by a pair rate limit", async () => {
    const clock = new FakeClock();
    const pacer = new Pacer(clock, { messagesPerSecond: 0 });
    pacer.holdRecipient("P", "r1", 6000);
    const held = pacer.acquire({ kind: "send", phoneNumberId: "P", recipient: "r1" });
    expect(pacer.acquire({ kind: "send", phoneNumberId: "P", recipient: "r2" })).toBeNull();
    expect(held).not.toBeNull();
    let waited = -1;
    void held!.then((ms) => (waited = ms));
    await clock.advance(5999);
    expect(waited).toBe(-1);
    await clock.advance(1);
    expect(waited).toBe(6000);
  });

  it("caps management calls per hour per WABA and spaces them as usage nears 100 %", async () => {
    const clock = new FakeClock();
    const pacer = new Pacer(clock, { messagesPerSecond: 80, managementCallsPerHour: 3600 });
    const lane = { kind: "management", wabaId: "W" } as const;
    const grants = grantTimes(() => pacer.acquire(lane), 10, clock);
    await clock.advance(4500);
    expect(grants).toEqual([0, 1000, 2000, 3000, 4000]);
    pacer.usageReported(lane, 100);
    await clock.advance(20_000);
    expect(grants.slice(5)).toEqual([14_000, 24_000]);
    const free = new Pacer(clock, { messagesPerSecond: 80 });
    expect(free.acquire({ kind: "management", wabaId: "W" })).toBeNull();
    expect(free.acquire({ kind: "management", wabaId: "W" })).toBeNull();
  });

  it("blocks a lane for the time Meta asks", async () => {
    const clock = new FakeClock();
    const pacer = new Pacer(clock, { messagesPerSecond: 0 });
    const lane = { kind: "management", wabaId: "W" } as const;
    pacer.blockLane(lane, 60_000);
    const grants = grantTimes(() => pacer.acquire(lane), 2, clock);
    await clock.advance(59_000);
    expect(grants).toEqual([]);
    await clock.advance(2000);
    expect(grants).toEqual([60_000, 60_000]);
  });
});

describe("RateLane (real clock)", () => {
  it("never lets the (rate+1)th grant through within 1 s of the first", async () => {
    const lane = new RateLane(
      { now: () => performance.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) },
      { ratePerSecond: 50 },
    );
    const start = performance.now();
    const waits: Promise<number>[] = [];
    for (let i = 0; i < 51; i++) waits.push(lane.acquire() ?? Promise.resolve(0));
    await Promise.all(waits);
    const elapsed = performance.now() - start;
    expect(elapsed).toBeGreaterThanOrEqual(999);
    expect(elapsed).toBeLessThan(10_000);
  });
});
