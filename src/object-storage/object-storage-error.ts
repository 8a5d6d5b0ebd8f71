import { ConnectorError } from "../errors/index.js";

export type StorageAction = "PUT" | "GET" | "DELETE" | "LIST" | "ASSUME_ROLE";

/** The IAM action each call needs: what an AccessDenied tells the user to grant. */
const IAM_ACTIONS: Readonly<Record<StorageAction, string>> = {
  PUT: "s3:PutObject",
  GET: "s3:GetObject",
  DELETE: "s3:DeleteObject",
  LIST: "s3:ListBucket",
  ASSUME_ROLE: "sts:AssumeRole",
};

const WRONG_REGION = new Set([
  "PermanentRedirect",
  "AuthorizationHeaderMalformed",
  "IllegalLocationConstraintException",
  "Redirect",
]);

/**
 * What to fix for each refusal that retrying cannot cure: the credentials, the bucket, the region
 * or a policy must change. Any other code is an outage or throttling (transient).
 */
const FIXES: Readonly<Record<string, (failure: ObjectStorageFailure) => string>> = {
  AccessDenied: accessDenied,
  AllAccessDisabled: accessDenied,
  AccountProblem: () => "The AWS account that owns the credentials is not in good standing",
  NoSuchBucket: (f) =>
    `Bucket "${f.bucket}" does not exist${f.endpointGiven ? " at s3_endpoint" : ""}: check s3_bucket_name${f.endpointGiven ? " and s3_endpoint" : ""}`,
  InvalidBucketName: (f) => `"${f.bucket}" is not a valid bucket name: check s3_bucket_name`,
  InvalidAccessKeyId: (f) =>
    `The access key ID is unknown to ${f.action === "ASSUME_ROLE" ? "STS" : "S3"}: check access_key_id (or the AWS credentials of the connector's environment)`,
  InvalidClientTokenId: () =>
    "The credentials the role is assumed with are unknown to STS: check access_key_id (or the AWS credentials of the connector's environment)",
  SignatureDoesNotMatch: () =>
    "The secret does not match the access key ID: check secret_access_key (or AWS_SECRET_ACCESS_KEY in the connector's environment)",
  ExpiredToken: () => "The credentials have expired: renew them (or the session token of the environment)",
  InvalidToken: () => "The session token is not valid: renew the credentials of the connector's environment",
  CredentialsProviderError: () =>
    "No AWS credentials were found: set access_key_id and secret_access_key, or give the connector's environment credentials (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a web identity token such as EKS IRSA, a container or instance role)",
  InvalidRequest: () => "S3 refused the request as malformed: check s3_endpoint and s3_bucket_region",
  ValidationError: () => "STS refused the request: check role_arn",
  RegionDisabledException: () => "STS is not enabled in this region for the account: check s3_bucket_region",
  ListingNotAdvancing: (f) =>
    `The store${f.endpointGiven ? " at s3_endpoint" : ""} does not page its listings as S3 does (keys in ascending order after start-after): check s3_endpoint, or use another S3-compatible store`,
  ListingTooLong: () =>
    "Too many objects to read before the first record: lower object_storage_config.ledger_window_hours, or move the objects of that prefix that are not the connector's elsewhere",
  ...Object.fromEntries(
    [...WRONG_REGION].map((code) => [
      code,
      (f: ObjectStorageFailure) =>
        `Bucket "${f.bucket}" is in another region: set s3_bucket_region to the bucket's region`,
    ]),
  ),
};

function accessDenied(failure: ObjectStorageFailure): string {
  if (failure.action === "ASSUME_ROLE") {
    return `The credentials cannot assume ${failure.roleArn ?? "role_arn"}: allow them sts:AssumeRole on it, and check that the role's trust policy trusts them${failure.externalIdGiven ? " with this external ID (AWS_ASSUME_ROLE_EXTERNAL_ID)" : " (a trust policy that requires an sts:ExternalId needs AWS_ASSUME_ROLE_EXTERNAL_ID in the connector's environment)"}`;
  }
  const resource =
    failure.action === "LIST" ? `arn:aws:s3:::${failure.bucket}` : `arn:aws:s3:::${failure.bucket}/*`;
  return `The credentials lack ${IAM_ACTIONS[failure.action]} on ${resource}: grant it (the connector needs s3:ListBucket, s3:GetObject, s3:PutObject and s3:DeleteObject), and check the bucket policy`;
}

export interface ObjectStorageFailure {
  /** What we were doing: a bucket call, or assuming role_arn before one. */
  readonly action: StorageAction;
  readonly bucket: string;
  readonly key: string;
  /** S3's (or STS's) error code (AccessDenied, NoSuchBucket…), or a network code (ECONNREFUSED…). */
  readonly s3Code: string;
  readonly status: number | undefined;
  /** The service's own message, with anything shaped like an access key ID masked. */
  readonly detail: string | undefined;
  /** The AWS request id, for a support case. */
  readonly requestId?: string | undefined;
  readonly roleArn?: string | undefined;
  readonly externalIdGiven?: boolean;
  readonly endpointGiven?: boolean;
}

/**
 * Object storage refused or could not be reached. A refusal the user must fix (credentials,
 * bucket, region, policy) is a config_error saying what to change; an outage or throttling is a
 * transient_error, and the sync stops so that no record goes on without its rejects or its ledger
 * entry stored.
 */
export class ObjectStorageError extends ConnectorError {
  readonly s3Code: string;
  readonly status: number | undefined;
  readonly bucket: string;

  constructor(failure: ObjectStorageFailure) {
    const fix = FIXES[failure.s3Code];
    const status = failure.status === undefined ? "" : ` (HTTP ${failure.status})`;
    const what =
      failure.action === "ASSUME_ROLE"
        ? `assuming ${failure.roleArn ?? "role_arn"} (STS AssumeRole) for bucket "${failure.bucket}"`
        : `${failure.action} s3://${failure.bucket}/${failure.key}`;
    super(
      fix ? "ERR_OBJECT_STORAGE_REFUSED" : "ERR_OBJECT_STORAGE_UNAVAILABLE",
      fix ? "config_error" : "transient_error",
      `object storage: ${what} failed with ${failure.s3Code}${status}${failure.detail ? `: ${failure.detail}` : ""}`,
      {
        hint: fix
          ? fix(failure)
          : "The sync stopped before any record went on without its rejects and ledger entries stored; the platform retries from the last checkpoint",
        ...(failure.requestId === undefined ? {} : { internal: `AWS request id ${failure.requestId}` }),
      },
    );
    this.s3Code = failure.s3Code;
    this.status = failure.status;
    this.bucket = failure.bucket;
  }
}
