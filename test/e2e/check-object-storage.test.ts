import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../../src/emulator/index.js";
import { runCli } from "../support/cli.js";
import { assertNoSecrets } from "../support/no-secrets.js";
import { assertProtocolLines } from "../support/protocol-schema.js";
import { type RunningS3, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY, startS3 } from "../support/s3-server.js";
import { tempDir } from "../support/temp-files.js";
import { objectStorage } from "./object-storage-support.js";

const TOKEN = "EAAG-check-s3-e2e-token-51c2";
const dir = tempDir();
let emulator: RunningEmulator;
let s3: RunningS3;

beforeAll(async () => {
  [emulator, s3] = await Promise.all([startEmulator({ token: TOKEN }), startS3()]);
});
afterAll(async () => {
  await Promise.all([emulator.close(), s3.close()]);
  dir.cleanup();
});

const storage = (overrides: Record<string, unknown> = {}) =>
  objectStorage(s3, { bucket_path: "checks/", ...overrides });

async function check(objectStorage: Record<string, unknown>): Promise<{ status: string; message?: string }> {
  const config = {
    access_token: TOKEN,
    waba_id: emulator.wabaId,
    phone_number_id: emulator.phoneNumberIds[0],
    base_url: emulator.url,
    streams: [{ stream_name: "invites", endpoint: { template: "send_published_flow" } }],
    object_storage_config: objectStorage,
  };
  const result = await runCli(["check", "--config", dir.file(`c-${Math.random()}.json`, config)]);
  assertProtocolLines(result.lines);
  assertNoSecrets({ stdout: result.stdout, stderr: result.stderr }, [
    TOKEN,
    S3_SECRET_ACCESS_KEY,
    S3_ACCESS_KEY_ID,
  ]);
  expect(result.code).toBe(0);
  return result.messages[0]!.connectionStatus as { status: string; message?: string };
}

describe("check with object storage", () => {
  it("puts then deletes a probe object, leaving the bucket as it was", async () => {
    const before = await s3.requests();
    expect((await check(storage())).status).toBe("SUCCEEDED");
    const after = await s3.requests();
    expect((after.PUT ?? 0) - (before.PUT ?? 0)).toBe(1);
    expect((after.DELETE ?? 0) - (before.DELETE ?? 0)).toBe(1);
    expect(await s3.keys("checks/")).toEqual([]);
  });

  it("answers FAILED naming the bucket and S3's error code for a bucket that does not exist", async () => {
    const status = await check(storage({ s3_bucket_name: "no-such-rejects-bucket" }));
    expect(status.status).toBe("FAILED");
    expect(status.message).toContain('S3 bucket "no-such-rejects-bucket"');
    expect(status.message).toContain("NoSuchBucket");
  });

  it("answers FAILED with InvalidAccessKeyId for an unknown key, without printing any key", async () => {
    const status = await check(storage({ access_key_id: "AKIAUNKNOWNKEY000009" }));
    expect(status.status).toBe("FAILED");
    expect(status.message).toContain("InvalidAccessKeyId");
    expect(status.message).not.toContain("AKIAUNKNOWNKEY000009");
  });

  it("answers FAILED when only role_arn is given, saying what to set instead", async () => {
    const status = await check({
      storage_type: "S3",
      role_arn: "arn:aws:iam::123456789:role/x",
      s3_bucket_name: s3.bucket,
      s3_endpoint: s3.endpoint,
    });
    expect(status.status).toBe("FAILED");
    expect(status.message).toContain("role_arn is not supported");
    expect(status.message).toContain("access_key_id and secret_access_key");
  });
});
