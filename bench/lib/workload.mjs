// The sync the bench replays: one `invites` stream mapped to send_published_flow, shorthand
// records to distinct recipients (so that per-recipient ordering never serialises them), and a
// STREAM state every STATE_EVERY records as a source would emit. Records name the Flow by
// FLOW_NAME: the emulator gives a new id after each reset, the name stays.
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PHONE_ID, TOKEN, WABA_ID } from "./paths.mjs";

export const STREAM = "invites";
export const STATE_EVERY = 5_000;
export const FLOW_NAME = "bench_booking";

/** The `data` of record i: a realistic shorthand Flow invitation. */
export function inviteRecord(i) {
  return {
    to: `1555${String(i % 10_000_000).padStart(7, "0")}`,
    flow_name: FLOW_NAME,
    flow_cta: "Book your visit",
    header: "Appointments open",
    body: `Hi customer ${i}, pick a time that suits you for your next visit to our Camden salon.`,
    footer: "Reply STOP to opt out",
    flow_token: `bench-${i}`,
    screen: "WELCOME",
    data: { customer_id: `C${i}`, first_name: "Sam" },
  };
}

export function createWorkspace() {
  const dir = mkdtempSync(join(tmpdir(), "whatsapp-flows-bench-"));
  return {
    dir,
    path: (name) => join(dir, name),
    removeFile: (path) => rmSync(path, { force: true }),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * config.json and catalog.json for one run; returns their paths. One stream, by default the
 * invites mapped to send_published_flow.
 */
export function writeConfig(
  ws,
  name,
  {
    url,
    messagesPerSecond,
    concurrency,
    dryRun = false,
    stream = STREAM,
    endpoint = { template: "send_published_flow" },
    token = TOKEN,
  },
) {
  const config = {
    access_token: token,
    waba_id: WABA_ID,
    phone_number_id: PHONE_ID,
    api_version: "v23.0",
    base_url: url,
    streams: [{ stream_name: stream, endpoint }],
    on_record_error: "reject",
    throughput: { messages_per_second: String(messagesPerSecond), max_concurrency: concurrency },
    dry_run: dryRun,
  };
  const catalog = {
    streams: [
      {
        stream: { name: stream, json_schema: { type: "object" }, supported_sync_modes: ["full_refresh"] },
        sync_mode: "full_refresh",
        destination_sync_mode: "append",
      },
    ],
  };
  const configPath = ws.path(`${name}.config.json`);
  const catalogPath = ws.path(`${name}.catalog.json`);
  writeFileSync(configPath, JSON.stringify(config));
  writeFileSync(catalogPath, JSON.stringify(catalog));
  return { configPath, catalogPath };
}

/**
 * Writes `count` RECORD lines (and the periodic STATEs) to an NDJSON file; returns its path.
 * `data(i)` is record i's data (default the invites).
 */
export function writeMessages(ws, name, count, { stream = STREAM, data = inviteRecord } = {}) {
  const path = ws.path(`${name}.jsonl`);
  const fd = openSync(path, "w");
  let chunk = "";
  const emitted = Date.now();
  for (let i = 0; i < count; i++) {
    const record = { stream, data: data(i), emitted_at: emitted };
    chunk += `${JSON.stringify({ type: "RECORD", record })}\n`;
    if ((i + 1) % STATE_EVERY === 0 || i === count - 1) {
      const state = {
        type: "STREAM",
        stream: { stream_descriptor: { name: stream }, stream_state: { at: i } },
      };
      chunk += `${JSON.stringify({ type: "STATE", state })}\n`;
    }
    if (chunk.length > 1 << 20) {
      writeSync(fd, chunk);
      chunk = "";
    }
  }
  writeSync(fd, chunk);
  closeSync(fd);
  return path;
}

export const expectedStates = (count) => Math.ceil(count / STATE_EVERY);
