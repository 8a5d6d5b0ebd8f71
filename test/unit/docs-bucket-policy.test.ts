import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  ledgerFolder,
  type ObjectStore,
  partFileName,
  probeKey,
  rejectsFolder,
  suppressionFolder,
} from "../../src/object-storage/index.js";
import { webhookOutboxFolder } from "../../src/object-storage/webhook-outbox-paths.js";
import { LedgerObjects } from "../../src/write/ledger/ledger-objects.js";
import { type WebhookEnvelope, WebhookOutbox } from "../../src/write/response-webhook/index.js";
import { SuppressionObjects } from "../../src/write/suppression/suppression-objects.js";
import { ROOT } from "../support/cli.js";

/**
 * The user guide's bucket policy against the keys the code touches: each S3 call the connector
 * makes (the ledger's reads, lists and writes, rejected records, check's probe) is allowed, and
 * nothing more is: no read of rejected records, no delete outside the probe.
 */
interface Statement {
  Action: string;
  Resource: string;
}
const BUCKET = "my-bucket";
const BUCKET_PATH = "whatsapp/prod";

function documentedPolicy(): Statement[] {
  const guide = readFileSync(join(ROOT, "docs", "whatsapp-flows.md"), "utf8");
  const section = guide.slice(guide.indexOf("### Bucket policy"));
  const block = /```json\n([\s\S]*?)\n```/.exec(section);
  expect(block, "the Bucket policy section has a JSON policy").not.toBeNull();
  return (JSON.parse(block![1]!) as { Statement: Statement[] }).Statement;
}

/** Whether an IAM resource pattern (with `*`) covers an ARN. */
function covers(pattern: string, arn: string): boolean {
  const regex = new RegExp(`^${pattern.split("*").map(escapeRegex).join(".*")}$`);
  return regex.test(arn);
}
const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const objectArn = (key: string) => `arn:aws:s3:::${BUCKET}/${key}`;

function allowed(policy: Statement[], action: string, arn: string): boolean {
  return policy.some((statement) => statement.Action === action && covers(statement.Resource, arn));
}

/** The ledger's own S3 calls for one job, recorded by a client that answers like an empty bucket. */
async function ledgerCalls(): Promise<{ get: string[]; put: string[]; list: string[]; entry: string }> {
  const calls = { get: [] as string[], put: [] as string[], list: [] as string[] };
  const client = {
    get: async (key: string) => {
      calls.get.push(key);
      return undefined;
    },
    put: async (key: string) => {
      calls.put.push(key);
    },
    list: async function* (prefix: string) {
      calls.list.push(prefix);
      yield* [];
    },
  } as unknown as ObjectStore;
  const objects = new LedgerObjects(client, ledgerFolder(BUCKET_PATH));
  await objects.load("4101", 72, Date.UTC(2026, 10, 25));
  return { ...calls, entry: objects.entryKey(new Date(Date.UTC(2026, 10, 25)), "4101", "run-1", 0) };
}

/** The outbox's S3 calls: one envelope kept by a sync, then delivered by the next. */
async function outboxCalls(): Promise<{ put: string[]; get: string[]; delete: string[] }> {
  const objects = new Map<string, string>();
  const calls = { put: [] as string[], get: [] as string[], delete: [] as string[] };
  const client = {
    bucket: BUCKET,
    put: async (key: string, body: string) => {
      calls.put.push(key);
      objects.set(key, body);
    },
    get: async (key: string) => {
      calls.get.push(key);
      return objects.get(key);
    },
    // A streamed read is the same GetObject as `get`.
    read: async (key: string) => {
      calls.get.push(key);
      const text = objects.get(key);
      if (text === undefined) return undefined;
      return (async function* () {
        yield new TextEncoder().encode(text);
      })();
    },
    delete: async (key: string) => {
      calls.delete.push(key);
      objects.delete(key);
    },
    list: async function* (prefix: string) {
      for (const key of [...objects.keys()].filter((k) => k.startsWith(prefix)).sort())
        yield { key, size: objects.get(key)!.length };
    },
    close: async () => undefined,
  } as ObjectStore;
  const folder = webhookOutboxFolder(BUCKET_PATH);
  const kept = new WebhookOutbox(client, folder, "4101", (text) => text);
  await kept.keep({ idempotency_key: "k" } as WebhookEnvelope);
  await kept.close();
  await new WebhookOutbox(client, folder, "4102", (text) => text).deliverWaiting(async () => undefined, 1);
  return calls;
}

describe("the documented bucket policy", () => {
  const policy = documentedPolicy();

  it("names only the four actions the connector uses", () => {
    expect([...new Set(policy.map((s) => s.Action))].sort()).toEqual([
      "s3:DeleteObject",
      "s3:GetObject",
      "s3:ListBucket",
      "s3:PutObject",
    ]);
  });

  it("allows every call of the send ledger", async () => {
    const calls = await ledgerCalls();
    expect(calls.list.length).toBeGreaterThan(0);
    expect(allowed(policy, "s3:ListBucket", `arn:aws:s3:::${BUCKET}`)).toBe(true);
    for (const key of calls.get) expect(allowed(policy, "s3:GetObject", objectArn(key)), key).toBe(true);
    for (const key of [...calls.put, calls.entry]) {
      expect(allowed(policy, "s3:PutObject", objectArn(key)), key).toBe(true);
    }
  });

  it("allows the suppression list's reads and writes, and no delete", async () => {
    const objects = new SuppressionObjects({} as ObjectStore, suppressionFolder(BUCKET_PATH));
    const entry = objects.entryKey(new Date(Date.UTC(2026, 10, 25)), "4101", "run-1", 0);
    for (const action of ["s3:PutObject", "s3:GetObject"])
      expect(allowed(policy, action, objectArn(entry)), `${action} ${entry}`).toBe(true);
    expect(allowed(policy, "s3:DeleteObject", objectArn(entry))).toBe(false);
  });

  it("allows writing rejected records and check's probe, and deleting the probe only", async () => {
    const reject = `${rejectsFolder(BUCKET_PATH, "4101", "crm", "invites")}${partFileName(new Date(), 0)}`;
    const probe = probeKey(BUCKET_PATH, "0d9c");
    expect(allowed(policy, "s3:PutObject", objectArn(reject))).toBe(true);
    expect(allowed(policy, "s3:PutObject", objectArn(probe))).toBe(true);
    expect(allowed(policy, "s3:DeleteObject", objectArn(probe))).toBe(true);
    const { entry } = await ledgerCalls();
    for (const key of [reject, entry])
      expect(allowed(policy, "s3:DeleteObject", objectArn(key)), key).toBe(false);
    expect(allowed(policy, "s3:GetObject", objectArn(reject))).toBe(false);
  });

  it("allows the webhook outbox's writes, its reads and the delete of what it delivered", async () => {
    const calls = await outboxCalls();
    expect(calls.put.length).toBeGreaterThan(0);
    expect(calls.get).toEqual(calls.put);
    expect(calls.delete).toEqual(calls.put);
    for (const key of calls.put) {
      for (const action of ["s3:PutObject", "s3:GetObject", "s3:DeleteObject"])
        expect(allowed(policy, action, objectArn(key)), `${action} ${key}`).toBe(true);
    }
  });

  it("keeps every object action under bucket_path", () => {
    for (const statement of policy.filter((s) => s.Action !== "s3:ListBucket")) {
      expect(
        statement.Resource.startsWith(`arn:aws:s3:::${BUCKET}/${BUCKET_PATH}/`),
        statement.Resource,
      ).toBe(true);
    }
  });
});
