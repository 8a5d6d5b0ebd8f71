import { describe, expect, it } from "vitest";
import { IntentLead, type LeadSettings, PACED_MARGIN } from "../../../src/write/journal/intent-lead.js";
import { journalMaxPending } from "../../../src/write/journal/journal-gate.js";

/** A lead on a fake clock; the store takes the writer's 250 ms linger plus a 100 ms PUT. */
function leadOf(settings: Partial<LeadSettings> = {}) {
  const clock = { now: 0 };
  const lead = new IntentLead({ concurrency: 8, storeMs: () => 350, now: () => clock.now, ...settings });
  return { lead, clock };
}

/** The calls ran dry `ms` before a batch of intents was stored, records held back meanwhile. */
function starvedFor(lead: IntentLead, clock: { now: number }, ms: number): void {
  lead.callFinished(0, true);
  clock.now += ms;
  lead.intentsStored();
}

describe("intent lead (how many journaled calls may have intents and no outcome)", () => {
  it("paced: covers one linger plus one PUT at the pace from the first call and no more (no concurrency floor)", () => {
    // Records beyond it wait for their grant with no intent: a kill leaves them to the next attempt.
    expect(leadOf({ pacedCallsPerSecond: 500 }).lead.ahead).toBe(175 + PACED_MARGIN);
    expect(leadOf({ pacedCallsPerSecond: 1000 }).lead.ahead).toBe(350 + PACED_MARGIN);
    expect(leadOf({ pacedCallsPerSecond: 80, storeMs: () => 60 }).lead.ahead).toBe(5 + PACED_MARGIN);
  });

  it("paced: one store at the pace plus the calls on the connections, never more calls than connections, and it does not grow", () => {
    const { lead, clock } = leadOf({ pacedCallsPerSecond: 1000, storeMs: () => 80 });
    expect(lead.ahead).toBe(80 + PACED_MARGIN);
    lead.callTook(5);
    expect(lead.ahead).toBe(80 + 5 + PACED_MARGIN);
    // Granted calls queued for a connection make a call look slow: the connections bound it.
    for (let i = 0; i < 40; i++) lead.callTook(120);
    expect(lead.ahead).toBe(80 + 8 + PACED_MARGIN);
    for (let i = 0; i < 3; i++) {
      lead.ranDry();
      starvedFor(lead, clock, 500);
    }
    expect(lead.ahead).toBe(80 + 8 + PACED_MARGIN);
  });

  it("paced: covers the API's own time at the pace, the quickest of the recent calls (not a connection's queue)", () => {
    const { lead } = leadOf({ pacedCallsPerSecond: 80, storeMs: () => 60 });
    for (const ms of [90, 30, 70]) lead.callTook(ms); // 30 ms on the wire, the rest queued
    expect(lead.ahead).toBe(Math.ceil((80 * 60) / 1000) + Math.ceil((80 * 30) / 1000) + PACED_MARGIN);
  });

  it("follows the store's time as the writer measures it (a slower PUT, a longer lead)", () => {
    let storeMs = 350;
    const { lead } = leadOf({ pacedCallsPerSecond: 1000, storeMs: () => storeMs });
    storeMs = 600;
    expect(lead.ahead).toBe(600 + PACED_MARGIN);
  });

  it("a sync to several senders covers their paces together once each has sent, and the first sender's pace before", () => {
    let lanes = 0; // no lane granted yet
    const { lead } = leadOf({ pacedCallsPerSecond: 80, storeMs: () => 100, lanesPace: () => lanes });
    expect(lead.ahead).toBe(8 + PACED_MARGIN);
    lanes = 80;
    expect(lead.ahead).toBe(8 + PACED_MARGIN);
    lanes = 4 * 80; // four senders, each at 80/s
    expect(lead.ahead).toBe(32 + PACED_MARGIN);
  });

  it("unpaced: starts at twice the concurrency and doubles per batch stored after the calls ran dry", () => {
    const { lead, clock } = leadOf();
    expect(lead.ahead).toBe(16);
    starvedFor(lead, clock, 200);
    expect(lead.ahead).toBe(32);
    starvedFor(lead, clock, 200);
    expect(lead.ahead).toBe(64);
  });

  it("does not grow on a short wait (PUT jitter) nor when nothing was held back or the calls kept busy", () => {
    const { lead, clock } = leadOf();
    starvedFor(lead, clock, 80); // under a quarter of the 350 ms store
    lead.callFinished(0, false); // nothing waited at the gate: the reader is the limit
    clock.now += 300;
    lead.intentsStored();
    lead.callFinished(8, true); // every connection still had a call: the API is the limit
    clock.now += 300;
    lead.intentsStored();
    expect(lead.ahead).toBe(16);
  });

  it("counts the wait once per stored batch, from when the calls first ran dry", () => {
    const { lead, clock } = leadOf();
    lead.callFinished(3, true);
    clock.now += 50;
    lead.callFinished(0, true); // still dry: the wait began 50 ms ago
    clock.now += 50;
    lead.intentsStored();
    expect(lead.ahead).toBe(32);
    lead.intentsStored(); // the same batch's other intents
    expect(lead.ahead).toBe(32);
  });

  it("unpaced: doubles per stored batch after the calls all ran dry, however short the wait, but not for the first batch", () => {
    const { lead, clock } = leadOf();
    lead.ranDry(); // the first batch: every call waits for it whatever the lead
    clock.now += 5;
    lead.intentsStored();
    expect(lead.ahead).toBe(16);
    lead.ranDry();
    clock.now += 5; // the gate stored them at once: a PUT, not a quarter of a store
    lead.intentsStored();
    lead.intentsStored(); // the same batch's other intents
    expect(lead.ahead).toBe(32);
  });

  it("never grows past its cap, paced or not", () => {
    const capped = leadOf({ maxAhead: 100 });
    for (let i = 0; i < 10; i++) starvedFor(capped.lead, capped.clock, 200);
    expect(capped.lead.ahead).toBe(100);
    expect(leadOf({ maxAhead: 100, pacedCallsPerSecond: 80, lanesPace: () => 10_000 }).lead.ahead).toBe(100);
  });
});

describe("records read ahead with a journal", () => {
  it("hold one store of intents ahead and one of outcomes behind at the pace, 32 a connection unpaced", () => {
    // 2,000/s over the 150 ms estimate, plus twice max_concurrency, on each side.
    expect(journalMaxPending(16, 1, 2000)).toBe(2 * (32 + 300));
    expect(journalMaxPending(16, 1, 1000)).toBe(512);
    expect(journalMaxPending(16)).toBe(512);
    expect(journalMaxPending(16, 1, 80)).toBe(512);
    // A webhook's batches need their own room (four batches, as without a journal).
    expect(journalMaxPending(4, 500)).toBe(2000);
  });
});
