// The S3-protocol server of the tests (s3rver in its own process, test/support/s3-server-child.mjs)
// for the ledger section: the same server, driven over IPC.
import { fork } from "node:child_process";
import { ROOT } from "./paths.mjs";

// The connector reaches the bucket through the AWS SDK: the bench gives it explicit keys and this
// local endpoint, and the write children it starts inherit this, so the SDK never tries the
// instance-metadata address.
process.env.AWS_EC2_METADATA_DISABLED = "true";

export const S3_ACCESS_KEY_ID = "AKIABENCHKEY00000001";
export const S3_SECRET_ACCESS_KEY = "bench-s3-secret-access-key-0123";
export const S3_BUCKET = "bench-ledger";

// Only where this Node has the flag: without it, only listings of more than 1,000 keys fail.
const LEGACY_OPENSSL = process.allowedNodeEnvironmentFlags.has("--openssl-legacy-provider")
  ? ["--openssl-legacy-provider"]
  : [];

export async function startS3Process() {
  const child = fork(
    `${ROOT}test/support/s3-server-child.mjs`,
    [S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY],
    {
      execArgv: LEGACY_OPENSSL,
      stdio: ["ignore", "ignore", "inherit", "ipc"],
    },
  );
  const port = await new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the S3 server exited (${code}) before it listened`)));
    child.once("message", (m) => resolve(m.ready));
  });
  let next = 0;
  const waiting = new Map();
  child.on("message", (m) => {
    if (m.id === undefined) return;
    waiting.get(m.id)?.(m.result);
    waiting.delete(m.id);
  });
  const call = (op, args = {}) =>
    new Promise((resolve) => {
      const id = ++next;
      waiting.set(id, resolve);
      child.send({ id, op, args });
    });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests: () => call("requests"),
    async close() {
      if (!child.connected) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      await call("close");
      await exited;
    },
  };
}
