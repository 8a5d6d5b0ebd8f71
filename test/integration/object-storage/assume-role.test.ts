import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ObjectStorageError } from "../../../src/object-storage/object-storage-error.js";
import { ROLE_SESSION_NAME } from "../../../src/object-storage/s3-settings-from-config.js";
import { clientOf, type RunningS3, startS3 } from "../../support/s3-server.js";
import { BASE_KEY, ROLE_ARN, type RunningSts, startStsIssuingS3Keys } from "../../support/sts-server.js";

const role = (externalId: string | undefined) => ({
  roleArn: ROLE_ARN,
  externalId,
  sessionName: ROLE_SESSION_NAME,
});

let s3: RunningS3;
let sts: RunningSts;
beforeAll(async () => {
  s3 = await startS3();
  // The role's credentials are the only key the S3 server knows: the base key alone is refused.
  sts = await startStsIssuingS3Keys();
  // The SDK's standard setting for STS's endpoint: how a private or S3-compatible setup points it.
  process.env.AWS_ENDPOINT_URL_STS = sts.endpoint;
});
afterAll(async () => {
  delete process.env.AWS_ENDPOINT_URL_STS;
  await Promise.all([s3.close(), sts.close()]);
});

describe("role_arn: the bucket is called with the credentials of a role assumed through STS", () => {
  it("assumes the role once, signed with the base key, with the external ID and session name", async () => {
    sts.calls.length = 0;
    const store = clientOf(s3, { accessKey: BASE_KEY, role: role("workspace-0001") });
    try {
      await store.put("role/a.jsonl", "a\n");
      await store.put("role/b.jsonl", "b\n");
      expect(await store.get("role/a.jsonl")).toBe("a\n");
    } finally {
      await store.close();
    }
    expect(sts.calls).toEqual([
      {
        roleArn: ROLE_ARN,
        sessionName: "destination-whatsapp-flows",
        externalId: "workspace-0001",
        signedBy: BASE_KEY.accessKeyId,
        signatureValid: true,
      },
    ]);
  });

  it("the base key alone is not enough: the same calls without role_arn are refused", async () => {
    const store = clientOf(s3, { accessKey: BASE_KEY });
    try {
      const error = await store.put("role/c.jsonl", "c\n").catch((e: unknown) => e);
      expect((error as ObjectStorageError).s3Code).toBe("InvalidAccessKeyId");
    } finally {
      await store.close();
    }
  });

  it("sends no ExternalId when the environment has none", async () => {
    sts.calls.length = 0;
    const store = clientOf(s3, { accessKey: BASE_KEY, role: role(undefined) });
    try {
      await store.put("role/d.jsonl", "d\n");
    } finally {
      await store.close();
    }
    expect(sts.calls).toMatchObject([{ roleArn: ROLE_ARN, externalId: undefined, signatureValid: true }]);
  });

  it("a refused AssumeRole is a config_error naming the role and sts:AssumeRole, not an S3 failure", async () => {
    sts.refuse({ code: "AccessDenied", status: 403 });
    const store = clientOf(s3, { accessKey: BASE_KEY, role: role("workspace-0001") });
    try {
      const error = (await store.put("role/e.jsonl", "e\n").catch((e: unknown) => e)) as ObjectStorageError;
      expect(error).toBeInstanceOf(ObjectStorageError);
      expect(error.failureType).toBe("config_error");
      expect(error.s3Code).toBe("AccessDenied");
      expect(error.message).toContain(`assuming ${ROLE_ARN} (STS AssumeRole)`);
      expect(error.message).toContain("sts:AssumeRole");
      expect(error.message).toContain("trust policy");
      expect(error.message).not.toContain(BASE_KEY.accessKeyId);
    } finally {
      sts.refuse(undefined);
      await store.close();
    }
  });

  it("a base secret that does not match its key is refused by STS and named as such", async () => {
    const store = clientOf(s3, {
      accessKey: { accessKeyId: BASE_KEY.accessKeyId, secretAccessKey: "not-the-secret" },
      role: role("workspace-0001"),
    });
    try {
      const error = (await store.put("role/f.jsonl", "f\n").catch((e: unknown) => e)) as ObjectStorageError;
      expect(error.s3Code).toBe("SignatureDoesNotMatch");
      expect(error.failureType).toBe("config_error");
      expect(error.message).toContain("check secret_access_key");
      expect(error.message).not.toContain("not-the-secret");
    } finally {
      await store.close();
    }
    expect(sts.calls.at(-1)).toMatchObject({ signedBy: BASE_KEY.accessKeyId, signatureValid: false });
  });
});
