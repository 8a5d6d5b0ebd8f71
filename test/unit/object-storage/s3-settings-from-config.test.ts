import { describe, expect, it } from "vitest";
import type { S3StorageConfig } from "../../../src/config/index.js";
import { ConfigError } from "../../../src/errors/index.js";
import {
  EXTERNAL_ID_VARIABLE,
  ROLE_SESSION_NAME,
  s3SettingsFromConfig,
} from "../../../src/object-storage/s3-settings-from-config.js";

const config = (extra: Partial<S3StorageConfig> = {}): S3StorageConfig => ({
  storage_type: "S3",
  s3_bucket_name: "rejects",
  s3_bucket_region: "eu-west-1",
  bucket_path: "",
  send_ledger: true,
  ledger_window_hours: 72,
  ambiguous_sends: "report",
  ...extra,
});
const ROLE = "arn:aws:iam::123456789012:role/airbyte-rejects";

function refusal(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error("expected a ConfigError");
}

describe("object_storage_config (S3) → the store's settings: which credentials", () => {
  it("the config's access key when both halves are given", () => {
    const settings = s3SettingsFromConfig(config({ access_key_id: "AKIAX", secret_access_key: "s" }), {});
    expect(settings.accessKey).toEqual({ accessKeyId: "AKIAX", secretAccessKey: "s" });
    expect(settings.role).toBeUndefined();
  });

  it("none (the SDK's default chain) when both are absent or empty, as Airbyte's form sends them", () => {
    expect(s3SettingsFromConfig(config(), {}).accessKey).toBeUndefined();
    expect(
      s3SettingsFromConfig(config({ access_key_id: "", secret_access_key: " " }), {}).accessKey,
    ).toBeUndefined();
  });

  it("refuses half a key, naming the half that is missing and never a value", () => {
    const error = refusal(() => s3SettingsFromConfig(config({ access_key_id: "AKIAHALF" }), {}));
    expect(error.message).toContain("access_key_id without secret_access_key");
    expect(error.message).not.toContain("AKIAHALF");
    expect(refusal(() => s3SettingsFromConfig(config({ secret_access_key: "s" }), {})).message).toContain(
      "secret_access_key without access_key_id",
    );
  });

  it("role_arn is assumed with Airbyte's external ID from the environment, under the connector's session name", () => {
    const settings = s3SettingsFromConfig(config({ role_arn: ROLE }), { [EXTERNAL_ID_VARIABLE]: "ws-1" });
    expect(settings.role).toEqual({ roleArn: ROLE, externalId: "ws-1", sessionName: ROLE_SESSION_NAME });
    expect(EXTERNAL_ID_VARIABLE).toBe("AWS_ASSUME_ROLE_EXTERNAL_ID");
    expect(s3SettingsFromConfig(config({ role_arn: ROLE }), {}).role?.externalId).toBeUndefined();
    expect(s3SettingsFromConfig(config({ role_arn: "" }), {}).role).toBeUndefined();
  });

  it("role_arn must be an IAM role ARN (any partition)", () => {
    expect(
      refusal(() => s3SettingsFromConfig(config({ role_arn: "airbyte-rejects" }), {})).message,
    ).toContain("role_arn must be an IAM role ARN");
    const gov = "arn:aws-us-gov:iam::123456789012:role/path/to/role";
    expect(s3SettingsFromConfig(config({ role_arn: gov }), {}).role?.roleArn).toBe(gov);
    // The spec's own example (Airbyte's text) is accepted: STS checks the account id itself.
    const example = "arn:aws:iam::123456789:role/ExternalIdIsYourWorkspaceId";
    expect(s3SettingsFromConfig(config({ role_arn: example }), {}).role?.roleArn).toBe(example);
  });

  it("s3_endpoint must be an http(s) URL; empty means AWS itself", () => {
    expect(s3SettingsFromConfig(config({ s3_endpoint: "" }), {}).endpoint).toBeUndefined();
    expect(s3SettingsFromConfig(config({ s3_endpoint: "http://127.0.0.1:9000" }), {}).endpoint).toBe(
      "http://127.0.0.1:9000",
    );
    expect(refusal(() => s3SettingsFromConfig(config({ s3_endpoint: "minio:9000" }), {})).message).toContain(
      "s3_endpoint must be an http(s) URL",
    );
  });
});
