import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { recordIdentity } from "../../src/write/ledger/record-identity.js";
import { type RunningS3, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY, startS3 } from "../support/s3-server.js";
import {
  BUCKET_PATH,
  catalogWithSyncId,
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
  rssProbe,
  states,
  trace,
  write,
} from "./write-support.js";

let emu: RunningEmulator;
let s3: RunningS3;
let syncId = 7000;

beforeAll(async () => {
  [emu, s3] = await Promise.all([emulator(), startS3()]);
});
afterAll(async () => {
  await Promise.all([emu.close(), s3.close()]);
});
beforeEach(() => {
  emu.reset();
  syncId++;
});

const LEDGER = `${BUCKET_PATH}/_whatsapp_flows_send_ledger/`;
const TIMEOUT_SECONDS = 3;
/** The CLI's start and end around the deadline; four attempts of TIMEOUT_SECONDS each would take 12 s. */
const SLACK_MS = 6_000;

function configWithTimeout(seconds: number): Record<string, unknown> {
  const base = configFor(emu, { object_storage_config: objectStorage(s3) });
  return { ...base, throughput: { ...(base.throughput as object), request_timeout_seconds: seconds } };
}

describe("object storage that stops answering", () => {
  it("ends the sync with a transient_error within request_timeout_seconds, retries included, before any call", async () => {
    await s3.failing(true, "hang");
    const started = performance.now();
    let result: Awaited<ReturnType<typeof writeSync>>;
    try {
      result = await writeSync(
        configWithTimeout(TIMEOUT_SECONDS),
        syncId,
        lines(sendTo("15557001001"), globalState(1)),
      );
    } finally {
      await s3.failing(false);
    }
    const elapsed = performance.now() - started;
    expect(result.code).toBe(1);
    expect(trace(result).failure_type).toBe("transient_error");
    expect(trace(result).message).toContain("TimeoutError");
    expect(trace(result).message).toContain("retries included");
    expect(elapsed).toBeLessThan(TIMEOUT_SECONDS * 1000 + SLACK_MS);
    expect(acceptedSends(emu).size).toBe(0);
  });

  it("ends the sync with a transient_error when the store hangs mid-sync", async () => {
    const input = lines(
      ...Array.from({ length: 300 }, (_, i) => sendTo(`1555710${String(i).padStart(4, "0")}`)),
      globalState(1),
    );
    // The job marker and the first ledger batches are stored, then nothing is answered.
    await s3.failAfterPuts(3, "hang");
    const started = performance.now();
    let result: Awaited<ReturnType<typeof writeSync>>;
    try {
      result = await writeSync(configWithTimeout(TIMEOUT_SECONDS), syncId, input);
    } finally {
      await s3.failing(false);
    }
    const elapsed = performance.now() - started;
    expect(result.code).toBe(1);
    expect(trace(result).failure_type).toBe("transient_error");
    expect(trace(result).message).toContain("object storage");
    expect(elapsed).toBeLessThan(TIMEOUT_SECONDS * 1000 + SLACK_MS);
    expect(acceptedSends(emu).size).toBeLessThan(300);
  });
});

describe("object storage listings are bounded", () => {
  it("stops with an error naming the prefix when the store answers the same listing page forever", async () => {
    await s3.listing("repeat");
    let result: Awaited<ReturnType<typeof writeSync>>;
    try {
      result = await writeSync(configWithTimeout(5), syncId, lines(sendTo("15557002001"), globalState(1)));
    } finally {
      await s3.listing(false);
    }
    expect(result.code).toBe(1);
    expect(trace(result).message).toContain(`prefix "${LEDGER}entries/"`);
    expect(trace(result).message).toContain("ListingNotAdvancing");
    expect((await s3.requests()).LIST ?? 0).toBeLessThan(5);
    expect(acceptedSends(emu).size).toBe(0);
  });
});

describe("a damaged send ledger stops the sync, naming the object, never reads as an empty ledger", () => {
  it("refuses a ledger object cut short, not JSON Lines, of random bytes or emptied, and sends nothing again", async () => {
    const config = configFor(emu, { object_storage_config: objectStorage(s3) });
    const input = lines(sendTo("15557003001"), sendTo("15557003002"), globalState(1));
    const first = await writeSync(config, syncId, input);
    expect(first.code).toBe(0);
    const ours = (await s3.keys(`${LEDGER}entries/`)).filter((key) => key.includes(`_${syncId}_`));
    expect(ours.length).toBeGreaterThan(0);
    const key = ours[0]!;
    const text = (await s3.text(key))!;
    const damaged: Array<[string, Buffer]> = [
      ["cut short", Buffer.from(text.slice(0, text.length - 20))],
      ["not JSON", Buffer.from(`${text}<html><body>502 Bad Gateway</body></html>\n`)],
      ["not UTF-8 text", Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x0a])],
      ["empty", Buffer.alloc(0)],
    ];
    try {
      for (const [problem, bytes] of damaged) {
        await s3.putBytes(key, bytes);
        const rerun = await writeSync(config, syncId, input);
        expect(rerun.code, problem).toBe(1);
        expect(trace(rerun).failure_type).toBe("config_error");
        expect(trace(rerun).message).toContain(`s3://${s3.bucket}/${key} is damaged`);
        expect(trace(rerun).message).toContain(problem);
        expect(trace(rerun).message).toContain("delete it");
        expect(states(rerun)).toHaveLength(0);
      }
    } finally {
      // Later syncs of this file read the same ledger.
      await s3.putBytes(key, Buffer.from(text));
    }
    expect([...acceptedSends(emu).values()]).toEqual([1, 1]);
  });

  it("refuses a damaged syncs/{sync_id}.json, naming it and what to write there", async () => {
    const key = `${LEDGER}syncs/${syncId}.json`;
    await s3.putBytes(key, Buffer.from('{"started_at": 17'));
    const result = await writeSync(
      configFor(emu, { object_storage_config: objectStorage(s3) }),
      syncId,
      lines(sendTo("15557004001"), globalState(1)),
    );
    expect(result.code).toBe(1);
    expect(trace(result).failure_type).toBe("config_error");
    expect(trace(result).message).toContain(`s3://${s3.bucket}/${key} is damaged`);
    expect(trace(result).message).toContain('{"started_at": <epoch milliseconds');
    expect(acceptedSends(emu).size).toBe(0);
  });
});

describe("the send ledger is read in bounded memory", () => {
  it("reads a 150 MB ledger object of 580,000 distinct sends as it arrives (peak RSS at most its size above a sync without it) and applies it", async () => {
    const config = configFor(emu, { object_storage_config: objectStorage(s3) });
    const input = lines(sendTo("15557005001"), globalState(1));
    const baseline = rssProbe();
    const small = await write(config, input, {
      catalog: catalogWithSyncId(syncId),
      secrets: [S3_SECRET_ACCESS_KEY, S3_ACCESS_KEY_ID],
      onSpawn: baseline.onSpawn,
    });
    const baselineKb = baseline.stop();
    expect(small.code).toBe(0);

    // Another job's ledger, an hour old: 150 MB of intents and outcomes, the record above among them.
    const now = Date.now();
    const sent = recordIdentity({
      stream: "invites",
      operation: "send_published_flow",
      record: { to: "15557005002", flow_id: PUBLISHED_FLOW, flow_cta: "Open", body: "Hello there" },
    });
    const at = now - 3_600_000;
    const pair = (id: string) =>
      `{"e":"intent","id":"${id}","at":${at},"sync":"1","stream":"invites","op":"send_published_flow"}\n` +
      `{"e":"outcome","id":"${id}","at":${at + 1},"kind":"succeeded","wamid":"wamid.HBgLMTU1NTAwMDEwMDEVAgARGBI5QTNDQTVCM0E5RUQ5QjQ2{n}"}\n`;
    const folder = `${LEDGER}entries/${String(at).padStart(13, "0")}_1_big_`;
    // 580,000 distinct sends, each an intent and its success with a wamid: the index of what
    // earlier attempts did holds every one of them, and then the record above.
    const size = await s3.putRepeated(`${folder}0.jsonl`, pair("{id}"), 580_000);
    expect(size).toBeGreaterThan(150 * 1024 * 1024);
    await s3.putRepeated(`${folder}1.jsonl`, pair(sent), 1);

    const probe = rssProbe();
    const result = await write(config, lines(sendTo("15557005002"), globalState(1)), {
      catalog: catalogWithSyncId(syncId + 1),
      secrets: [S3_SECRET_ACCESS_KEY, S3_ACCESS_KEY_ID],
      onSpawn: probe.onSpawn,
    });
    const peakKb = probe.stop();
    expect(result.code).toBe(0);
    expect(logs(result, /already sent in an earlier attempt/)).toHaveLength(1);
    expect(acceptedSends(emu).get("15557005002")).toBeUndefined();
    // Read whole, the object costs over three times its size; streamed, a few chunks at a time,
    // and the index about a hundred bytes a sent call.
    expect(peakKb - baselineKb).toBeLessThan(size / 1024);
  }, 120_000);
});

describe("stream and namespace names in keys", () => {
  it("keeps rejects of streams named '..' or '../../other' under {bucket_path}/, and a 1,100-character name under 1,024 bytes", async () => {
    const long = "s".repeat(1_100);
    const streams: Array<[string, string | undefined]> = [
      ["../../../other-bucket/x", ".."],
      [long, long],
    ];
    const catalog = {
      streams: streams.map(([name, namespace]) => ({
        stream: { name, namespace, json_schema: {}, supported_sync_modes: ["full_refresh"] },
        sync_mode: "full_refresh",
        destination_sync_mode: "append",
        sync_id: syncId,
        generation_id: 0,
      })),
    };
    const config = configFor(emu, {
      object_storage_config: objectStorage(s3, { send_ledger: false }),
      streams: streams.map(([name, namespace]) => ({
        stream_name: name,
        namespace,
        endpoint: { template: "send_published_flow" },
      })),
    });
    const input = lines(
      ...streams.map(([name, namespace]) =>
        record({ flow_cta: "Open", body: "no recipient" }, name, namespace),
      ),
      globalState(1),
    );
    const result = await write(config, input, { catalog, secrets: [S3_SECRET_ACCESS_KEY, S3_ACCESS_KEY_ID] });
    expect(result.code).toBe(0);
    expect(states(result)[0]!.state.destinationStats).toMatchObject({ rejectedRecordCount: 2 });
    const keys = await s3.keys(`${BUCKET_PATH}/${syncId}/`);
    expect(keys).toHaveLength(2);
    expect(
      keys.filter((key) =>
        key.startsWith(`${BUCKET_PATH}/${syncId}/%2E%2E/..%2F..%2F..%2Fother-bucket%2Fx/`),
      ),
    ).toHaveLength(1);
    for (const key of keys) {
      expect(Buffer.byteLength(key)).toBeLessThanOrEqual(1_024);
      expect(key.split("/")).not.toContain("..");
    }
    expect(await storedLines(s3, `${BUCKET_PATH}/${syncId}/`)).toHaveLength(2);
    expect((await s3.keys("")).filter((key) => key.startsWith("other-bucket"))).toEqual([]);
  });
});
