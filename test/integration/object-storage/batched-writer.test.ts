import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BatchedJsonLinesWriter } from "../../../src/object-storage/batched-writer.js";
import { ObjectStorageError } from "../../../src/object-storage/object-storage-error.js";
import type { ObjectStore } from "../../../src/object-storage/object-store.js";
import { clientOf, type RunningS3, startS3 } from "../../support/s3-server.js";

let s3: RunningS3;
let client: ObjectStore;
beforeAll(async () => {
  s3 = await startS3();
  client = clientOf(s3, { attempts: 2 });
});
afterAll(async () => {
  await client.close();
  await s3.close();
});

describe("batched JSON Lines writer", () => {
  it("stores many lines in few objects and resolves each line only once it is stored", async () => {
    const writer = new BatchedJsonLinesWriter(
      client,
      (_t, part) => `batch/${String(part).padStart(3, "0")}.jsonl`,
      {
        lingerMs: 50,
        maxLines: 100,
        maxBytes: 1 << 20,
      },
    );
    const appended = Array.from({ length: 450 }, (_, i) => writer.append(JSON.stringify({ i })));
    await Promise.all(appended);
    const keys = await s3.keys("batch/");
    expect(keys.length).toBeGreaterThanOrEqual(5);
    expect(keys.length).toBeLessThanOrEqual(10);
    const stored = (await Promise.all(keys.map((k) => s3.text(k)))).join("").trim().split("\n");
    expect(stored.map((l) => (JSON.parse(l) as { i: number }).i)).toEqual(appended.map((_, i) => i));
    expect(writer.written).toEqual({ objects: keys.length, lines: 450 });
  });

  it("refuses every waiting and later line with the store's error once a PUT fails", async () => {
    const writer = new BatchedJsonLinesWriter(client, (_t, part) => `fail/${part}.jsonl`, {
      lingerMs: 20,
      maxLines: 10,
      maxBytes: 1 << 20,
    });
    await s3.failing(true);
    try {
      const results = await Promise.allSettled([writer.append("a"), writer.append("b")]);
      expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
      expect((results[0] as PromiseRejectedResult).reason).toBeInstanceOf(ObjectStorageError);
      await expect(writer.append("c")).rejects.toBeInstanceOf(ObjectStorageError);
      expect(writer.failed).toBe(true);
    } finally {
      await s3.failing(false);
    }
    expect(await s3.keys("fail/")).toEqual([]);
  });
});
