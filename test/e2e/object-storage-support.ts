import { type CliOptions, type CliResult, ofType, runCli } from "../support/cli.js";
import { assertNoSecrets } from "../support/no-secrets.js";
import { assertProtocolLines } from "../support/protocol-schema.js";
import type { RunningS3 } from "../support/s3-server.js";
import { S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY } from "../support/s3-server.js";
import { tempDir } from "../support/temp-files.js";
import { catalog, PUBLISHED_FLOW, TOKEN } from "./write-support.js";

export const BUCKET_PATH = "airbyte/rejects";

export function objectStorage(s3: RunningS3, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    storage_type: "S3",
    access_key_id: S3_ACCESS_KEY_ID,
    secret_access_key: S3_SECRET_ACCESS_KEY,
    s3_bucket_name: s3.bucket,
    s3_endpoint: s3.endpoint,
    bucket_path: BUCKET_PATH,
    ...extra,
  };
}

/** The write-support catalog with the platform's sync_id (the job id: the same for every attempt). */
export function catalogWithSyncId(syncId: number): Record<string, unknown> {
  const base = catalog() as { streams: Array<Record<string, unknown>> };
  return { streams: base.streams.map((s) => ({ ...s, sync_id: syncId, generation_id: 0 })) };
}

/** Runs `write` with a catalog carrying `syncId`; every line checked, no secret in any output. */
export async function writeSync(
  config: Record<string, unknown>,
  syncId: number,
  input: string | Iterable<string>,
  options: { onSpawn?: CliOptions["onSpawn"]; timeoutMs?: number; allowKilled?: boolean } = {},
): Promise<CliResult> {
  const dir = tempDir();
  try {
    const result = await runCli(
      [
        "write",
        "--config",
        dir.file("config.json", config),
        "--catalog",
        dir.file("catalog.json", catalogWithSyncId(syncId)),
      ],
      {
        stdin: input,
        timeoutMs: options.timeoutMs ?? 100_000,
        ...(options.onSpawn ? { onSpawn: options.onSpawn } : {}),
      },
    );
    // A line cut by kill -9 is the platform's problem to drop; every complete one must be valid.
    assertProtocolLines(options.allowKilled ? completeLines(result) : result.lines);
    assertNoSecrets({ stdout: result.stdout, stderr: result.stderr }, [
      TOKEN,
      S3_SECRET_ACCESS_KEY,
      S3_ACCESS_KEY_ID,
    ]);
    return result;
  } finally {
    dir.cleanup();
  }
}

function completeLines(result: CliResult): string[] {
  return result.stdout.endsWith("\n") ? result.lines : result.lines.slice(0, -1);
}

export const record = (data: Record<string, unknown>, stream = "invites", namespace?: string) =>
  JSON.stringify({
    type: "RECORD",
    record: { stream, ...(namespace ? { namespace } : {}), emitted_at: 1, data },
  });

export const sendTo = (to: string, extra: Record<string, unknown> = {}) =>
  record({ to, flow_id: PUBLISHED_FLOW, flow_cta: "Open", body: "Hello there", ...extra });

/** Every JSON Lines line stored under `prefix`, parsed. */
export async function storedLines(s3: RunningS3, prefix: string): Promise<Array<Record<string, unknown>>> {
  const out: Array<Record<string, unknown>> = [];
  for (const key of await s3.keys(prefix)) {
    const text = (await s3.text(key)) ?? "";
    for (const line of text.split("\n"))
      if (line !== "") out.push(JSON.parse(line) as Record<string, unknown>);
  }
  return out;
}

export function logs(result: CliResult, pattern: RegExp): string[] {
  return ofType(result, "LOG")
    .map((m) => (m.log as { message: string }).message)
    .filter((message) => pattern.test(message));
}
