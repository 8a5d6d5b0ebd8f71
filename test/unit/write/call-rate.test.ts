import { describe, expect, it } from "vitest";
import { CallRate } from "../../../src/write/journal/call-rate.js";

describe("call rate (how far ahead the ledger writes intents)", () => {
  it("measures calls per second each quarter second, rising at once and falling by halves", () => {
    let now = 0;
    const rate = new CallRate(() => now);
    for (let i = 0; i < 100; i++) {
      now += 2.5; // 400 calls/s
      rate.tick();
    }
    expect(rate.value).toBeCloseTo(400, 0);
    for (let i = 0; i < 10; i++) {
      now += 25; // 40 calls/s
      rate.tick();
    }
    expect(rate.value).toBeCloseTo((400 + 40) / 2, 0);
  });
});
