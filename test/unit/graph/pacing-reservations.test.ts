import { describe, expect, it } from "vitest";
import { Pacer, RateLane } from "../../../src/graph/index.js";
import { FakeClock } from "./support/fake-clock.js";

const LANE = { kind: "send", phoneNumberId: "P", recipient: "r" } as const;

/** Reserves `n` grants one after another; the times they came are pushed as they come. */
function reserveAll(reserve: () => Promise<number> | null, n: number, clock: FakeClock): number[] {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const wait = reserve();
    if (wait === null) times.push(clock.now());
    else void wait.then(() => times.push(clock.now()));
  }
  return times;
}

describe("pacing grants taken before their requests (the send ledger's intents wait for them)", () => {
  it("keeps the pace, and the lane's next requests take the held grants without waiting again", async () => {
    const clock = new FakeClock();
    const pacer = new Pacer(clock, { messagesPerSecond: 10 });
    const times = reserveAll(() => pacer.reserve(LANE), 30, clock);
    await clock.advance(1_000);
    expect(times.length).toBeGreaterThanOrEqual(9);
    expect(times.length).toBeLessThanOrEqual(10);
    const held = times.length;
    for (let i = 0; i < held; i++) expect(pacer.takeReserved(LANE)).not.toBeNull();
    expect(pacer.takeReserved(LANE)).toBeNull();
    expect(pacer.takeReserved({ kind: "management", wabaId: "W" })).toBeNull();
  });

  it("counts a held grant's request in the writes' window until it is written: requests written late in one burst never put more than the rate in a window", async () => {
    const clock = new FakeClock();
    const lane = new RateLane(clock, { ratePerSecond: 10, windowMs: 1_000, countWrites: true });
    const times = reserveAll(
      () => {
        const wait = lane.acquire();
        if (wait === null) {
          lane.holdReserved();
          return null;
        }
        return wait.then((ms) => {
          lane.holdReserved();
          return ms;
        });
      },
      30,
      clock,
    );
    // Nothing written for 3 s: ten grants held, the window full of their expected writes.
    await clock.advance(3_000);
    expect(times).toHaveLength(10);
    // All ten written at once, late: the next grants wait until that burst is a window old.
    for (let i = 0; i < 10; i++) {
      expect(lane.takeReserved()).toBe(true);
      lane.reservedWrites()?.written();
    }
    await clock.advance(990);
    expect(times).toHaveLength(10);
    await clock.advance(1_100);
    expect(times.length).toBeGreaterThan(10);
  });

  it("a held grant given back (its call was not made) frees its place in the window", async () => {
    const clock = new FakeClock();
    const pacer = new Pacer(clock, { messagesPerSecond: 10 });
    const times = reserveAll(() => pacer.reserve(LANE), 11, clock);
    await clock.advance(3_000);
    expect(times).toHaveLength(10);
    pacer.release(LANE);
    await clock.advance(200);
    expect(times).toHaveLength(11);
  });
});
