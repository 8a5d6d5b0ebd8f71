import { BoundExceeded } from "./call-bounds.js";
import { AddressRefusedError } from "./errors/address-refused-error.js";
import { NetworkError } from "./errors/network-error.js";
import { RequestAbortedError } from "./errors/request-aborted-error.js";
import { RequestTimeoutError } from "./errors/request-timeout-error.js";
import { ResponseTooLargeError } from "./errors/response-too-large-error.js";

/** Failures that happen before anything was written to the server: safe to send again. */
const NOT_REACHED = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EAI_NONAME",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EHOSTDOWN",
  "ENETDOWN",
  "EADDRNOTAVAIL",
  "CERT_HAS_EXPIRED",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

/** The system/undici error code of a failed connection, looking inside happy-eyeballs AggregateErrors. */
function networkErrorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string") return code;
  // Happy-eyeballs connection attempts fail with an AggregateError of per-address errors.
  const inner = (error as { errors?: unknown }).errors;
  if (Array.isArray(inner) && inner.length > 0) return networkErrorCode(inner[0]);
  return undefined;
}

export interface FailureContext {
  readonly method: string;
  readonly url: string;
  readonly requestTimeoutMs: number;
  readonly connectTimeoutMs: number;
}

export type TransportFailure = NetworkError | RequestAbortedError | AddressRefusedError;

/** An undici/socket failure (or a bound of the attempt running out) as one of our typed errors. */
export function toNetworkError(error: unknown, ctx: FailureContext): TransportFailure {
  if (error instanceof AddressRefusedError) return error;
  const code = networkErrorCode(error);
  const base = { method: ctx.method, url: ctx.url, causeCode: code, cause: error };
  if (error instanceof BoundExceeded) {
    return error.bound === "size"
      ? new ResponseTooLargeError({ ...base, limitBytes: error.limit })
      : new RequestTimeoutError({ ...base, phase: error.phase, timeoutMs: error.limit });
  }
  switch (code) {
    case "UND_ERR_CONNECT_TIMEOUT":
      return new RequestTimeoutError({ ...base, phase: "connect", timeoutMs: ctx.connectTimeoutMs });
    case "UND_ERR_HEADERS_TIMEOUT":
      return new RequestTimeoutError({ ...base, phase: "headers", timeoutMs: ctx.requestTimeoutMs });
    case "UND_ERR_BODY_TIMEOUT":
      return new RequestTimeoutError({ ...base, phase: "body", timeoutMs: ctx.requestTimeoutMs });
    case "UND_ERR_ABORTED":
    case "ABORT_ERR":
      return new RequestAbortedError(ctx.method, ctx.url, error);
  }
  if (error instanceof Error && error.name === "AbortError")
    return new RequestAbortedError(ctx.method, ctx.url, error);
  if (code !== undefined && NOT_REACHED.has(code)) {
    return new NetworkError(`could not connect (${code})`, {
      ...base,
      reachedServer: "no",
      hint: "Check the URL and the network between the connector and the server",
    });
  }
  return new NetworkError(
    `the connection failed (${code ?? "unknown error"}) after the request may have been sent`,
    {
      ...base,
      reachedServer: "maybe",
      hint: "This is usually a network glitch or an overloaded server; if it persists make fewer calls at once",
    },
  );
}
