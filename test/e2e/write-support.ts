import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach } from "vitest";
import {
  type EmulatorOptions,
  type RunningEmulator,
  type SeedTemplate,
  startEmulator,
} from "../../src/emulator/index.js";
import { type CliOptions, type CliResult, ofType, runCli } from "../support/cli.js";
import { assertNoSecrets } from "../support/no-secrets.js";
import { assertProtocolLines } from "../support/protocol-schema.js";
import { tempDir } from "../support/temp-files.js";

export const TOKEN = "EAAG-e2e-write-token-0123456789";
export const PUBLISHED_FLOW = "900000000000001";
export const TO_DEPRECATE = ["900000000000011", "900000000000012", "900000000000013"];

export async function emulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator({
    port: 0,
    token: TOKEN,
    messagesPerSecond: 100_000,
    pairRatePerWindow: 1_000_000,
    flows: [
      { id: PUBLISHED_FLOW, name: "welcome", status: "PUBLISHED" },
      ...TO_DEPRECATE.map((id, i) => ({ id, name: `old_${i}`, status: "PUBLISHED" as const })),
    ],
    ...options,
  });
}

/** An approved MARKETING template whose FLOW button opens PUBLISHED_FLOW: campaigns send it. */
export const SPRING_PROMO: SeedTemplate = {
  name: "spring_promo",
  language: "en_US",
  category: "MARKETING",
  components: [
    { type: "BODY", text: "Hi {{1}}, your code is {{2}}", example: { body_text: [["Ana", "SAVE10"]] } },
    { type: "BUTTONS", buttons: [{ type: "FLOW", text: "Open", flow_id: PUBLISHED_FLOW }] },
  ],
};

/** One emulator for the test file (options as emulator()), reset before each test. */
export function emulatorForFile(options: EmulatorOptions = {}): () => RunningEmulator {
  let emu: RunningEmulator | undefined;
  beforeAll(async () => {
    emu = await emulator(options);
  });
  afterAll(async () => {
    await emu?.close();
  });
  beforeEach(() => emu?.reset());
  return () => {
    if (emu === undefined) throw new Error("the emulator starts in beforeAll");
    return emu;
  };
}

export const CATALOG_STREAMS = ["invites", "retired", "bulk"] as const;

export function configFor(
  emu: RunningEmulator,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    access_token: TOKEN,
    waba_id: emu.wabaId,
    phone_number_id: emu.phoneNumberIds[0],
    base_url: emu.url,
    streams: [
      { stream_name: "invites", endpoint: { template: "send_published_flow" } },
      { stream_name: "bulk", namespace: "crm", endpoint: { template: "send_published_flow" } },
      { stream_name: "retired", endpoint: { template: "deprecate_flow" } },
    ],
    throughput: {
      messages_per_second: "0",
      max_concurrency: 8,
      request_timeout_seconds: 5,
      max_retries: 4,
      max_retry_wait_seconds: 10,
    },
    ...extra,
  };
}

export function catalog(): Record<string, unknown> {
  const stream = (name: string, namespace?: string) => ({
    stream: {
      name,
      ...(namespace ? { namespace } : {}),
      json_schema: {},
      supported_sync_modes: ["full_refresh"],
    },
    sync_mode: "full_refresh",
    destination_sync_mode: "append",
  });
  return { streams: [stream("invites"), stream("retired"), stream("bulk", "crm")] };
}

/** The one stream campaign tests send through (`campaign`, append); `extra` goes on its entry (sync_id…). */
export function campaignCatalog(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    streams: [
      {
        stream: { name: "campaign", json_schema: {}, supported_sync_modes: ["full_refresh"] },
        sync_mode: "full_refresh",
        destination_sync_mode: "append",
        ...extra,
      },
    ],
  };
}

/**
 * Unpaced, failing fast (one retry, a second's wait): a campaign test's calls settle at once. With
 * one call at a time, "at most the calls in flight" is exactly the call that was answered.
 */
export function campaignThroughput(maxConcurrency = 1): Record<string, unknown> {
  return {
    messages_per_second: "0",
    max_concurrency: maxConcurrency,
    request_timeout_seconds: 5,
    max_retries: 1,
    max_retry_wait_seconds: 1,
  };
}

export const send = (to: string, stream = "invites", namespace?: string) =>
  JSON.stringify({
    type: "RECORD",
    record: {
      stream,
      ...(namespace ? { namespace } : {}),
      emitted_at: 1,
      data: { to, flow_id: PUBLISHED_FLOW, flow_cta: "Open", body: "Hello there" },
    },
  });

export const deprecate = (flowId: string) =>
  JSON.stringify({ type: "RECORD", record: { stream: "retired", emitted_at: 1, data: { flow_id: flowId } } });

export const streamState = (name: string, id: number, namespace?: string) =>
  JSON.stringify({
    type: "STATE",
    state: {
      type: "STREAM",
      stream: {
        stream_descriptor: { name, ...(namespace ? { namespace } : {}) },
        stream_state: { cursor: id },
      },
    },
  });

export const globalState = (id: number) =>
  JSON.stringify({
    type: "STATE",
    state: { type: "GLOBAL", global: { shared_state: { cursor: id }, stream_states: [] } },
  });

export const legacyState = (id: number, typed = false) =>
  JSON.stringify({ type: "STATE", state: { ...(typed ? { type: "LEGACY" } : {}), data: { cursor: id } } });

/** Runs `write` with the config and the input lines; checks every line and that no secret leaked. */
export async function write(
  config: Record<string, unknown>,
  input: string | Buffer | Iterable<string> | undefined,
  options: {
    secrets?: string[];
    onSpawn?: CliOptions["onSpawn"];
    timeoutMs?: number;
    /** A configured catalog other than catalog()'s three streams. */
    catalog?: Record<string, unknown>;
    /** Variables added to the CLI's environment. */
    env?: NodeJS.ProcessEnv;
  } = {},
): Promise<CliResult> {
  const dir = tempDir();
  try {
    const result = await runCli(
      [
        "write",
        "--config",
        dir.file("config.json", config),
        "--catalog",
        dir.file("catalog.json", options.catalog ?? catalog()),
      ],
      {
        ...(input === undefined ? {} : { stdin: input }),
        timeoutMs: options.timeoutMs ?? 100_000,
        ...(options.onSpawn ? { onSpawn: options.onSpawn } : {}),
        ...(options.env ? { env: options.env } : {}),
      },
    );
    assertProtocolLines(result.lines);
    assertNoSecrets({ stdout: result.stdout, stderr: result.stderr }, [TOKEN, ...(options.secrets ?? [])]);
    return result;
  } finally {
    dir.cleanup();
  }
}

export function states(
  result: CliResult,
): Array<{ state: Record<string, unknown> & { destinationStats: Record<string, number> } }> {
  return ofType(result, "STATE") as never;
}

export function trace(result: CliResult): { failure_type: string; message: string } {
  const traces = ofType(result, "TRACE");
  return (traces.at(-1) as { trace: { error: { failure_type: string; message: string } } }).trace.error;
}

/** Each recipient's accepted sends (an answer with a wamid): never more than one per record. */
export function acceptedSends(emu: RunningEmulator): Map<string, number> {
  const counts = new Map<string, number>();
  for (const entry of emu.journal()) {
    if (entry.route !== "send" || entry.wamid === undefined || entry.recipient === undefined) continue;
    counts.set(entry.recipient, (counts.get(entry.recipient) ?? 0) + 1);
  }
  return counts;
}

export const lines = (...l: string[]) => `${l.join("\n")}\n`;

/** Peak resident set of a spawned CLI (VmHWM), polled from /proc while it runs: pass `onSpawn` to write. */
export function rssProbe(): { onSpawn: NonNullable<CliOptions["onSpawn"]>; stop(): number } {
  let peakKb = 0;
  let timer: NodeJS.Timeout | undefined;
  return {
    onSpawn(child) {
      timer = setInterval(() => {
        try {
          const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
          const match = /VmHWM:\s+(\d+) kB/.exec(status);
          if (match) peakKb = Math.max(peakKb, Number(match[1]));
        } catch {
          // the child has exited
        }
      }, 50);
    },
    /** Stops polling; the peak in kB. */
    stop() {
      clearInterval(timer);
      return peakKb;
    },
  };
}

export interface WebhookReceiver {
  readonly url: string;
  /** Every delivery's body, in arrival order. */
  readonly bodies: string[];
  close(): Promise<void>;
}

/** A webhook endpoint on 127.0.0.1 that answers 200 and keeps every body. */
export async function webhookReceiver(): Promise<WebhookReceiver> {
  const bodies: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      bodies.push(Buffer.concat(chunks).toString("utf8"));
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    bodies,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
