import { setTimeout as delay } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { BatchedJsonLinesWriter } from "../../../src/object-storage/batched-writer.js";
import type { ObjectStore } from "../../../src/object-storage/object-store.js";

/** A store whose every PUT takes `ms` (at least: timers only run late). */
const slowStore = (ms: number) => ({ put: () => delay(ms).then(() => undefined) }) as unknown as ObjectStore;

describe("batched writer: how long a line takes to be stored (what the ledger's intent lead covers)", () => {
  it("is the linger plus a PUT, first as assumed (100 ms), then as the PUTs took", async () => {
    const settings = { lingerMs: 20, maxLines: 10, maxBytes: 1 << 20 };
    const writer = new BatchedJsonLinesWriter(slowStore(300), (_t, part) => `p/${part}`, settings);
    expect(writer.storeMs).toBe(20 + 100);
    await writer.append("a");
    // Smoothed: half the assumed PUT, half the one that took ~300 ms (timers may fire a ms early).
    expect(writer.storeMs).toBeGreaterThanOrEqual(20 + 195);
    await writer.append("b");
    expect(writer.storeMs).toBeGreaterThanOrEqual(20 + 245);
  });
});

describe("batched writer: lines sharing an object share its promise, and no line resolves before its object", () => {
  it("resolves the lines piled up behind a slow PUT object by object, in order", async () => {
    const puts: Array<{ body: string; done: () => void }> = [];
    const store = {
      put: (_key: string, body: string) => new Promise<void>((done) => puts.push({ body, done })),
    } as unknown as ObjectStore;
    const writer = new BatchedJsonLinesWriter(store, (_t, part) => `p/${part}`, {
      lingerMs: 5,
      maxLines: 2,
      maxBytes: 1 << 20,
    });
    const stored: string[] = [];
    const append = (line: string) => writer.append(line).then(() => stored.push(line));
    const first = [append("a"), append("b")]; // full: its PUT goes at once
    const behind = ["c", "d", "e"].map(append); // two objects' worth, waiting for that PUT
    await delay(20);
    expect(puts.map((p) => p.body)).toEqual(["a\nb\n"]);
    puts[0]!.done();
    await Promise.all(first);
    await delay(20);
    expect(stored).toEqual(["a", "b"]);
    expect(puts.map((p) => p.body)).toEqual(["a\nb\n", "c\nd\n"]);
    puts[1]!.done();
    await delay(20);
    expect(stored).toEqual(["a", "b", "c", "d"]);
    puts[2]!.done();
    await Promise.all(behind);
    expect(puts.map((p) => p.body)).toEqual(["a\nb\n", "c\nd\n", "e\n"]);
    expect(stored).toEqual(["a", "b", "c", "d", "e"]);
  });
});
