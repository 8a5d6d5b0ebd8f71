import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../../src/emulator/index.js";
import { runCli } from "../support/cli.js";
import { assertNoSecrets } from "../support/no-secrets.js";
import { assertProtocolLines } from "../support/protocol-schema.js";
import { type RunningS3, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY, startS3 } from "../support/s3-server.js";
import {
  BASE_KEY,
  ROLE_ARN,
  type RunningSts,
  SESSION_TOKEN,
  startStsIssuingS3Keys,
} from "../support/sts-server.js";
import { tempDir } from "../support/temp-files.js";
import { objectStorage } from "./object-storage-support.js";

const TOKEN = "EAAG-check-s3-e2e-token-51c2";
const dir = tempDir();
let emulator: RunningEmulator;
let s3: RunningS3;
let sts: RunningSts;

beforeAll(async () => {
  [emulator, s3, sts] = await Promise.all([
    startEmulator({ token: TOKEN }),
    startS3(),
    startStsIssuingS3Keys(),
  ]);
});
afterAll(async () => {
  await Promise.all([emulator.close(), s3.close(), sts.close()]);
  dir.cleanup();
});

const storage = (overrides: Record<string, unknown> = {}) =>
  objectStorage(s3, { bucket_path: "checks/", ...overrides });

async function check(
  objectStorage: Record<string, unknown>,
  env: NodeJS.ProcessEnv = {},
): Promise<{ status: string; message?: string }> {
  const config = {
    access_token: TOKEN,
    waba_id: emulator.wabaId,
    phone_number_id: emulator.phoneNumberIds[0],
    base_url: emulator.url,
    streams: [{ stream_name: "invites", endpoint: { template: "send_published_flow" } }],
    object_storage_config: objectStorage,
  };
  const result = await runCli(["check", "--config", dir.file(`c-${Math.random()}.json`, config)], { env });
  assertProtocolLines(result.lines);
  assertNoSecrets({ stdout: result.stdout, stderr: result.stderr }, [
    TOKEN,
    S3_SECRET_ACCESS_KEY,
    S3_ACCESS_KEY_ID,
    BASE_KEY.accessKeyId,
    BASE_KEY.secretAccessKey,
    SESSION_TOKEN,
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

  it("answers FAILED saying which half of the access key is missing", async () => {
    const status = await check(storage({ secret_access_key: "" }));
    expect(status.status).toBe("FAILED");
    expect(status.message).toContain("access_key_id without secret_access_key");
  });
});

describe("check with object storage: credentials beyond the config's access key", () => {
  /** The config's S3 block without keys: the credentials come from the connector's environment. */
  const keyless = (extra: Record<string, unknown> = {}) =>
    storage({ access_key_id: "", secret_access_key: "", ...extra });

  it("without keys in the config, signs with the SDK's default chain: the environment's AWS_ACCESS_KEY_ID", async () => {
    const status = await check(keyless(), {
      AWS_ACCESS_KEY_ID: S3_ACCESS_KEY_ID,
      AWS_SECRET_ACCESS_KEY: S3_SECRET_ACCESS_KEY,
    });
    expect(status.status).toBe("SUCCEEDED");
  });

  it("without keys anywhere, answers FAILED saying where credentials can come from", async () => {
    const status = await check(keyless());
    expect(status.status).toBe("FAILED");
    expect(status.message).toContain("CredentialsProviderError");
    expect(status.message).toContain("No AWS credentials were found");
  });

  it("with role_arn, assumes the role through STS (AWS_ENDPOINT_URL_STS) with the environment's base keys and Airbyte's external ID", async () => {
    sts.calls.length = 0;
    const status = await check(keyless({ role_arn: ROLE_ARN }), {
      AWS_ACCESS_KEY_ID: BASE_KEY.accessKeyId,
      AWS_SECRET_ACCESS_KEY: BASE_KEY.secretAccessKey,
      AWS_ASSUME_ROLE_EXTERNAL_ID: "00000000-0000-4000-8000-00000000cafe",
      AWS_ENDPOINT_URL_STS: sts.endpoint,
    });
    expect(status.status).toBe("SUCCEEDED");
    expect(sts.calls).toEqual([
      {
        roleArn: ROLE_ARN,
        sessionName: "destination-whatsapp-flows",
        externalId: "00000000-0000-4000-8000-00000000cafe",
        signedBy: BASE_KEY.accessKeyId,
        signatureValid: true,
      },
    ]);
  });

  it("with role_arn and the config's keys, assumes the role with those keys", async () => {
    sts.calls.length = 0;
    const status = await check(
      storage({
        access_key_id: BASE_KEY.accessKeyId,
        secret_access_key: BASE_KEY.secretAccessKey,
        role_arn: ROLE_ARN,
      }),
      { AWS_ENDPOINT_URL_STS: sts.endpoint },
    );
    expect(status.status).toBe("SUCCEEDED");
    expect(sts.calls).toMatchObject([
      { signedBy: BASE_KEY.accessKeyId, signatureValid: true, externalId: undefined },
    ]);
  });

  it("answers FAILED naming the role, sts:AssumeRole and the trust policy when STS refuses", async () => {
    sts.refuse({ code: "AccessDenied", status: 403 });
    try {
      const status = await check(keyless({ role_arn: ROLE_ARN }), {
        AWS_ACCESS_KEY_ID: BASE_KEY.accessKeyId,
        AWS_SECRET_ACCESS_KEY: BASE_KEY.secretAccessKey,
        AWS_ENDPOINT_URL_STS: sts.endpoint,
      });
      expect(status.status).toBe("FAILED");
      expect(status.message).toContain(`assuming ${ROLE_ARN} (STS AssumeRole)`);
      expect(status.message).toContain("AccessDenied");
      expect(status.message).toContain("sts:AssumeRole");
      expect(status.message).toContain("AWS_ASSUME_ROLE_EXTERNAL_ID");
    } finally {
      sts.refuse(undefined);
    }
  });

  it("answers FAILED for a role_arn that is not an IAM role ARN, before any call", async () => {
    sts.calls.length = 0;
    const status = await check(keyless({ role_arn: "my-role" }), { AWS_ENDPOINT_URL_STS: sts.endpoint });
    expect(status.status).toBe("FAILED");
    expect(status.message).toContain("role_arn must be an IAM role ARN");
    expect(sts.calls).toEqual([]);
  });
});
