// The S3 test server's own process: s3rver (the S3 REST API over a folder) on 127.0.0.1, driven
// by its parent over IPC. Its own process so that it outlives a `kill -9` of the CLI, and so that
// it can run with --openssl-legacy-provider: s3rver encrypts listing continuation tokens with
// DES, which OpenSSL 3 only offers there.
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import S3rver from "s3rver";

const [bucket, accessKeyId, secretAccessKey] = process.argv.slice(2);
const require = createRequire(import.meta.url);
require("s3rver/lib/models/account").DUMMY_ACCOUNT.createKeyPair(accessKeyId, secretAccessKey);

const directory = mkdtempSync(join(tmpdir(), "dwf-s3-"));
const server = new S3rver({
  address: "127.0.0.1",
  port: 0,
  silent: true,
  directory,
  configureBuckets: [{ name: bucket }],
});
const requests = {};
/** false, or how requests fail: "503" (S3 under load) or "hang" (never answered). */
let failing = false;
let failMode = "503";
let putsBeforeFailing = Number.POSITIVE_INFINITY;
/** false, or how listings misbehave: "repeat" (the same page, "truncated", forever) or "endless". */
let listing = false;
let listed = 0;
/** Requests held without an answer, released (with a 503) when the fault ends or the server closes. */
const hung = new Set();

function refuse(ctx) {
  ctx.status = 503;
  ctx.type = "application/xml";
  ctx.body =
    "<Error><Code>ServiceUnavailable</Code><Message>Please reduce your request rate.</Message></Error>";
}

function releaseHung() {
  for (const release of hung) release();
  hung.clear();
}

/** A ListObjectsV2 page of one key that says more follow. */
function endlessPage(ctx) {
  const prefix = String(ctx.query.prefix ?? "");
  const key = listing === "repeat" ? `${prefix}zzz-0` : `${prefix}zzz-${String(listed).padStart(9, "0")}`;
  listed++;
  ctx.status = 200;
  ctx.type = "application/xml";
  ctx.body = `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>${bucket}</Name><Prefix>${prefix}</Prefix><KeyCount>1</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>true</IsTruncated><Contents><Key>${key}</Key><LastModified>2024-01-01T00:00:00.000Z</LastModified><ETag>"0"</ETag><Size>1</Size><StorageClass>STANDARD</StorageClass></Contents></ListBucketResult>`;
}

/**
 * S3 stores an object whole or not at all; s3rver streams a PUT's body into its file and keeps
 * what came when the client went away (a writer killed mid-PUT left an empty ledger object).
 * The body is read whole first: short of its Content-Length, nothing is stored.
 */
async function wholeBody(ctx) {
  const declared = ctx.headers["content-length"];
  if (declared === undefined) return true;
  const chunks = [];
  let size = 0;
  try {
    for await (const chunk of ctx.req) {
      chunks.push(chunk);
      size += chunk.length;
    }
  } catch {
    // The client went away mid-body.
  }
  if (size < Number(declared)) {
    ctx.status = 400;
    return false;
  }
  const body = Readable.from([Buffer.concat(chunks)]);
  body.headers = ctx.req.headers;
  ctx.req = body;
  return true;
}

// First in the chain: the faults a test asks for.
server.middleware.unshift(async (ctx, next) => {
  if (failing) {
    requests.refused = (requests.refused ?? 0) + 1;
    if (failMode === "hang") {
      await new Promise((resolve) => hung.add(resolve));
      if (!ctx.req.socket.destroyed) refuse(ctx);
      return;
    }
    refuse(ctx);
    return;
  }
  if (listing && ctx.method === "GET" && ctx.query["list-type"] === "2") {
    requests.LIST = (requests.LIST ?? 0) + 1;
    endlessPage(ctx);
    return;
  }
  if (ctx.method === "PUT" && !(await wholeBody(ctx))) return;
  await next();
  requests[ctx.method] = (requests[ctx.method] ?? 0) + 1;
  if (ctx.method === "PUT" && ctx.status < 300 && --putsBeforeFailing <= 0) failing = true;
});

async function text(key) {
  const object = await server.store.getObject(bucket, key);
  if (object?.content == null) return null;
  const chunks = [];
  for await (const chunk of object.content) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString("utf8");
}

const handlers = {
  async keys({ prefix }) {
    const listed = await server.store.listObjects(bucket, { prefix, maxKeys: Number.MAX_SAFE_INTEGER });
    return listed.objects.map((o) => o.key).sort();
  },
  text: ({ key }) => text(key),
  requests: () => ({ ...requests }),
  failing({ on, mode = "503" }) {
    failing = on;
    failMode = mode;
    if (!on) {
      putsBeforeFailing = Number.POSITIVE_INFINITY;
      releaseHung();
    }
    return null;
  },
  failAfterPuts({ count, mode = "503" }) {
    putsBeforeFailing = count;
    failMode = mode;
    return null;
  },
  listing({ mode }) {
    listing = mode;
    return null;
  },
  /**
   * Stores raw bytes (base64), or `template` `count` times, streamed: `{n}` is the repeat's number,
   * `{id}` a send ledger identity of it (22 base64url characters of a SHA-256, as the connector
   * writes them), distinct for each repeat.
   */
  async put({ key, base64, template, count }) {
    const content =
      base64 !== undefined
        ? Readable.from([Buffer.from(base64, "base64")])
        : Readable.from(
            (function* () {
              const withId = template.includes("{id}");
              // A chunk of many repeats: one per repeat made the pipe the test's slowest part.
              for (let n = 0; n < count; n += 1_000) {
                let chunk = "";
                for (let m = n; m < Math.min(count, n + 1_000); m++)
                  chunk += template
                    .replaceAll("{n}", String(m))
                    .replaceAll("{id}", withId ? identity(m) : "");
                yield chunk;
              }
            })(),
          );
    const { size } = await server.store.putObject({ bucket, key, content, metadata: {} });
    return size;
  },
  async close() {
    releaseHung();
    await server.close();
    rmSync(directory, { recursive: true, force: true });
    return null;
  },
};

function identity(n) {
  return createHash("sha256").update(`repeat\u0000${n}`).digest("base64url").slice(0, 22);
}

process.on("message", async ({ id, op, args }) => {
  try {
    process.send({ id, result: await handlers[op](args) });
  } catch (error) {
    process.send({ id, error: String(error) });
  }
  if (op === "close") process.disconnect();
});
process.on("disconnect", () => process.exit(0));

const { port } = await server.run();
process.send({ ready: port });
