import type { AwsCredentials } from "./sigv4.js";

/** What the S3 client needs, read from object_storage_config. */
export interface S3Settings {
  readonly bucket: string;
  /** "" means us-east-1, as the toolkit reads an empty region. */
  readonly region: string;
  /** An S3-compatible endpoint (path-style requests); undefined for AWS itself. */
  readonly endpoint: string | undefined;
  readonly credentials: AwsCredentials;
  readonly requestTimeoutMs?: number;
  /** Attempts per request for throttling, 5xx and network failures (default 4). */
  readonly attempts?: number;
  /** First retry wait; doubles each time (default 250 ms). */
  readonly retryBaseMs?: number;
}

export interface S3Target {
  readonly origin: string;
  readonly host: string;
  /** Path prefix before the key: "/bucket" for path-style, "" for virtual-hosted. */
  readonly basePath: string;
  readonly region: string;
}

/**
 * Where requests go. A configured endpoint (MinIO, R2, a local test server) gets path-style
 * requests; AWS gets virtual-hosted ones, except for bucket names with dots, whose virtual host
 * would not match S3's TLS certificate.
 */
export function s3Target(settings: S3Settings): S3Target {
  const region = settings.region === "" ? "us-east-1" : settings.region;
  const bucketPath = `/${encodeURIComponent(settings.bucket)}`;
  if (settings.endpoint !== undefined && settings.endpoint !== "") {
    const url = new URL(settings.endpoint);
    const base = url.pathname.replace(/\/+$/, "");
    return { origin: url.origin, host: url.host, basePath: `${base}${bucketPath}`, region };
  }
  const regional = `s3.${region}.amazonaws.com`;
  if (settings.bucket.includes(".")) {
    return { origin: `https://${regional}`, host: regional, basePath: bucketPath, region };
  }
  const host = `${settings.bucket}.${regional}`;
  return { origin: `https://${host}`, host, basePath: "", region };
}
