import { ConnectorError } from "../errors/index.js";

/** S3 error codes that retrying cannot fix: the credentials, bucket, region or policy must change. */
const CONFIG_CODES = new Set([
  "AccessDenied",
  "AllAccessDisabled",
  "InvalidAccessKeyId",
  "SignatureDoesNotMatch",
  "NoSuchBucket",
  "InvalidBucketName",
  "AuthorizationHeaderMalformed",
  "PermanentRedirect",
  "InvalidRequest",
  "AccountProblem",
]);

export interface ObjectStorageFailure {
  /** What we were doing: "PUT", "GET", "DELETE", "LIST". */
  readonly action: string;
  readonly bucket: string;
  readonly key: string;
  /** S3's error code (AccessDenied, NoSuchBucket…), or a network code (ECONNREFUSED…). */
  readonly s3Code: string;
  readonly status: number | undefined;
  /** S3's own message: it names the resource, never the credentials. */
  readonly detail: string | undefined;
}

/**
 * Object storage refused or could not be reached. A refusal the user must fix (credentials,
 * bucket, region) is a config_error; an outage or throttling is a transient_error, and the sync
 * stops so that no record goes on without its rejects or its ledger entry stored.
 */
export class ObjectStorageError extends ConnectorError {
  readonly s3Code: string;
  readonly status: number | undefined;
  readonly bucket: string;

  constructor(failure: ObjectStorageFailure, options: { readonly cause?: unknown } = {}) {
    const config = CONFIG_CODES.has(failure.s3Code);
    const status = failure.status === undefined ? "" : ` (HTTP ${failure.status})`;
    super(
      config ? "ERR_OBJECT_STORAGE_REFUSED" : "ERR_OBJECT_STORAGE_UNAVAILABLE",
      config ? "config_error" : "transient_error",
      `object storage: ${failure.action} s3://${failure.bucket}/${failure.key} failed with ${failure.s3Code}${status}${failure.detail ? `: ${failure.detail}` : ""}`,
      {
        hint: config
          ? `Check object_storage_config: the access key must be able to list, read, write and delete in bucket "${failure.bucket}", and s3_bucket_region / s3_endpoint must match it`
          : "The sync stopped before any record went on without its rejects and ledger entries stored; the platform retries from the last checkpoint",
        ...(options.cause === undefined ? {} : { cause: options.cause }),
      },
    );
    this.s3Code = failure.s3Code;
    this.status = failure.status;
    this.bucket = failure.bucket;
  }
}
