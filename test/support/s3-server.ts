import { type ChildProcess, fork } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { S3ObjectStore } from "../../src/object-storage/s3-object-store.js";
import type { S3Settings } from "../../src/object-storage/s3-settings.js";

export const S3_ACCESS_KEY_ID = "AKIAE2ETESTKEY000001";
/** Checked absent from every output by the e2e tests. */
export const S3_SECRET_ACCESS_KEY = "e2e-s3-secret-access-key-0123456789";

// Only where this Node has the flag: without it, only listings of more than 1,000 keys fail.
const LEGACY_OPENSSL = process.allowedNodeEnvironmentFlags.has("--openssl-legacy-provider")
  ? ["--openssl-legacy-provider"]
  : [];

const CHILD = join(dirname(fileURLToPath(import.meta.url)), "s3-server-child.mjs");

export type FailMode = "503" | "hang";
export type ListingFault = "repeat" | "endless" | false;

export interface RunningS3 {
  readonly endpoint: string;
  readonly bucket: string;
  /** Requests the server answered, by method (PUT, GET, DELETE…), and `refused` while failing. */
  requests(): Promise<Record<string, number>>;
  /** Every key under `prefix`, in key order, read from the server's own store. */
  keys(prefix?: string): Promise<string[]>;
  /** An object's text, read from the server's own store. */
  text(key: string): Promise<string | undefined>;
  /**
   * From now on, answer every request with 503 ServiceUnavailable, or ("hang") never answer it (or
   * stop doing so: held requests then get a 503).
   */
  failing(on: boolean, mode?: FailMode): Promise<void>;
  /** Start failing so once this many more PUTs have been stored. */
  failAfterPuts(count: number, mode?: FailMode): Promise<void>;
  /**
   * From now on, answer every listing with one key and "more follow": the same key each time
   * ("repeat"), a new one each time ("endless"), or (false) list truly again.
   */
  listing(mode: ListingFault): Promise<void>;
  /** Stores exact bytes under `key` (damaged objects), bypassing the S3 API. */
  putBytes(key: string, bytes: Buffer): Promise<void>;
  /**
   * Stores `template` `count` times (large objects), `{n}` replaced by each repeat's number and
   * `{id}` by a distinct send ledger identity (22 base64url characters); resolves with the size.
   */
  putRepeated(key: string, template: string, count: number): Promise<number>;
  close(): Promise<void>;
}

/**
 * A real S3-protocol server (the s3rver package) on 127.0.0.1, port 0, with one bucket, in a
 * process of its own. Tests and the connector talk to it over HTTP exactly as to S3; only the
 * failure switch is ours.
 */
export async function startS3(bucket = "airbyte-rejects"): Promise<RunningS3> {
  const child = fork(CHILD, [bucket, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY], {
    execArgv: LEGACY_OPENSSL,
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`the S3 test server exited (${code}) before it listened`)));
    child.once("message", (m: { ready?: number }) =>
      m.ready ? resolve(m.ready) : reject(new Error("bad hello")),
    );
  });
  const call = rpc(child);
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    requests: () => call("requests", {}) as Promise<Record<string, number>>,
    keys: (prefix = "") => call("keys", { prefix }) as Promise<string[]>,
    text: async (key) => ((await call("text", { key })) as string | null) ?? undefined,
    failing: async (on, mode) => void (await call("failing", { on, mode })),
    failAfterPuts: async (count, mode) => void (await call("failAfterPuts", { count, mode })),
    listing: async (mode) => void (await call("listing", { mode })),
    putBytes: async (key, bytes) => void (await call("put", { key, base64: bytes.toString("base64") })),
    putRepeated: async (key, template, count) => (await call("put", { key, template, count })) as number,
    async close() {
      if (!child.connected) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      await call("close", {});
      await exited;
    },
  };
}

function rpc(child: ChildProcess): (op: string, args: object) => Promise<unknown> {
  let next = 0;
  const waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  child.on("message", (m: { id?: number; result?: unknown; error?: string }) => {
    if (m.id === undefined) return;
    const entry = waiting.get(m.id);
    waiting.delete(m.id);
    if (m.error !== undefined) entry?.reject(new Error(m.error));
    else entry?.resolve(m.result);
  });
  return (op, args) =>
    new Promise((resolve, reject) => {
      const id = ++next;
      waiting.set(id, { resolve, reject });
      child.send({ id, op, args });
    });
}

/** The project's own S3 store for `s3`'s bucket, with the test server's keys. */
export function clientOf(
  s3: RunningS3,
  options: Partial<Pick<S3Settings, "attempts" | "requestTimeoutMs" | "bucket" | "accessKey" | "role">> = {},
): S3ObjectStore {
  return new S3ObjectStore({
    bucket: s3.bucket,
    region: "",
    endpoint: s3.endpoint,
    accessKey: { accessKeyId: S3_ACCESS_KEY_ID, secretAccessKey: S3_SECRET_ACCESS_KEY },
    role: undefined,
    ...options,
  });
}
