import { setTimeout as delay } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { BatchedJsonLinesWriter } from "../../../src/object-storage/batched-writer.js";
import type { S3Client } from "../../../src/object-storage/s3-client.js";

/** A store whose every PUT takes `ms` (at least: timers only run late). */
const slowStore = (ms: number) => ({ put: () => delay(ms).then(() => undefined) }) as unknown as S3Client;

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
