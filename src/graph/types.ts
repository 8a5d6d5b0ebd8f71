import type { AddressPolicy } from "./connect-guard.js";
import type { ExpectedAnswer } from "./expected-answer.js";

/** The request/response contract of the Graph client: operations and the write pipeline code against it. */

export type GraphBody =
  | { readonly kind: "none" }
  | { readonly kind: "json"; readonly value: unknown }
  | { readonly kind: "form"; readonly fields: Readonly<Record<string, string>> }
  | { readonly kind: "multipart"; readonly parts: readonly MultipartPart[] };

export type MultipartPart =
  | { readonly name: string; readonly value: string }
  | {
      readonly name: string;
      readonly filename: string;
      readonly contentType: string;
      readonly content: string | Uint8Array;
    };

/** Which pacing lane a call waits in. */
export type PacingLane =
  | { readonly kind: "send"; readonly phoneNumberId: string; readonly recipient: string }
  | { readonly kind: "management"; readonly wabaId: string }
  | { readonly kind: "none" };

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface GraphRequest {
  readonly method: HttpMethod;
  /** Relative to `${baseUrl}/${apiVersion}/`, e.g. "123/flows". */
  readonly path?: string;
  /** An absolute URL (advanced mode; the caller has already checked its host). */
  readonly url?: string;
  readonly query?: Readonly<Record<string, string>>;
  /** Extra headers; Authorization, User-Agent, Content-Type/Length and Host are always ours. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: GraphBody;
  /** Whether sending it twice is harmless (reads, updates, publish…); sends and creates are not. */
  readonly idempotent: boolean;
  readonly pacing: PacingLane;
  /**
   * What its 2xx answer must hold (Meta's documented answer); any other 2xx is a failure:
   * retried when idempotent, ambiguous otherwise. Absent: every 2xx counts (reads, advanced mode).
   */
  readonly expect?: ExpectedAnswer;
  readonly signal?: AbortSignal;
}

export interface GraphResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** Parsed JSON when the answer is JSON, else the text ("" for an empty body). */
  readonly body: unknown;
  readonly attempts: number;
  /** The URL called, never with a token in it. */
  readonly url: string;
}

export interface ClientStats {
  readonly requests: number;
  readonly retries: number;
  readonly rateLimited: number;
  /** Wall-clock milliseconds during which at least one request waited in a pacing lane. */
  readonly pacedMs: number;
}

export interface GraphClientOptions {
  readonly baseUrl: string;
  readonly apiVersion: string;
  readonly accessToken: string;
  /** e.g. "destination-whatsapp-flows/0.1.0". */
  readonly userAgent: string;
  /** The overall deadline of one attempt: connect, headers and the whole body. */
  readonly requestTimeoutMs: number;
  readonly connectTimeoutMs?: number;
  /** Connections per origin (pipelining 1). */
  readonly maxConcurrency: number;
  readonly retry: {
    readonly maxRetries: number;
    readonly maxRetryWaitMs: number;
    readonly baseDelayMs?: number;
    readonly maxDelayMs?: number;
    readonly pauseDelayMs?: number;
    /** Default true: a spam-rate-limit (131048) answer is waited out and sent again. */
    readonly retryPauses?: boolean;
  };
  readonly pacing: {
    readonly messagesPerSecond: number;
    readonly managementCallsPerHour?: number;
    /** Per phone number, a send rate replacing messagesPerSecond (`auto`: its throughput level). */
    readonly sendRates?: ReadonlyMap<string, number>;
  };
  /** Which hosts may be internal addresses; default: only the base_url host. */
  readonly addresses?: AddressPolicy;
  /** Default MAX_RESPONSE_BYTES. */
  readonly maxResponseBytes?: number;
  readonly random?: () => number;
  readonly now?: () => number;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}
