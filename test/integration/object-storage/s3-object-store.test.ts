import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ObjectStorageError } from "../../../src/object-storage/object-storage-error.js";
import { MAX_LIST_PAGES, S3ObjectStore } from "../../../src/object-storage/s3-object-store.js";
import { clientOf, type RunningS3, startS3 } from "../../support/s3-server.js";

let s3: RunningS3;
beforeAll(async () => {
  s3 = await startS3();
});
afterAll(async () => {
  await s3.close();
});

async function failureOf(call: Promise<unknown>): Promise<ObjectStorageError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ObjectStorageError);
  return error as ObjectStorageError;
}

describe("the S3 store (AWS SDK) against a real S3-protocol server", () => {
  it("puts, reads, lists after a key and deletes objects whose keys need encoding", async () => {
    const c = clientOf(s3);
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
      await c.delete("p/sync 1/a+b/never-written");
      expect(await s3.keys("p/")).toEqual(["p/sync 1/a+b/0002.jsonl"]);
    } finally {
      await c.close();
    }
  });

  it("reads a listing across pages", async () => {
    const c = clientOf(s3);
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

  it("names the bucket and S3's error code, as a config_error saying what to fix, for a bucket that does not exist", async () => {
    const c = clientOf(s3, { bucket: "no-such-bucket" });
    try {
      const error = await failureOf(c.put("k", "x"));
      expect(error.failureType).toBe("config_error");
      expect(error.s3Code).toBe("NoSuchBucket");
      expect(error.message).toContain('Bucket "no-such-bucket" does not exist at s3_endpoint');
      expect(error.message).toContain("check s3_bucket_name");
    } finally {
      await c.close();
    }
  });

  it("rejects an unknown access key as InvalidAccessKeyId, without the key in the message", async () => {
    const c = clientOf(s3, { accessKey: { accessKeyId: "AKIAUNKNOWN000000000", secretAccessKey: "x" } });
    try {
      const error = await failureOf(c.put("k", "x"));
      expect(error.s3Code).toBe("InvalidAccessKeyId");
      expect(error.failureType).toBe("config_error");
      expect(error.message).toContain("check access_key_id");
      expect(error.message).not.toContain("AKIAUNKNOWN000000000");
    } finally {
      await c.close();
    }
  });

  it("retries 503 answers in the SDK's standard mode, then gives up with a transient_error", async () => {
    const c = clientOf(s3, { attempts: 3 });
    try {
      await s3.failing(true);
      const before = (await s3.requests()).refused ?? 0;
      const error = await failureOf(c.put("k", "x"));
      expect(error.failureType).toBe("transient_error");
      expect(error.s3Code).toBe("ServiceUnavailable");
      expect(error.status).toBe(503);
      expect(((await s3.requests()).refused ?? 0) - before).toBe(3);
      await s3.failing(false);
      await c.put("k", "x");
      expect(await s3.text("k")).toBe("x");
    } finally {
      await s3.failing(false);
      await c.close();
    }
  });

  it("reports a refused connection as a transient_error naming the network code", async () => {
    const c = new S3ObjectStore({
      bucket: "b",
      region: "",
      endpoint: "http://127.0.0.1:9",
      accessKey: { accessKeyId: "a", secretAccessKey: "b" },
      role: undefined,
      attempts: 2,
    });
    try {
      const error = await failureOf(c.get("k"));
      expect(error.failureType).toBe("transient_error");
      expect(error.s3Code).toBe("ECONNREFUSED");
    } finally {
      await c.close();
    }
  });

  it("without keys in the config nor credentials in the environment, says where credentials can come from", async () => {
    // The test sandbox (test/support/aws-sandbox.ts): no AWS_* credentials, no ~/.aws, no metadata.
    const c = clientOf(s3, { accessKey: undefined });
    try {
      const error = await failureOf(c.put("k", "x"));
      expect(error.failureType).toBe("config_error");
      expect(error.s3Code).toBe("CredentialsProviderError");
      expect(error.message).toContain("No AWS credentials were found");
      expect(error.message).toContain("web identity token");
    } finally {
      await c.close();
    }
  });

  it("puts a large batch in one request without waiting for a 100 Continue", async () => {
    const seen: Array<{ expect: string | undefined; bytes: number }> = [];
    const server = createServer((req, res) => {
      let bytes = 0;
      req.on("data", (chunk: Buffer) => {
        bytes += chunk.length;
      });
      req.on("end", () => {
        seen.push({ expect: req.headers.expect, bytes });
        res.writeHead(200, { etag: '"0"' }).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const c = new S3ObjectStore({
      bucket: "b",
      region: "",
      endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      accessKey: { accessKeyId: "a", secretAccessKey: "b" },
      role: undefined,
    });
    try {
      await c.put("big.jsonl", `${"x".repeat(1023)}\n`.repeat(3 * 1024));
      expect(seen).toEqual([{ expect: undefined, bytes: 3 * 1024 * 1024 }]);
    } finally {
      await c.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("stops a listing that answers the same page again, naming the prefix", async () => {
    const c = clientOf(s3);
    await s3.listing("repeat");
    try {
      const listed: string[] = [];
      const error = await failureOf(
        (async () => {
          for await (const o of c.list("loop/")) listed.push(o.key);
        })(),
      );
      expect(error.s3Code).toBe("ListingNotAdvancing");
      expect(error.message).toContain('prefix "loop/"');
      expect(listed).toEqual(["loop/zzz-0"]);
      expect(c.counts.list).toBe(2);
    } finally {
      await s3.listing(false);
      await c.close();
    }
  });

  it(`stops a listing past ${MAX_LIST_PAGES} pages, naming the prefix`, async () => {
    const c = clientOf(s3);
    await s3.listing("endless");
    try {
      let count = 0;
      const error = await failureOf(
        (async () => {
          for await (const _ of c.list("endless/")) count++;
        })(),
      );
      expect(error.s3Code).toBe("ListingTooLong");
      expect(error.failureType).toBe("config_error");
      expect(error.message).toContain('under prefix "endless/"');
      expect(count).toBe(MAX_LIST_PAGES);
      expect(c.counts.list).toBe(MAX_LIST_PAGES);
    } finally {
      await s3.listing(false);
      await c.close();
    }
  }, 60_000);

  it("bounds each call, its retries included, by the request timeout when the store stops answering", async () => {
    const c = clientOf(s3, { requestTimeoutMs: 1_500, attempts: 4 });
    await s3.failing(true, "hang");
    try {
      for (const call of [() => c.get("k"), () => c.put("k", "x"), () => c.read("k")]) {
        const started = performance.now();
        const error = await failureOf(call());
        const elapsed = performance.now() - started;
        expect(error.failureType).toBe("transient_error");
        expect(error.s3Code).toBe("TimeoutError");
        expect(error.message).toContain("retries included");
        expect(elapsed).toBeGreaterThanOrEqual(1_400);
        expect(elapsed).toBeLessThan(3_000);
      }
    } finally {
      await s3.failing(false);
      await c.close();
    }
  }, 30_000);
});
