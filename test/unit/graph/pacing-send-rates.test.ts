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

  it("reports its send lanes' rates together (the ledger's lead for a sync to several senders): each sender once it has sent, a slowed one at its rate in force", () => {
    const clock = new FakeClock();
    const pacer = new Pacer(clock, { messagesPerSecond: 10, sendRates: new Map([["HIGH", 40]]) });
    expect(pacer.sendLanesRate()).toBe(0);
    pacer.acquire({ kind: "send", phoneNumberId: "HIGH", recipient: "a" });
    expect(pacer.sendLanesRate()).toBe(40);
    pacer.acquire({ kind: "send", phoneNumberId: "OTHER", recipient: "a" });
    pacer.acquire({ kind: "management", wabaId: "W" });
    expect(pacer.sendLanesRate()).toBe(50);
    pacer.throughputExceeded("HIGH");
    expect(pacer.sendLanesRate()).toBeLessThan(50);
  });
});
