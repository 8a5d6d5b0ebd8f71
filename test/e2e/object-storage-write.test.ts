import { createServer } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { recordIdentity } from "../../src/write/ledger/record-identity.js";
import { type RunningS3, S3_SECRET_ACCESS_KEY, startS3 } from "../support/s3-server.js";
import { BASE_KEY, ROLE_ARN, type RunningSts, startStsIssuingS3Keys } from "../support/sts-server.js";
import {
  BUCKET_PATH,
  logs,
  objectStorage,
  record,
  sendTo,
  storedLines,
  writeSync,
} from "./object-storage-support.js";
import {
  acceptedSends,
  configFor,
  emulator,
  globalState,
  lines,
  PUBLISHED_FLOW,
  states,
  trace,
} from "./write-support.js";

let emu: RunningEmulator;
let s3: RunningS3;
let sts: RunningSts;
let syncId = 9000;

beforeAll(async () => {
  [emu, s3, sts] = await Promise.all([emulator(), startS3(), startStsIssuingS3Keys()]);
});
afterAll(async () => {
  await Promise.all([emu.close(), s3.close(), sts.close()]);
});
beforeEach(() => {
  emu.reset();
  syncId++;
});

const MISSING_FLOW = "900000000009999";

describe("write with object storage: rejected records in the bucket", () => {
  it("stores every reject as JSON Lines under {bucket_path}/{sync_id}/{namespace}/{stream_name}/, before the STATE after it", async () => {
    const config = configFor(emu, { object_storage_config: objectStorage(s3) });
    const input = lines(
      sendTo("15550001001"),
      record({ flow_id: "1", flow_cta: "Open", body: "no recipient" }),
      sendTo("15550001002", { flow_id: MISSING_FLOW }),
      record({ to: "15550001003", flow_cta: "Open", body: "no flow" }, "bulk", "crm"),
      globalState(1),
      sendTo("15550001004"),
      globalState(2),
    );
    const result = await writeSync(config, syncId, input);
    expect(result.code).toBe(0);
    const echoed = states(result);
    expect(echoed.map((s) => s.state.destinationStats)).toEqual([
      { recordCount: 4, rejectedRecordCount: 3 },
      { recordCount: 1 },
    ]);
    const invites = await storedLines(s3, `${BUCKET_PATH}/${syncId}/invites/`);
    const bulk = await storedLines(s3, `${BUCKET_PATH}/${syncId}/crm/bulk/`);
    expect(invites).toHaveLength(2);
    expect(bulk).toHaveLength(1);
    const graph = invites.find((line) => line.error_code === "ERR_GRAPH_REJECTED")!;
    expect(graph).toMatchObject({
      record: { to: "15550001002", flow_id: MISSING_FLOW, flow_cta: "Open", body: "Hello there" },
      stream: "invites",
      namespace: null,
      operation: "send_published_flow",
      graph_code: 100,
      http_status: 400,
    });
    expect(typeof graph.fbtrace_id).toBe("string");
    expect(String(graph.reason)).toContain("does not exist");
    expect(Number.isNaN(Date.parse(String(graph.rejected_at)))).toBe(false);
    expect(bulk[0]).toMatchObject({ stream: "bulk", namespace: "crm", record: { to: "15550001003" } });
    const keys = await s3.keys(`${BUCKET_PATH}/${syncId}/`);
    for (const key of keys) expect(key).toMatch(/\/\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}T[\d:.]+Z_\d+\.jsonl$/);
    expect(keys.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify([invites, bulk])).not.toContain(S3_SECRET_ACCESS_KEY);
  });
});

describe("write with object storage: credentials of an assumed role", () => {
  it("with role_arn, assumes the role once and keeps the ledger and the rejects with its credentials", async () => {
    sts.calls.length = 0;
    const config = configFor(emu, {
      object_storage_config: objectStorage(s3, {
        access_key_id: "",
        secret_access_key: "",
        role_arn: ROLE_ARN,
      }),
    });
    const env = {
      AWS_ACCESS_KEY_ID: BASE_KEY.accessKeyId,
      AWS_SECRET_ACCESS_KEY: BASE_KEY.secretAccessKey,
      AWS_ASSUME_ROLE_EXTERNAL_ID: "workspace-42",
      AWS_ENDPOINT_URL_STS: sts.endpoint,
    };
    const input = lines(
      sendTo("15550006001"),
      record({ flow_cta: "Open", body: "no recipient" }),
      globalState(1),
    );
    const first = await writeSync(config, syncId, input, env);
    expect(first.code).toBe(0);
    expect(states(first)[0]!.state.destinationStats).toEqual({ recordCount: 2, rejectedRecordCount: 1 });
    expect(await storedLines(s3, `${BUCKET_PATH}/${syncId}/invites/`)).toHaveLength(1);
    expect(sts.calls).toEqual([
      expect.objectContaining({ externalId: "workspace-42", signatureValid: true }),
    ]);
    // The ledger was read back with the role's credentials too: the rerun sends nothing again.
    const second = await writeSync(config, syncId, input, env);
    expect(second.code).toBe(0);
    expect(acceptedSends(emu).get("15550006001")).toBe(1);
    expect(logs(second, /already sent in an earlier attempt/)).toHaveLength(1);
  });
});

describe("write with object storage: the send ledger", () => {
  it("fails before the first record, naming the bucket and S3's code, when the bucket cannot be read", async () => {
    const config = configFor(emu, {
      object_storage_config: objectStorage(s3, { s3_bucket_name: "missing-bucket" }),
    });
    const result = await writeSync(config, syncId, lines(sendTo("15550005001"), globalState(1)));
    expect(result.code).toBe(1);
    expect(trace(result)).toMatchObject({ failure_type: "config_error" });
    expect(trace(result).message).toContain("missing-bucket");
    expect(trace(result).message).toContain("NoSuchBucket");
    expect(acceptedSends(emu).size).toBe(0);
  });

  it("does not send again what an earlier attempt of the same job sent, and says so with the wamid", async () => {
    const config = configFor(emu, { object_storage_config: objectStorage(s3) });
    const input = lines(sendTo("15550002001"), sendTo("15550002002"), globalState(1));
    const first = await writeSync(config, syncId, input);
    expect(first.code).toBe(0);
    const second = await writeSync(config, syncId, input);
    expect(second.code).toBe(0);
    expect([...acceptedSends(emu).values()]).toEqual([1, 1]);
    const repeats = logs(second, /already sent in an earlier attempt/);
    expect(repeats).toHaveLength(2);
    expect(repeats[0]).toMatch(/\(wamid=wamid\.[^)]+\); it was not sent again/);
    expect(states(second)[0]!.state.destinationStats).toEqual({ recordCount: 2 });
  });

  it("sends again on purpose when a field changes (a new flow_token or a campaign field)", async () => {
    const config = configFor(emu, { object_storage_config: objectStorage(s3) });
    await writeSync(config, syncId, lines(sendTo("15550003001"), globalState(1)));
    await writeSync(
      config,
      syncId,
      lines(sendTo("15550003001", { flow_token: "campaign-2" }), globalState(1)),
    );
    expect(acceptedSends(emu).get("15550003001")).toBe(2);
  });

  it("keeps sending as before with the ledger switched off", async () => {
    const config = configFor(emu, { object_storage_config: objectStorage(s3, { send_ledger: false }) });
    const input = lines(sendTo("15550004001"), globalState(1));
    await writeSync(config, syncId, input);
    await writeSync(config, syncId, input);
    expect(acceptedSends(emu).get("15550004001")).toBe(2);
  });

  it("stops with a transient_error when object storage fails mid-sync, and no call left without its intent", async () => {
    const config = configFor(emu, { object_storage_config: objectStorage(s3) });
    const input = lines(
      ...Array.from({ length: 400 }, (_, i) => sendTo(`1555100${String(i).padStart(4, "0")}`)),
      globalState(1),
    );
    // The ledger's own PUTs: the job marker, then a few intent/outcome batches.
    await s3.failAfterPuts(3);
    let result: Awaited<ReturnType<typeof writeSync>>;
    try {
      result = await writeSync(config, syncId, input);
    } finally {
      await s3.failing(false);
    }
    expect(result.code).toBe(1);
    expect(trace(result).failure_type).toBe("transient_error");
    expect(trace(result).message).toContain("object storage");
    const sent = [...acceptedSends(emu).keys()];
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.length).toBeLessThan(400);
    const intents = new Set(
      (await storedLines(s3, `${BUCKET_PATH}/_whatsapp_flows_send_ledger/entries/`))
        .filter((line) => line.e === "intent" && line.sync === String(syncId))
        .map((line) => line.id),
    );
    // Every send the emulator accepted has its intent in the bucket, found by the record's identity.
    const identity = (to: string) =>
      recordIdentity({
        stream: "invites",
        operation: "send_published_flow",
        record: { to, flow_id: PUBLISHED_FLOW, flow_cta: "Open", body: "Hello there" },
      });
    expect(sent.filter((to) => !intents.has(identity(to)))).toEqual([]);
    expect(states(result)).toHaveLength(0);
  });

  it("after the webhook fails mid-sync, a rerun of the same job sends nothing again", async () => {
    // A receiver that takes 3 deliveries, then answers 500 to everything.
    let deliveries = 0;
    let healthy = false;
    const receiver = createServer((req, res) => {
      req.resume();
      req.on("end", () => res.writeHead(healthy || ++deliveries <= 3 ? 200 : 500).end());
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const { port } = receiver.address() as { port: number };
    try {
      const config = configFor(emu, {
        object_storage_config: objectStorage(s3),
        response_webhook: { mode: "webhook", url: `http://127.0.0.1:${port}/hook`, max_retries: 0 },
        throughput: {
          messages_per_second: "0",
          max_concurrency: 1,
          request_timeout_seconds: 5,
          max_retries: 0,
        },
      });
      const input = lines(...Array.from({ length: 10 }, (_, i) => sendTo(`155520000${i}`)), globalState(1));
      const failed = await writeSync(config, syncId, input);
      expect(failed.code).toBe(1);
      expect(trace(failed).failure_type).toBe("transient_error");
      const sentBefore = acceptedSends(emu).size;
      expect(sentBefore).toBeGreaterThanOrEqual(3);
      healthy = true;
      const rerun = await writeSync(config, syncId, input);
      expect(rerun.code).toBe(0);
      const sends = acceptedSends(emu);
      expect([...sends.values()].every((count) => count === 1)).toBe(true);
      expect(sends.size).toBe(10);
      expect(logs(rerun, /already sent in an earlier attempt/)).toHaveLength(sentBefore);
    } finally {
      await new Promise((resolve) => receiver.close(resolve));
    }
  });
});
