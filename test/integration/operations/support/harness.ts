import type { Config } from "../../../../src/config/index.js";
import { type EmulatorOptions, type RunningEmulator, startEmulator } from "../../../../src/emulator/index.js";
import { GraphClient } from "../../../../src/graph/index.js";
import { configSchema } from "../../../../src/operations/catalog/connector-config.js";
import { CallTally } from "../../../../src/operations/contract/call-tally.js";
import type { ResolvedStream } from "../../../../src/operations/contract/resolved-stream.js";
import {
  compileOperations,
  type Operation,
  type Outcome,
  type RecordContext,
} from "../../../../src/operations/index.js";
import { MINIMAL_FLOW_JSON } from "../../../support/flow-json.js";

export const TOKEN = "integration-token";

export interface Harness {
  readonly emu: RunningEmulator;
  readonly client: GraphClient;
  readonly config: Config;
  readonly operations: Map<string, Operation>;
  /** plan + execute one record of the named stream (record index `index`). */
  run(stream: string, record: Record<string, unknown>, index?: number): Promise<Outcome>;
  plan(stream: string, record: Record<string, unknown>, index?: number): unknown;
  close(): Promise<void>;
}

/**
 * The emulator on 127.0.0.1 (free port), a real GraphClient with a tiny retry budget (fast and
 * deterministic: 2 retries, millisecond backoff) and the operations of the given streams.
 */
export async function startHarness(
  streams:
    | Record<string, Record<string, unknown>>
    | ((emulatorUrl: string) => Record<string, Record<string, unknown>>),
  options: { emulator?: EmulatorOptions; token?: string; config?: object } = {},
): Promise<Harness> {
  const emu = await startEmulator({ host: "127.0.0.1", port: 0, token: TOKEN, ...options.emulator });
  const config = configSchema.parse({
    access_token: options.token ?? TOKEN,
    waba_id: emu.wabaId,
    phone_number_id: emu.phoneNumberIds[0],
    base_url: emu.url,
    api_version: "v23.0",
    streams: Object.entries(typeof streams === "function" ? streams(emu.url) : streams).map(
      ([stream_name, endpoint]) => ({ stream_name, endpoint }),
    ),
    ...options.config,
  });
  const client = new GraphClient({
    baseUrl: config.base_url,
    apiVersion: config.api_version,
    accessToken: config.access_token,
    userAgent: "destination-whatsapp-flows/test",
    requestTimeoutMs: 10_000,
    maxConcurrency: 4,
    retry: { maxRetries: 2, maxRetryWaitMs: 2_000, baseDelayMs: 1, maxDelayMs: 5, pauseDelayMs: 5 },
    pacing: { messagesPerSecond: 0 },
  });
  const resolved = new Map<string, ResolvedStream>(
    config.streams.map((mapping, i) => [
      mapping.stream_name,
      {
        name: mapping.stream_name,
        namespace: undefined,
        key: mapping.stream_name,
        endpoint: mapping.endpoint,
        configPath: `streams[${i}].endpoint`,
        syncMode: "append",
      },
    ]),
  );
  const operations = compileOperations(config, resolved, { client });
  const contextOf = (stream: string, index: number): RecordContext => ({
    stream: resolved.get(stream)!,
    recordIndex: index,
    lineNumber: index,
    calls: new CallTally(),
  });
  const plan = (stream: string, record: Record<string, unknown>, index = 1) =>
    operations.get(stream)!.plan(record, contextOf(stream, index));
  return {
    emu,
    client,
    config,
    operations,
    plan,
    run: async (stream, record, index = 1) => operations.get(stream)!.execute(plan(stream, record, index)),
    close: async () => {
      await client.close();
      await emu.close();
    },
  };
}

export const FLOW_JSON = MINIMAL_FLOW_JSON;

export function sends(emu: RunningEmulator): number {
  return emu.journal().filter((entry) => entry.route === "send").length;
}
