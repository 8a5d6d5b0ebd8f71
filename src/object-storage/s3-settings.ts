export interface AccessKey {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/** A role the connector assumes through STS AssumeRole before it touches the bucket. */
export interface AssumedRole {
  readonly roleArn: string;
  /** The trust policy's sts:ExternalId, when the environment gives one. */
  readonly externalId: string | undefined;
  /** Shown in the bucket owner's CloudTrail as the session that made each call. */
  readonly sessionName: string;
}

/** What the S3 client needs, read from object_storage_config and the environment. */
export interface S3Settings {
  readonly bucket: string;
  /** "" means us-east-1, as the toolkit reads an empty region. */
  readonly region: string;
  /** An S3-compatible endpoint (path-style requests); undefined for AWS itself. */
  readonly endpoint: string | undefined;
  /**
   * The access key of the config; undefined: the AWS SDK's default credential chain (environment,
   * shared config files, web identity, container and instance roles).
   */
  readonly accessKey: AccessKey | undefined;
  /** Assumed with the access key (or the default chain's credentials) when set. */
  readonly role: AssumedRole | undefined;
  /** Bounds each attempt of each call, from connect to the last byte of the answer (default 30 s). */
  readonly requestTimeoutMs?: number;
  /** Attempts per call for throttling, 5xx and network failures, in the SDK's standard mode (default 4). */
  readonly attempts?: number;
}

/** The region requests are signed for. */
export function signingRegion(settings: Pick<S3Settings, "region">): string {
  return settings.region === "" ? "us-east-1" : settings.region;
}
