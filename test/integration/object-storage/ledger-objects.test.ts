import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ObjectStore } from "../../../src/object-storage/object-store.js";
import { LedgerObjects } from "../../../src/write/ledger/index.js";
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
      `${intent("c", now - HOUR, "9")}\n${sent("c", now - HOUR + 5)}\nnot json\n`,
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
});
