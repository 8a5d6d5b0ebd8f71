import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ObjectStore } from "../../../src/object-storage/object-store.js";
import { LedgerDamagedError, LedgerObjects } from "../../../src/write/ledger/index.js";
import { clientOf, type RunningS3, startS3 } from "../../support/s3-server.js";

const HOUR = 3_600_000;
let s3: RunningS3;
let client: ObjectStore;
beforeAll(async () => {
  s3 = await startS3();
  client = clientOf(s3);
});
afterAll(async () => {
  await client.close();
  await s3.close();
});

const intent = (id: string, at: number, sync: string) =>
  JSON.stringify({ e: "intent", id, at, sync, stream: "s", op: "o" });
const sent = (id: string, at: number) =>
  JSON.stringify({ e: "outcome", id, at, kind: "succeeded", wamid: `wamid.${id}` });

describe("the ledger's objects in the bucket", () => {
  it("loads this job's entries however old, other jobs' only within the window, in the order written", async () => {
    const objects = new LedgerObjects(client, "p/ledger/");
    const now = 1_000 * HOUR;
    // Job 7 started 100 hours ago (beyond a 72-hour window); job 8 ran 80 hours ago; job 9 an hour ago.
    expect(await objects.jobStart("7", now - 100 * HOUR)).toBe(now - 100 * HOUR);
    await client.put(
      objects.entryKey(new Date(now - 100 * HOUR), "7", "r1", 0),
      `${intent("a", now - 100 * HOUR, "7")}\n`,
    );
    await client.put(
      objects.entryKey(new Date(now - 80 * HOUR), "8", "r1", 0),
      `${intent("b", now - 80 * HOUR, "8")}\n`,
    );
    await client.put(
      objects.entryKey(new Date(now - HOUR), "9", "r1", 0),
      `${intent("c", now - HOUR, "9")}\n${sent("c", now - HOUR + 5)}\n{"e":"later_kind","id":"c"}\n`,
    );
    const index = await objects.load("7", 72, now);
    expect(index.get("a")).toMatchObject({ outcome: undefined, firstTry: now - 100 * HOUR });
    expect(index.get("b")).toBeUndefined();
    expect(index.get("c")).toMatchObject({ outcome: "succeeded", wamid: "wamid.c" });
    expect(index.size).toBe(2);
  });

  it("records a job's first start once, and keeps it on later attempts", async () => {
    const objects = new LedgerObjects(client, "q/ledger/");
    expect(await objects.jobStart("42", 1_000)).toBe(1_000);
    expect(await objects.jobStart("42", 9_000)).toBe(1_000);
    expect(await s3.keys("q/ledger/syncs/")).toEqual(["q/ledger/syncs/42.json"]);
  });

  it("reads the entries of a sync_id holding underscores however old, as its own", async () => {
    const objects = new LedgerObjects(client, "u/ledger/");
    const now = 1_000 * HOUR;
    await objects.jobStart("job_7_b", now - 100 * HOUR);
    await client.put(
      objects.entryKey(new Date(now - 99 * HOUR), "job_7_b", "r1", 0),
      `${intent("old", now - 99 * HOUR, "job_7_b")}\n`,
    );
    expect((await objects.load("job_7_b", 72, now)).get("old")).toBeDefined();
  });

  const damaged: Array<[string, Buffer, RegExp]> = [
    ["cut short", Buffer.from(`${intent("a", 1, "d")}\n{"e":"outcome","id":"a","at":2,"ki`), /cut short/],
    ["not JSON Lines", Buffer.from(`${intent("a", 1, "d")}\n<html>gateway</html>\n`), /line 2 is not JSON/],
    ["random bytes", Buffer.from([0x9f, 0x00, 0xc3, 0x28, 0xff, 0x10, 0x0a]), /not UTF-8 text/],
    ["empty", Buffer.alloc(0), /it is empty/],
  ];
  for (const [what, bytes, problem] of damaged) {
    it(`stops with an error naming the object when an entries object is ${what}`, async () => {
      const folder = `damaged-${what.replaceAll(" ", "-")}/ledger/`;
      const objects = new LedgerObjects(client, folder);
      const now = 1_000 * HOUR;
      await client.put(
        objects.entryKey(new Date(now - HOUR), "d", "r1", 0),
        `${intent("z", now - HOUR, "d")}\n`,
      );
      const key = objects.entryKey(new Date(now - HOUR + 1), "d", "r1", 1);
      await s3.putBytes(key, bytes);
      const error = await objects.load("d", 72, now).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LedgerDamagedError);
      const message = (error as LedgerDamagedError).message;
      expect(message).toContain(`s3://${s3.bucket}/${key}`);
      expect(message).toMatch(problem);
      expect(message).toContain("delete it");
      expect((error as LedgerDamagedError).failureType).toBe("config_error");
    });
  }

  it("stops with an error naming syncs/{sync_id}.json when it is not a start time", async () => {
    const objects = new LedgerObjects(client, "s/ledger/");
    for (const bytes of ["", "{not json", '{"started_at":"yesterday"}']) {
      await s3.putBytes("s/ledger/syncs/5.json", Buffer.from(bytes));
      const error = await objects.jobStart("5", 1_000).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LedgerDamagedError);
      expect((error as Error).message).toContain(`s3://${s3.bucket}/s/ledger/syncs/5.json`);
      expect((error as Error).message).toContain("started_at");
    }
  });
});
