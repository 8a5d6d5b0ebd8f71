import { describe, expect, it } from "vitest";
import { StoredIds } from "../../../src/write/ledger/stored-ids.js";

describe("ids of successes, packed", () => {
  it("gives back each pair as stored, absent ids included, across many chunks", () => {
    const stored = new StoredIds();
    const pairs = Array.from({ length: 40_000 }, (_, n) => ({
      wamid: n % 3 === 2 ? undefined : `wamid.HBgLMTU1NTAwMDEwMDEVAgARGBI5QTNDQTVCM0E5RUQ5QjQ2${n}`,
      flowId: n % 3 === 0 ? undefined : String(1_000_000_000_000 + n),
    }));
    // About 2 MB: two chunks of 1 MiB.
    const places = pairs.map((pair) => stored.put(pair));
    expect(places.every((place, n) => n === 0 || place > places[n - 1]!)).toBe(true);
    expect(places.at(-1)!).toBeGreaterThan(1024 * 1024);
    expect(places.map((place) => stored.get(place))).toEqual(pairs);
  });

  it("keeps text that is not ASCII, empty ids, and a pair longer than a chunk", () => {
    const stored = new StoredIds();
    const long = "wamid.é".repeat(200_000);
    const pairs = [
      { wamid: "wamid.ÅÄÖ-日本-😀", flowId: "" },
      { wamid: long, flowId: "x".repeat(300) },
      { wamid: undefined, flowId: undefined },
      { wamid: "after", flowId: "7" },
    ];
    const places = pairs.map((pair) => stored.put(pair));
    expect(places.map((place) => stored.get(place))).toEqual(pairs);
  });
});
