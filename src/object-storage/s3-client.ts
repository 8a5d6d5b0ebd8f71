import { setTimeout as sleep } from "node:timers/promises";
import { Pool } from "undici";
import { ObjectStorageError } from "./object-storage-error.js";
import { type S3Settings, type S3Target, s3Target } from "./s3-settings.js";
import { canonicalQuery, EMPTY_PAYLOAD_HASH, encodeKeyPath, sha256Hex, signRequest } from "./sigv4.js";
import { xmlBlocks, xmlField } from "./xml-fields.js";

export interface ListedObject {
  readonly key: string;
  readonly size: number;
}

interface S3Request {
  readonly action: "PUT" | "GET" | "DELETE" | "LIST";
  readonly method: "PUT" | "GET" | "DELETE";
  readonly key: string;
  readonly query?: ReadonlyArray<readonly [string, string]>;
  /** A bucket-level call (a listing): `key` only names what was listed, in errors. */
  readonly bucketLevel?: boolean;
  readonly body?: Buffer;
  readonly contentType?: string;
}

interface S3Answer {
  readonly status: number;
  readonly text: string;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const RETRYABLE_CODES = new Set(["SlowDown", "InternalError", "ServiceUnavailable", "RequestTimeout"]);

/**
 * The four S3 calls the connector needs (put, get, delete, list), signed with SigV4 and sent over
 * undici, the HTTP client the connector already uses for the Graph API. Throttling, 5xx answers
 * and network failures are retried a few times with backoff (every call here is idempotent: a
 * put rewrites the same bytes under the same key); what still fails is an ObjectStorageError.
 */
export class S3Client {
  readonly bucket: string;
  private readonly target: S3Target;
  private readonly pool: Pool;
  private readonly attempts: number;
  private readonly retryBaseMs: number;
  /** Calls that reached the server, for the benchmark's PUT count. */
  readonly counts = { put: 0, get: 0, delete: 0, list: 0 };

  constructor(private readonly settings: S3Settings) {
    this.bucket = settings.bucket;
    this.target = s3Target(settings);
    const timeout = settings.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.pool = new Pool(this.target.origin, {
      connections: 8,
      headersTimeout: timeout,
      bodyTimeout: timeout,
      connect: { timeout: Math.min(timeout, 10_000) },
    });
    this.attempts = settings.attempts ?? 4;
    this.retryBaseMs = settings.retryBaseMs ?? 250;
  }

  async put(key: string, body: string, contentType = "application/jsonl"): Promise<void> {
    this.counts.put++;
    await this.send({ action: "PUT", method: "PUT", key, body: Buffer.from(body, "utf8"), contentType });
  }

  /** The object's text, or undefined when there is no such key. */
  async get(key: string): Promise<string | undefined> {
    this.counts.get++;
    const answer = await this.send({ action: "GET", method: "GET", key }, [404]);
    return answer.status === 404 ? undefined : answer.text;
  }

  async delete(key: string): Promise<void> {
    this.counts.delete++;
    await this.send({ action: "DELETE", method: "DELETE", key }, [404]);
  }

  /**
   * Every object under `prefix` whose key sorts after `startAfter`, in key order. Pages are
   * chained by start-after (the last key seen) rather than by continuation token: the same result
   * for a listing without delimiter, and supported alike by S3 and the S3-compatible stores.
   */
  async *list(prefix: string, startAfter?: string): AsyncGenerator<ListedObject> {
    let after = startAfter;
    for (;;) {
      this.counts.list++;
      const query: Array<[string, string]> = [
        ["list-type", "2"],
        ["prefix", prefix],
      ];
      if (after !== undefined) query.push(["start-after", after]);
      const answer = await this.send({
        action: "LIST",
        method: "GET",
        key: prefix,
        query,
        bucketLevel: true,
      });
      let last: string | undefined;
      for (const block of xmlBlocks(answer.text, "Contents")) {
        const key = xmlField(block, "Key");
        if (key === undefined) continue;
        last = key;
        yield { key, size: Number(xmlField(block, "Size") ?? 0) };
      }
      if (xmlField(answer.text, "IsTruncated") !== "true" || last === undefined) return;
      after = last;
    }
  }

  async close(): Promise<void> {
    await this.pool.close();
  }

  private async send(request: S3Request, accepted: readonly number[] = []): Promise<S3Answer> {
    for (let attempt = 1; ; attempt++) {
      let answer: S3Answer;
      try {
        answer = await this.once(request);
      } catch (error) {
        if (attempt < this.attempts) {
          await sleep(this.backoff(attempt));
          continue;
        }
        throw this.failure(request, networkCode(error), undefined, undefined, error);
      }
      if ((answer.status >= 200 && answer.status < 300) || accepted.includes(answer.status)) return answer;
      const code = xmlField(answer.text, "Code") ?? `HTTP${answer.status}`;
      const retryable = answer.status >= 500 || answer.status === 429 || RETRYABLE_CODES.has(code);
      if (retryable && attempt < this.attempts) {
        await sleep(this.backoff(attempt));
        continue;
      }
      throw this.failure(request, code, answer.status, xmlField(answer.text, "Message"));
    }
  }

  private async once(request: S3Request): Promise<S3Answer> {
    const keyPath = request.bucketLevel === true ? "/" : `/${encodeKeyPath(request.key)}`;
    const path = `${this.target.basePath}${keyPath}`;
    const body = request.body;
    const extra: Record<string, string> = {};
    if (body !== undefined) {
      extra["content-type"] = request.contentType ?? "application/octet-stream";
      extra["content-length"] = String(body.byteLength);
    }
    const headers = signRequest(
      {
        method: request.method,
        host: this.target.host,
        path,
        ...(request.query === undefined ? {} : { query: request.query }),
        headers: extra,
        payloadHash: body === undefined ? EMPTY_PAYLOAD_HASH : sha256Hex(body),
        region: this.target.region,
        service: "s3",
        now: new Date(),
      },
      this.settings.credentials,
    );
    const query = request.query === undefined ? "" : `?${canonicalQuery(request.query)}`;
    const response = await this.pool.request({
      method: request.method,
      path: `${path}${query}`,
      headers,
      ...(body === undefined ? {} : { body }),
    });
    const text = await response.body.text();
    return { status: response.statusCode, text };
  }

  private backoff(attempt: number): number {
    const base = this.retryBaseMs * 2 ** (attempt - 1);
    return base / 2 + Math.random() * base;
  }

  private failure(
    request: S3Request,
    s3Code: string,
    status: number | undefined,
    detail: string | undefined,
    cause?: unknown,
  ): ObjectStorageError {
    return new ObjectStorageError(
      { action: request.action, bucket: this.bucket, key: request.key, s3Code, status, detail },
      cause === undefined ? {} : { cause },
    );
  }
}

/** ECONNREFUSED, UND_ERR_HEADERS_TIMEOUT…: what a user can search for. */
function networkCode(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === "object" && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return "NetworkError";
}
