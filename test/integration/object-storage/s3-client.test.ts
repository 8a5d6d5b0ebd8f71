import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ObjectStorageError } from "../../../src/object-storage/object-storage-error.js";
import { S3Client } from "../../../src/object-storage/s3-client.js";
import { type RunningS3, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY, startS3 } from "../../support/s3-server.js";

let s3: RunningS3;
beforeAll(async () => {
  s3 = await startS3();
});
afterAll(async () => {
  await s3.close();
});

function client(bucket = s3.bucket, accessKeyId = S3_ACCESS_KEY_ID): S3Client {
  return new S3Client({
    bucket,
    region: "us-east-1",
    endpoint: s3.endpoint,
    credentials: { accessKeyId, secretAccessKey: S3_SECRET_ACCESS_KEY },
    retryBaseMs: 5,
  });
}

describe("S3 client against a real S3-protocol server", () => {
  it("puts, reads, lists after a key and deletes objects whose keys need encoding", async () => {
    const c = client();
    try {
      await c.put("p/sync 1/a+b/0001.jsonl", '{"a":1}\n');
      await c.put("p/sync 1/a+b/0002.jsonl", '{"a":2}\n');
      expect(await s3.text("p/sync 1/a+b/0001.jsonl")).toBe('{"a":1}\n');
      expect(await c.get("p/sync 1/a+b/0002.jsonl")).toBe('{"a":2}\n');
      expect(await c.get("p/missing")).toBeUndefined();
      const listed: string[] = [];
      for await (const o of c.list("p/sync 1/", "p/sync 1/a+b/0001.jsonl")) listed.push(o.key);
      expect(listed).toEqual(["p/sync 1/a+b/0002.jsonl"]);
      await c.delete("p/sync 1/a+b/0001.jsonl");
      expect(await s3.keys("p/")).toEqual(["p/sync 1/a+b/0002.jsonl"]);
    } finally {
      await c.close();
    }
  });

  it("reads a listing across pages", async () => {
    const c = client();
    try {
      for (let i = 0; i < 1005; i++) await c.put(`many/${String(i).padStart(4, "0")}`, "x");
      let count = 0;
      for await (const _ of c.list("many/")) count++;
      expect(count).toBe(1005);
      expect(c.counts.list).toBeGreaterThan(1);
    } finally {
      await c.close();
    }
  }, 60_000);

  it("names the bucket and S3's error code, as a config_error, for a bucket that does not exist", async () => {
    const c = client("no-such-bucket");
    try {
      const error = await c.put("k", "x").catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ObjectStorageError);
      expect((error as ObjectStorageError).failureType).toBe("config_error");
      expect((error as ObjectStorageError).message).toContain("no-such-bucket");
      expect((error as ObjectStorageError).s3Code).toBe("NoSuchBucket");
    } finally {
      await c.close();
    }
  });

  it("rejects an unknown access key as InvalidAccessKeyId", async () => {
    const c = client(s3.bucket, "AKIAUNKNOWN000000000");
    try {
      const error = (await c.put("k", "x").catch((e: unknown) => e)) as ObjectStorageError;
      expect(error.s3Code).toBe("InvalidAccessKeyId");
      expect(error.failureType).toBe("config_error");
    } finally {
      await c.close();
    }
  });

  it("retries 503 SlowDown-style answers, then gives up with a transient_error", async () => {
    const c = client();
    try {
      await s3.failing(true);
      const error = (await c.put("k", "x").catch((e: unknown) => e)) as ObjectStorageError;
      expect(error.failureType).toBe("transient_error");
      expect(error.s3Code).toBe("ServiceUnavailable");
      await s3.failing(false);
      await c.put("k", "x");
      expect(await s3.text("k")).toBe("x");
    } finally {
      await s3.failing(false);
      await c.close();
    }
  });

  it("reports a refused connection as a transient_error naming the network code", async () => {
    const c = new S3Client({
      bucket: "b",
      region: "",
      endpoint: "http://127.0.0.1:9",
      credentials: { accessKeyId: "a", secretAccessKey: "b" },
      attempts: 2,
      retryBaseMs: 5,
    });
    try {
      const error = (await c.get("k").catch((e: unknown) => e)) as ObjectStorageError;
      expect(error.failureType).toBe("transient_error");
      expect(error.s3Code).toBe("ECONNREFUSED");
    } finally {
      await c.close();
    }
  });
});
