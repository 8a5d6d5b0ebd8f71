import type { S3StorageConfig } from "../config/index.js";
import { ConfigError } from "../errors/index.js";
import type { S3Settings } from "./s3-settings.js";

/** object_storage_config (S3) → client settings; what this connector cannot use is a config_error. */
export function s3SettingsFromConfig(config: S3StorageConfig): S3Settings {
  const accessKeyId = config.access_key_id ?? "";
  const secretAccessKey = config.secret_access_key ?? "";
  if (accessKeyId === "" || secretAccessKey === "") {
    const roleOnly = config.role_arn !== undefined && config.role_arn !== "";
    throw new ConfigError(
      roleOnly
        ? "object_storage_config.role_arn is not supported by this connector yet"
        : "object_storage_config needs access_key_id and secret_access_key",
      {
        code: "ERR_OBJECT_STORAGE_CREDENTIALS",
        hint: "Create an access key with list, read, write and delete in the bucket and set access_key_id and secret_access_key",
      },
    );
  }
  const endpoint =
    config.s3_endpoint === undefined || config.s3_endpoint === "" ? undefined : config.s3_endpoint;
  if (endpoint !== undefined && !/^https?:\/\/[^/]/.test(endpoint)) {
    throw new ConfigError(
      'object_storage_config.s3_endpoint must be an http(s) URL, e.g. "https://minio.example.com"',
      {
        code: "ERR_OBJECT_STORAGE_ENDPOINT",
      },
    );
  }
  return {
    bucket: config.s3_bucket_name,
    region: config.s3_bucket_region,
    endpoint,
    credentials: { accessKeyId, secretAccessKey },
  };
}
