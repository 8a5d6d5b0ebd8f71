import { describe, expect, it } from "vitest";
import { Pacer } from "../../../src/graph/index.js";
import { FakeClock } from "./support/fake-clock.js";
import { grantTimes } from "./support/grant-times.js";

const LANE = { kind: "send", phoneNumberId: "P", recipient: "r" } as const;

describe("pacing grants taken before their requests (the send ledger's intents wait for them)", () => {
  it("keeps the pace, and the lane's next requests take the held grants without waiting again", async () => {
    const clock = new FakeClock();
    const pacer = new Pacer(clock, { messagesPerSecond: 10 });
    const times = grantTimes(() => pacer.reserve(LANE), 30, clock);
    await clock.advance(1_000);
    expect(times.length).toBeGreaterThanOrEqual(9);
    expect(times.length).toBeLessThanOrEqual(10);
    const held = times.length;
    for (let i = 0; i < held; i++) expect(pacer.takeReserved(LANE)).toBe(true);
    expect(pacer.takeReserved(LANE)).toBe(false);
    expect(pacer.takeReserved({ kind: "management", wabaId: "W" })).toBe(false);
  });

  it("writes the requests of grants held together only as the writes' window has room: written late in one burst, they never put more than the rate in a window", async () => {
    const clock = new FakeClock();
    const pacer = new Pacer(clock, { messagesPerSecond: 10 });
    const granted = grantTimes(() => pacer.reserve(LANE), 20, clock);
    await clock.advance(3_000);
    expect(granted).toHaveLength(20);
    // Their intents stored at last, all twenty requests come at once.
    const written: number[] = [];
    for (let i = 0; i < 20; i++) {
      expect(pacer.takeReserved(LANE)).toBe(true);
      const slot = pacer.writeSlot(LANE);
      const write = (report: { written(): void } | undefined) => {
        report?.written();
        written.push(clock.now());
      };
      if (slot instanceof Promise) void slot.then(write);
      else write(slot);
    }
    await clock.advance(3_000);
    expect(written).toHaveLength(20);
    for (const start of written) {
      expect(written.filter((t) => t >= start && t < start + 1_000).length).toBeLessThanOrEqual(10);
    }
  });

  it("keeps granting on pace while the requests of held grants wait to be written: a batch of them queued for connections does not stall the next grants", async () => {
    const clock = new FakeClock();
    const pacer = new Pacer(clock, { messagesPerSecond: 10 });
    const first = grantTimes(() => pacer.reserve(LANE), 10, clock);
    await clock.advance(1_000);
    expect(first.length).toBeGreaterThanOrEqual(9);
    // Their intents stored, the held requests are handed to the transport together and are not
    // yet written (every connection busy): the window counts them as leaving now.
    for (const _ of first) {
      expect(pacer.takeReserved(LANE)).toBe(true);
      expect(pacer.writeSlot(LANE)).not.toBeInstanceOf(Promise);
    }
    const next = grantTimes(() => pacer.reserve(LANE), 10, clock);
    await clock.advance(1_000);
    expect(next.length).toBeGreaterThanOrEqual(9);
  });

  it("a held grant given back (its call was not made) is taken by no request", async () => {
    const clock = new FakeClock();
    const pacer = new Pacer(clock, { messagesPerSecond: 10 });
    expect(pacer.reserve(LANE)).toBeNull();
    pacer.release(LANE);
    expect(pacer.takeReserved(LANE)).toBe(false);
  });
});
