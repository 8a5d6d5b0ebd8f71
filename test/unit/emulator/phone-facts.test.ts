import { describe, expect, it } from "vitest";
import { PhoneFacts } from "../../../src/emulator/account/phone-facts.js";

const DAY = 24 * 3600 * 1000;

describe("PhoneFacts messaging limit (unique recipients per moving 24 hours)", () => {
  it("frees a recipient's place 24 hours after it was reached, and not before", () => {
    const facts = new PhoneFacts(["p"], {}, "TIER_250");
    for (let i = 0; i < 250; i++) expect(facts.admitBusinessInitiated(`r${i}`, i)).toBe(true);
    expect(facts.admitBusinessInitiated("late", DAY - 1)).toBe(false);
    // r0 was reached at 0: its place is free at DAY, r1's only at DAY + 1.
    expect(facts.admitBusinessInitiated("late", DAY)).toBe(true);
    expect(facts.admitBusinessInitiated("later", DAY)).toBe(false);
    expect(facts.reachedCount()).toBe(250);
  });

  it("a recipient reached again after its 24 hours counts from the new time", () => {
    const facts = new PhoneFacts(["p"], {}, "TIER_250");
    expect(facts.admitBusinessInitiated("a", 0)).toBe(true);
    expect(facts.admitBusinessInitiated("b", 10)).toBe(true);
    expect(facts.admitBusinessInitiated("a", DAY + 5)).toBe(true); // re-reached: now the newest
    // At DAY + 20 b has expired but a (reached at DAY + 5) has not.
    expect(facts.admitBusinessInitiated("c", DAY + 20)).toBe(true);
    expect(facts.reachedCount()).toBe(2);
  });

  it("keeps 100,000 recipients of an unlimited tier without refusing any", () => {
    const facts = new PhoneFacts(["p"], {}, "TIER_UNLIMITED");
    let admitted = 0;
    for (let i = 0; i < 100_000; i++) if (facts.admitBusinessInitiated(`r${i}`, i)) admitted++;
    expect(admitted).toBe(100_000);
    expect(facts.reachedCount()).toBe(100_000);
  });
});
