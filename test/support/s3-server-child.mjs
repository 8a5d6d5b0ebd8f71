// The S3 test server's own process: s3rver (the S3 REST API over a folder) on 127.0.0.1, driven
// by its parent over IPC. Its own process so that it outlives a `kill -9` of the CLI, and so that
// it can run with --openssl-legacy-provider: s3rver encrypts listing continuation tokens with
// DES, which OpenSSL 3 only offers there.
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
let failing = false;
let putsBeforeFailing = Number.POSITIVE_INFINITY;
// First in the chain: answers 503 the way S3 does under load, when the test asks for it.
server.middleware.unshift(async (ctx, next) => {
  if (failing) {
    requests.refused = (requests.refused ?? 0) + 1;
    ctx.status = 503;
    ctx.type = "application/xml";
    ctx.body =
      "<Error><Code>ServiceUnavailable</Code><Message>Please reduce your request rate.</Message></Error>";
    return;
  }
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
  failing({ on }) {
    failing = on;
    if (!on) putsBeforeFailing = Number.POSITIVE_INFINITY;
    return null;
  },
  failAfterPuts({ count }) {
    putsBeforeFailing = count;
    return null;
  },
  async close() {
    await server.close();
    rmSync(directory, { recursive: true, force: true });
    return null;
  },
};

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
