import { hash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { IdentityTable } from "../../../src/write/ledger/identity-table.js";
import { recordIdentity } from "../../../src/write/ledger/record-identity.js";

/** Identities as the connector makes them: 22 base64url characters of a SHA-256. */
const identity = (n: number) =>
  recordIdentity({ stream: "invites", operation: "send", record: { to: String(n) } });

describe("identity table", () => {
  it("numbers identities in the order first inserted and finds each again across many growths", () => {
    const table = new IdentityTable();
    const count = 100_000;
    const ids = Array.from({ length: count }, (_, n) => identity(n));
    const numbers = ids.map((id) => table.insert(id));
    expect(table.size).toBe(count);
    expect(numbers.every((number, n) => number === n)).toBe(true);
    expect(ids.every((id, n) => table.find(id) === n)).toBe(true);
    // Inserting again adds nothing; identities never inserted are absent.
    expect(table.insert(ids[42]!)).toBe(42);
    expect(table.size).toBe(count);
    for (let n = count; n < count + 1_000; n++) expect(table.find(identity(n))).toBe(-1);
  });

  it("keeps identities apart that share a slot, before and after the table grows", () => {
    const table = new IdentityTable();
    // The initial table has 2,048 slots: these 40 identities all start their probe at one of them.
    const slot = table.slotHash(identity(0)) & 2_047;
    const crowd: string[] = [];
    const others: string[] = [];
    for (let n = 0; crowd.length < 40; n++) {
      const id = identity(n);
      if ((table.slotHash(id) & 2_047) === slot) crowd.push(id);
      else if (others.length < 40) others.push(id);
    }
    const missing = crowd.pop()!;
    for (const id of [...crowd, ...others]) table.insert(id);
    expect(crowd.map((id) => table.find(id))).toEqual(crowd.map((_, n) => n));
    expect(table.find(missing)).toBe(-1);
    // Past 1,536 identities the slots double and every identity is placed again.
    for (let n = 0; table.size < 5_000; n++) table.insert(`filler-${n}`);
    const placed = [...crowd, ...others];
    expect(placed.map((id) => table.find(id))).toEqual(placed.map((_, n) => n));
    expect(table.find(missing)).toBe(-1);
  });

  it("tells apart identities that differ only in their last character's low bits (132 bits, not 128)", () => {
    const table = new IdentityTable();
    const stem = "AAAAAAAAAAAAAAAAAAAAA";
    const alphabet = "ABCDEFGHIJKLMNOP"; // sextets 0 to 15: the same first 128 bits
    for (const last of alphabet) table.insert(`${stem}${last}`);
    expect(table.size).toBe(16);
    expect([...alphabet].map((last) => table.find(`${stem}${last}`))).toEqual([...alphabet].map((_, n) => n));
  });

  it("keys ids of any other form by a hash, apart from each other and from 22-character identities", () => {
    const table = new IdentityTable();
    const base64 = hash("sha256", "x", "base64url");
    const odd = [
      "a",
      "",
      "id-padding-1",
      "id-padding-2",
      base64.slice(0, 21),
      base64.slice(0, 23),
      `${base64.slice(0, 21)}=`,
      `${base64.slice(0, 21)}+`,
      `${base64.slice(0, 21)}é`,
      "ÀÀÀÀÀÀÀÀÀÀÀÀÀÀÀÀÀÀÀÀÀÀ",
    ];
    // The identity of the same SHA-256 as an odd id's key shares its 128 bits, not its key.
    const canonical = [base64.slice(0, 22), ...odd.map((id) => hash("sha256", id, "base64url").slice(0, 22))];
    for (const id of [...odd, ...canonical]) table.insert(id);
    expect(table.size).toBe(odd.length + canonical.length);
    const all = [...odd, ...canonical];
    expect(all.map((id) => table.find(id))).toEqual(all.map((_, n) => n));
    expect(table.find("b")).toBe(-1);
  });
});
