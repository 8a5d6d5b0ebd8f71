import type { S3StorageConfig } from "../config/index.js";
import { ConfigError } from "../errors/index.js";
import type { AccessKey, AssumedRole, S3Settings } from "./s3-settings.js";

/**
 * Where Airbyte's workload launcher puts the external ID of an assumed role (the workspace id) in
 * a connector's environment, beside the AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY it assumes
 * the role with; Airbyte's own S3 destinations read the same variable.
 */
export const EXTERNAL_ID_VARIABLE = "AWS_ASSUME_ROLE_EXTERNAL_ID";

/** The STS session name: what the bucket owner's CloudTrail shows as the caller. */
export const ROLE_SESSION_NAME = "destination-whatsapp-flows";

type Environment = Readonly<Record<string, string | undefined>>;

/** object_storage_config (S3) → client settings; what this connector cannot use is a config_error. */
export function s3SettingsFromConfig(config: S3StorageConfig, env: Environment = process.env): S3Settings {
  const endpoint = given(config.s3_endpoint);
  if (endpoint !== undefined && !/^https?:\/\/[^/]/.test(endpoint)) {
    throw new ConfigError(
      'object_storage_config.s3_endpoint must be an http(s) URL, e.g. "https://minio.example.com"',
      { code: "ERR_OBJECT_STORAGE_ENDPOINT" },
    );
  }
  return {
    bucket: config.s3_bucket_name,
    region: config.s3_bucket_region,
    endpoint,
    accessKey: accessKeyOf(config),
    role: roleOf(config, env),
  };
}

function accessKeyOf(config: S3StorageConfig): AccessKey | undefined {
  const accessKeyId = given(config.access_key_id);
  const secretAccessKey = given(config.secret_access_key);
  if (accessKeyId === undefined && secretAccessKey === undefined) return undefined;
  if (accessKeyId === undefined || secretAccessKey === undefined) {
    throw new ConfigError(
      `object_storage_config has ${accessKeyId === undefined ? "secret_access_key without access_key_id" : "access_key_id without secret_access_key"}`,
      {
        code: "ERR_OBJECT_STORAGE_CREDENTIALS",
        hint: "Set both, or neither to use the credentials of the connector's environment (AWS_ACCESS_KEY_ID…, a web identity token, a container or instance role)",
      },
    );
  }
  return { accessKeyId, secretAccessKey };
}

function roleOf(config: S3StorageConfig, env: Environment): AssumedRole | undefined {
  const roleArn = given(config.role_arn);
  if (roleArn === undefined) return undefined;
  if (!/^arn:aws[\w-]*:iam::\d+:role\/./.test(roleArn)) {
    throw new ConfigError(
      "object_storage_config.role_arn must be an IAM role ARN, e.g. arn:aws:iam::123456789012:role/airbyte-rejects",
      { code: "ERR_OBJECT_STORAGE_ROLE" },
    );
  }
  return { roleArn, externalId: given(env[EXTERNAL_ID_VARIABLE]), sessionName: ROLE_SESSION_NAME };
}

/** Airbyte's form sends "" for a field left empty: the same as leaving it out. */
function given(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === "" ? undefined : trimmed;
}
