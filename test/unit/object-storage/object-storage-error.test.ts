import { describe, expect, it } from "vitest";
import {
  ObjectStorageError,
  type ObjectStorageFailure,
} from "../../../src/object-storage/object-storage-error.js";
import { describeSdkError } from "../../../src/object-storage/sdk-failure.js";

const failure = (extra: Partial<ObjectStorageFailure>): ObjectStorageError =>
  new ObjectStorageError({
    action: "PUT",
    bucket: "rejects",
    key: "p/k.jsonl",
    s3Code: "AccessDenied",
    status: 403,
    detail: undefined,
    ...extra,
  });

/** An error shaped as the AWS SDK throws a service's refusal. */
const serviceError = (name: string, message: string, status: number) =>
  Object.assign(new Error(message), {
    name,
    $fault: "client",
    $metadata: { httpStatusCode: status, requestId: "R1" },
  });

describe("object storage errors say what to fix", () => {
  it("AccessDenied names the IAM action the call needs and its resource", () => {
    expect(failure({ action: "PUT" }).message).toContain("lack s3:PutObject on arn:aws:s3:::rejects/*");
    expect(failure({ action: "DELETE" }).message).toContain("lack s3:DeleteObject");
    expect(failure({ action: "GET" }).message).toContain("lack s3:GetObject");
    expect(failure({ action: "LIST" }).message).toContain("lack s3:ListBucket on arn:aws:s3:::rejects:");
    expect(failure({}).failureType).toBe("config_error");
  });

  it("a refused AssumeRole names the role and, without an external ID, the variable that carries it", () => {
    const error = failure({
      action: "ASSUME_ROLE",
      roleArn: "arn:aws:iam::1:role/r",
      externalIdGiven: false,
    });
    expect(error.message).toContain("assuming arn:aws:iam::1:role/r (STS AssumeRole)");
    expect(error.message).toContain("sts:AssumeRole");
    expect(error.message).toContain("AWS_ASSUME_ROLE_EXTERNAL_ID");
  });

  it("a bucket in another region asks for s3_bucket_region", () => {
    for (const code of ["PermanentRedirect", "AuthorizationHeaderMalformed"]) {
      const error = failure({ s3Code: code, status: 301 });
      expect(error.failureType).toBe("config_error");
      expect(error.message).toContain("set s3_bucket_region");
    }
  });

  it("bad keys point at the field to change", () => {
    expect(failure({ s3Code: "InvalidAccessKeyId" }).message).toContain("check access_key_id");
    expect(failure({ s3Code: "SignatureDoesNotMatch" }).message).toContain("check secret_access_key");
    expect(failure({ s3Code: "NoSuchBucket" }).message).toContain("check s3_bucket_name");
  });

  it("throttling, 5xx and network failures are transient", () => {
    for (const code of ["SlowDown", "ServiceUnavailable", "InternalError", "ECONNRESET", "TimeoutError"]) {
      expect(failure({ s3Code: code, status: undefined }).failureType).toBe("transient_error");
    }
  });
});

describe("reading what the AWS SDK threw", () => {
  it("a service's refusal: its code, status, message and request id", () => {
    expect(
      describeSdkError(serviceError("NoSuchBucket", "The specified bucket does not exist", 404)),
    ).toEqual({
      s3Code: "NoSuchBucket",
      status: 404,
      detail: "The specified bucket does not exist",
      requestId: "R1",
    });
  });

  it("an answer without a code is named by its status", () => {
    expect(describeSdkError(serviceError("UnknownError", "UnknownError", 502))).toMatchObject({
      s3Code: "HTTP502",
      detail: undefined,
    });
  });

  it("masks anything shaped like an access key ID in the service's message", () => {
    const error = serviceError(
      "AccessDenied",
      "User AKIAIOSFODNN7EXAMPLE via ASIAIOSFODNN7EXAMPLE denied",
      403,
    );
    expect(describeSdkError(error).detail).toBe("User [access key id] via [access key id] denied");
  });

  it("a missing credential, a network failure and a timeout", () => {
    const missing = Object.assign(new Error("Could not load credentials from any providers"), {
      name: "CredentialsProviderError",
    });
    expect(describeSdkError(missing).s3Code).toBe("CredentialsProviderError");
    const refused = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED", $metadata: {} });
    expect(describeSdkError(refused).s3Code).toBe("ECONNREFUSED");
    const slow = Object.assign(new Error("socket timed out"), { name: "TimeoutError", $metadata: {} });
    expect(describeSdkError(slow)).toMatchObject({ s3Code: "TimeoutError" });
  });
});
