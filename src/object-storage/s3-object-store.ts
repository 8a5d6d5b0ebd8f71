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

/**
 * A listing stops with an error past this many pages (S3 answers up to 1,000 keys a page: a
 * million objects under one prefix). The send ledger is the only listing; its window never holds
 * that many objects unless something else writes there, and reading them all would take hours.
 */
export const MAX_LIST_PAGES = 1_000;

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
  private readonly timeoutMs: number;

  constructor(private readonly settings: S3Settings) {
    this.bucket = settings.bucket;
    const timeout = settings.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.timeoutMs = timeout;
    const credentials = credentialsOf(settings);
    this.client = new S3Client({
      region: signingRegion(settings),
      ...(settings.endpoint === undefined ? {} : { endpoint: settings.endpoint, forcePathStyle: true }),
      ...(credentials === undefined ? {} : { credentials }),
      retryMode: "standard",
      maxAttempts: settings.attempts ?? DEFAULT_ATTEMPTS,
      requestHandler: {
        connectionTimeout: Math.min(timeout, MAX_CONNECT_MS),
        // Each attempt to the answer's headers (the call's deadline bounds all of them together);
        // the socket timeout then bounds each pause in the answer's body.
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
    await this.call("PUT", key, (abortSignal) =>
      this.client.send(
        new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: contentType }),
        { abortSignal },
      ),
    );
  }

  async get(key: string): Promise<string | undefined> {
    this.counts.get++;
    return this.call("GET", key, async (abortSignal) => {
      try {
        const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }), {
          abortSignal,
        });
        return (await object.Body?.transformToString("utf8")) ?? "";
      } catch (error) {
        if (isNoSuchKey(error)) return undefined;
        throw error;
      }
    });
  }

  /**
   * The object's bytes as they arrive, or undefined when there is no such key: the call's deadline
   * bounds the wait for the answer, the socket timeout each pause in its body, and a body that
   * breaks off is an ObjectStorageError naming the key.
   */
  async read(key: string): Promise<AsyncIterable<Uint8Array> | undefined> {
    this.counts.get++;
    const body = await this.call("GET", key, async (abortSignal) => {
      try {
        const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }), {
          abortSignal,
        });
        return (object.Body ?? []) as AsyncIterable<Uint8Array>;
      } catch (error) {
        if (isNoSuchKey(error)) return undefined;
        throw error;
      }
    });
    return body === undefined ? undefined : this.guarded(key, body);
  }

  private async *guarded(key: string, body: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
    try {
      yield* body;
    } catch (error) {
      throw this.failure("GET", key, error);
    }
  }

  async delete(key: string): Promise<void> {
    this.counts.delete++;
    await this.call("DELETE", key, async (abortSignal) => {
      try {
        await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }), { abortSignal });
      } catch (error) {
        if (!isNoSuchKey(error)) throw error;
      }
    });
  }

  /**
   * Pages are chained by start-after (the last key seen) rather than by continuation token: the
   * same result for a listing without delimiter, and supported alike by S3 and the S3-compatible
   * stores. Keys must come in ascending order past the start-after: a page that does not move on
   * (a store that answers "truncated" with the same keys again) and a listing longer than
   * MAX_LIST_PAGES stop with an error naming the prefix, never an endless loop.
   */
  async *list(prefix: string, startAfter?: string): AsyncGenerator<ListedObject> {
    let after = startAfter;
    for (let pages = 1; ; pages++) {
      if (pages > MAX_LIST_PAGES) throw this.listingFailure(prefix, "ListingTooLong");
      this.counts.list++;
      const page = await this.call("LIST", prefix, (abortSignal) =>
        this.client.send(
          new ListObjectsV2Command({
            Bucket: this.bucket,
            Prefix: prefix,
            ...(after === undefined ? {} : { StartAfter: after }),
          }),
          { abortSignal },
        ),
      );
      let last = after;
      for (const object of page.Contents ?? []) {
        if (object.Key === undefined) continue;
        if (last !== undefined && object.Key <= last)
          throw this.listingFailure(prefix, "ListingNotAdvancing");
        last = object.Key;
        yield { key: object.Key, size: object.Size ?? 0 };
      }
      if (page.IsTruncated !== true) return;
      if (last === after) throw this.listingFailure(prefix, "ListingNotAdvancing");
      after = last;
    }
  }

  private listingFailure(
    prefix: string,
    s3Code: "ListingTooLong" | "ListingNotAdvancing",
  ): ObjectStorageError {
    return new ObjectStorageError({
      action: "LIST",
      bucket: this.bucket,
      key: prefix,
      s3Code,
      status: undefined,
      detail:
        s3Code === "ListingTooLong"
          ? `more than ${MAX_LIST_PAGES} pages (${MAX_LIST_PAGES * 1_000} objects) under prefix "${prefix}"`
          : `the store answered the listing of prefix "${prefix}" with keys it had already listed, and said there were more`,
      endpointGiven: this.settings.endpoint !== undefined,
    });
  }

  async close(): Promise<void> {
    this.client.destroy();
  }

  /**
   * One call, all its attempts (and STS's, for role_arn) within request_timeout_seconds: when the
   * deadline passes, the request in flight is aborted and the call fails at once, even in the SDK's
   * pause between two attempts, so that a store that stops answering ends the sync in that time.
   */
  private async call<T>(
    action: StorageAction,
    key: string,
    run: (abortSignal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const deadline = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new CallDeadlinePassed(this.timeoutMs);
        deadline.abort(error);
        reject(error);
      }, this.timeoutMs);
    });
    try {
      return await Promise.race([run(deadline.signal), expired]);
    } catch (error) {
      throw this.failure(action, key, deadline.signal.aborted ? deadline.signal.reason : error);
    } finally {
      clearTimeout(timer);
    }
  }

  private failure(action: StorageAction, key: string, error: unknown): ObjectStorageError {
    const assuming = error instanceof RoleNotAssumed;
    const { role } = this.settings;
    return new ObjectStorageError({
      action: assuming ? "ASSUME_ROLE" : action,
      bucket: this.bucket,
      key,
      ...(error instanceof CallDeadlinePassed
        ? { s3Code: "TimeoutError", status: undefined, detail: error.message, requestId: undefined }
        : describeSdkError(assuming ? error.cause : error)),
      roleArn: role?.roleArn,
      externalIdGiven: role?.externalId !== undefined,
      endpointGiven: this.settings.endpoint !== undefined,
    });
  }
}

class CallDeadlinePassed extends Error {
  constructor(ms: number) {
    super(`no answer within ${ms / 1000} s, retries included (throughput.request_timeout_seconds)`);
    this.name = "CallDeadlinePassed";
  }
}

/** A missing key: S3 says NoSuchKey; an answer without a body (a HEAD, some stores) is a bare 404. */
function isNoSuchKey(error: unknown): boolean {
  const e = error as { name?: unknown; $metadata?: { httpStatusCode?: unknown } } | null;
  return e?.name === "NoSuchKey" || (e?.name === "NotFound" && e.$metadata?.httpStatusCode === 404);
}
