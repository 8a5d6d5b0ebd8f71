import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { ObjectStorageError, type StorageAction } from "./object-storage-error.js";
import type { ListedObject, ObjectStore } from "./object-store.js";
import { credentialsOf, DEFAULT_ATTEMPTS, RoleNotAssumed } from "./s3-credentials.js";
import { type S3Settings, signingRegion } from "./s3-settings.js";
import { describeSdkError } from "./sdk-failure.js";

const DEFAULT_TIMEOUT_MS = 30_000;
const MAX_CONNECT_MS = 10_000;

// The bundle carries its own copy of the SDK, so the SDK's notice about the Node releases its
// future versions will require concerns no one running the connector: it would only be one more
// line on stderr.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

/**
 * The bucket through the AWS SDK's S3 client: its signing, its default credential chain and STS
 * for role_arn, its standard retry mode (throttling, 5xx and network failures, a bounded number of
 * attempts; every call here is idempotent: a put rewrites the same bytes under the same key).
 * `s3_endpoint` (MinIO, R2, a local test server) gets path-style requests, which every
 * S3-compatible store serves; AWS itself gets the SDK's own addressing. What still fails is an
 * ObjectStorageError that says what to fix.
 */
export class S3ObjectStore implements ObjectStore {
  readonly bucket: string;
  /** Calls made, by kind (the listing test counts its pages). */
  readonly counts = { put: 0, get: 0, delete: 0, list: 0 };
  private readonly client: S3Client;

  constructor(private readonly settings: S3Settings) {
    this.bucket = settings.bucket;
    const timeout = settings.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    const credentials = credentialsOf(settings);
    this.client = new S3Client({
      region: signingRegion(settings),
      ...(settings.endpoint === undefined ? {} : { endpoint: settings.endpoint, forcePathStyle: true }),
      ...(credentials === undefined ? {} : { credentials }),
      retryMode: "standard",
      maxAttempts: settings.attempts ?? DEFAULT_ATTEMPTS,
      requestHandler: {
        connectionTimeout: Math.min(timeout, MAX_CONNECT_MS),
        // To the answer's headers; the socket timeout then bounds each pause in its body.
        requestTimeout: timeout,
        throwOnRequestTimeout: true,
        socketTimeout: timeout,
      },
      // Checksums only where S3 requires one: S3-compatible stores do not all accept the
      // flexible-checksum headers the SDK would add to every put.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
      // A large batch would otherwise wait for a 100 Continue on a connection of its own (the
      // SDK's handler opens one for such a request), which not every S3-compatible store or proxy
      // answers promptly.
      expectContinueHeader: false,
    });
  }

  async put(key: string, body: string, contentType = "application/jsonl"): Promise<void> {
    this.counts.put++;
    await this.call("PUT", key, () =>
      this.client.send(
        new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: contentType }),
      ),
    );
  }

  async get(key: string): Promise<string | undefined> {
    this.counts.get++;
    return this.call("GET", key, async () => {
      try {
        const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
        return (await object.Body?.transformToString("utf8")) ?? "";
      } catch (error) {
        if (isNoSuchKey(error)) return undefined;
        throw error;
      }
    });
  }

  async delete(key: string): Promise<void> {
    this.counts.delete++;
    await this.call("DELETE", key, async () => {
      try {
        await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
      } catch (error) {
        if (!isNoSuchKey(error)) throw error;
      }
    });
  }

  /**
   * Pages are chained by start-after (the last key seen) rather than by continuation token: the
   * same result for a listing without delimiter, and supported alike by S3 and the S3-compatible
   * stores.
   */
  async *list(prefix: string, startAfter?: string): AsyncGenerator<ListedObject> {
    let after = startAfter;
    for (;;) {
      this.counts.list++;
      const page = await this.call("LIST", prefix, () =>
        this.client.send(
          new ListObjectsV2Command({
            Bucket: this.bucket,
            Prefix: prefix,
            ...(after === undefined ? {} : { StartAfter: after }),
          }),
        ),
      );
      let last: string | undefined;
      for (const object of page.Contents ?? []) {
        if (object.Key === undefined) continue;
        last = object.Key;
        yield { key: object.Key, size: object.Size ?? 0 };
      }
      if (page.IsTruncated !== true || last === undefined) return;
      after = last;
    }
  }

  async close(): Promise<void> {
    this.client.destroy();
  }

  private async call<T>(action: StorageAction, key: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      const assuming = error instanceof RoleNotAssumed;
      const { role } = this.settings;
      throw new ObjectStorageError({
        action: assuming ? "ASSUME_ROLE" : action,
        bucket: this.bucket,
        key,
        ...describeSdkError(assuming ? error.cause : error),
        roleArn: role?.roleArn,
        externalIdGiven: role?.externalId !== undefined,
        endpointGiven: this.settings.endpoint !== undefined,
      });
    }
  }
}

/** A missing key: S3 says NoSuchKey; an answer without a body (a HEAD, some stores) is a bare 404. */
function isNoSuchKey(error: unknown): boolean {
  const e = error as { name?: unknown; $metadata?: { httpStatusCode?: unknown } } | null;
  return e?.name === "NoSuchKey" || (e?.name === "NotFound" && e.$metadata?.httpStatusCode === 404);
}
