import { describe, expect, it } from "vitest";
import { Pacer } from "../../../src/graph/index.js";
import { FakeClock } from "./support/fake-clock.js";

describe("Pacer send rates per phone number (messages_per_second auto)", () => {
  it("paces each sender at its own rate and the others at messagesPerSecond; 130429 still slows one", async () => {
    const clock = new FakeClock();
    const pacer = new Pacer(clock, { messagesPerSecond: 10, sendRates: new Map([["HIGH", 40]]) });
    const granted = (phone: string, n: number): number[] => {
      const at: number[] = [];
      for (let i = 0; i < n; i++) {
        const p = pacer.acquire({ kind: "send", phoneNumberId: phone, recipient: `r${i}` });
        if (p === null) at.push(clock.now());
        else void p.then(() => at.push(clock.now()));
      }
      return at;
    };
    const high = granted("HIGH", 200);
    const other = granted("OTHER", 200);
    await clock.advance(2000);
    expect(high.length).toBeGreaterThanOrEqual(70);
    expect(high.length).toBeLessThanOrEqual(80);
    expect(other.length).toBeGreaterThanOrEqual(15);
    expect(other.length).toBeLessThanOrEqual(20);
    const before = high.length;
    pacer.throughputExceeded("HIGH");
    await clock.advance(1000);
    expect(high.length - before).toBeLessThan(40);
  });
});
