import { type CliResult, ofType } from "../support/cli.js";
import { type RunningS3, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY } from "../support/s3-server.js";
import { BASE_KEY, SESSION_TOKEN } from "../support/sts-server.js";
import { catalog, PUBLISHED_FLOW, write } from "./write-support.js";

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

/**
 * Runs `write` with a catalog carrying `syncId` (and `env` added to the CLI's environment); every
 * line checked, no secret in any output, the STS stand-in's included.
 */
export function writeSync(
  config: Record<string, unknown>,
  syncId: number,
  input: string,
  env: NodeJS.ProcessEnv = {},
): Promise<CliResult> {
  return write(config, input, {
    catalog: catalogWithSyncId(syncId),
    secrets: [S3_SECRET_ACCESS_KEY, S3_ACCESS_KEY_ID, ...Object.values(BASE_KEY), SESSION_TOKEN],
    env,
  });
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
