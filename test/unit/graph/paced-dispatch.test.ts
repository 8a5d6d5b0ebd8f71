import type { Dispatcher } from "undici";
import { describe, expect, it } from "vitest";
import { NOT_STARTED } from "../../../src/graph/forwarding-handler.js";
import { Pacer, pacedDispatch } from "../../../src/graph/pacing/index.js";
import { SEND_WINDOW_MS } from "../../../src/graph/pacing/tuning.js";
import { FakeClock } from "./support/fake-clock.js";

/**
 * The pacing interceptor over a stand-in for undici's dispatch, at 10 sends/s: `sends(n)`
 * dispatches n paced sends at once and records when each was granted (reached the stand-in);
 * the test says when undici wrote each one (onRequestStart) or gave it up (onResponseError).
 */
function pacedSends(clock: FakeClock) {
  const pacer = new Pacer(clock, { messagesPerSecond: 10 });
  const granted: { at: number; handler: Dispatcher.DispatchHandler }[] = [];
  const dispatch = pacedDispatch(pacer)((_opts, handler) => {
    granted.push({ at: clock.now(), handler });
    return true;
  });
  const collector: Dispatcher.DispatchHandler = { onRequestStart() {}, onResponseError() {} };
  const opts = {
    method: "POST" as const,
    path: "/P/messages",
    pacing: { kind: "send", phoneNumberId: "P", recipient: "r" } as const,
  };
  return {
    granted,
    sends(n: number): void {
      for (let i = 0; i < n; i++) dispatch(opts, collector);
    },
    write(i: number): void {
      granted[i]!.handler.onRequestStart?.(NOT_STARTED, {});
    },
    giveUp(i: number): void {
      granted[i]!.handler.onResponseError?.(NOT_STARTED, new Error("connection refused"));
    },
  };
}

/** When the 11th of 11 sends is granted, the first ten handled by `handle` as they are granted. */
async function eleventhGrant(handle: (lane: ReturnType<typeof pacedSends>, i: number) => void) {
  const clock = new FakeClock();
  const lane = pacedSends(clock);
  lane.sends(11);
  let handled = 0;
  for (let t = 0; t < 3000; t += 1) {
    for (; handled < Math.min(lane.granted.length, 10); handled++) handle(lane, handled);
    await clock.advance(1);
  }
  return lane.granted.map((g) => g.at);
}

describe("the pacing interceptor counts a paced send when undici writes it, not when it is granted", () => {
  it("a send written late (a stall after its grant) holds the window from its write", async () => {
    const onTime = await eleventhGrant((lane, i) => lane.write(i));
    const clock = new FakeClock();
    const lane = pacedSends(clock);
    lane.sends(11);
    // The first send is written 80 ms after its grant (a GC pause); the others at once. 80 ms: past
    // the lane's start-up allowance, before the second send's grant 100 ms in.
    let handled = 1;
    for (let t = 0; t < 3000; t++) {
      if (clock.now() === 80) lane.write(0);
      for (; handled < Math.min(lane.granted.length, 10); handled++) lane.write(handled);
      await clock.advance(1);
    }
    const late = lane.granted.map((g) => g.at);
    expect(late.slice(0, 10)).toEqual(onTime.slice(0, 10));
    expect(late[10]).toBe(80 + SEND_WINDOW_MS);
    expect(late[10]).toBeGreaterThan(onTime[10]!);
  });

  it("a granted send given up before it is written does not hold the window", async () => {
    const onTime = await eleventhGrant((lane, i) => lane.write(i));
    const firstGivenUp = await eleventhGrant((lane, i) => (i === 0 ? lane.giveUp(i) : lane.write(i)));
    expect(firstGivenUp).toEqual(onTime);
  });

  it("sends granted and not yet written count as leaving now: the next waits for them", async () => {
    const clock = new FakeClock();
    const lane = pacedSends(clock);
    lane.sends(11); // every connection busy: none is written yet
    await clock.advance(1500);
    expect(lane.granted).toHaveLength(10);
    for (let i = 0; i < 10; i++) lane.write(i); // all ten leave at 1,500 ms
    await clock.advance(1500);
    expect(lane.granted[10]?.at).toBe(1500 + SEND_WINDOW_MS);
  });

  it("an unpaced attempt goes straight through, untouched", () => {
    const clock = new FakeClock();
    const pacer = new Pacer(clock, { messagesPerSecond: 0 });
    const seen: Dispatcher.DispatchHandler[] = [];
    const dispatch = pacedDispatch(pacer)((_opts, handler) => {
      seen.push(handler);
      return true;
    });
    const handler: Dispatcher.DispatchHandler = { onRequestStart() {}, onResponseError() {} };
    const lanes = [
      undefined,
      { kind: "none" },
      { kind: "send", phoneNumberId: "P", recipient: "r" },
    ] as const;
    for (const pacing of lanes)
      dispatch({ method: "GET", path: "/", pacing } as Dispatcher.DispatchOptions, handler);
    expect(seen).toEqual([handler, handler, handler]);
  });
});
