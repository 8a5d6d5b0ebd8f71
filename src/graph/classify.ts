import { type CodeEntry, lookupCode } from "./classification-table.js";
import { GraphApiError } from "./errors/graph-api-error.js";
import { NetworkError } from "./errors/network-error.js";
import { RequestAbortedError } from "./errors/request-aborted-error.js";

export type ErrorKind = "config" | "rate_limit" | "pause" | "transient" | "reject" | "ambiguous";

export interface Classification {
  readonly kind: ErrorKind;
  /** Whether sending the same request again is safe and may help. */
  readonly retryable: boolean;
  readonly reason: string;
}

/** What the code alone says (before idempotency turns "transient" into "ambiguous"). */
export function classifyCode(
  code: number | undefined,
  isTransient: boolean | undefined,
  status: number,
): CodeEntry {
  if (code !== undefined) {
    const entry = lookupCode(code);
    if (entry) return entry;
    if (isTransient === true) return { kind: "transient", reason: `Graph marked code ${code} as transient` };
    if (status >= 500) return { kind: "transient", reason: `unknown Graph code ${code} with HTTP ${status}` };
    return { kind: "reject", reason: `Graph code ${code} rejected this request` };
  }
  if (isTransient === true) return { kind: "transient", reason: "Graph marked the error as transient" };
  // No Graph code at all: a proxy, a load balancer or a wrong base URL answered.
  if (status >= 500 || status === 408)
    return { kind: "transient", reason: `HTTP ${status} without a Graph error` };
  if (status === 429) return { kind: "rate_limit", reason: "HTTP 429 without a Graph error" };
  if (status === 401 || status === 403) return { kind: "config", reason: `HTTP ${status}: check the token` };
  return { kind: "config", reason: `HTTP ${status} without a Graph error: check base_url and api_version` };
}

/**
 * One decision for every failure of a call. Non-idempotent calls (sends, creates) turn
 * "transient" and "maybe reached the server" into "ambiguous": they may have been processed, so
 * they are never repeated.
 */
export function classifyGraphError(error: unknown, options: { idempotent: boolean }): Classification {
  if (error instanceof GraphApiError) {
    const base = classifyCode(error.graphCode, error.isTransient, error.status);
    return withIdempotency(base, options.idempotent);
  }
  if (error instanceof NetworkError) {
    if (error.reachedServer === "no") {
      return { kind: "transient", retryable: true, reason: "the request never reached the server" };
    }
    return withIdempotency(
      { kind: "transient", reason: "the connection failed after the request may have been sent" },
      options.idempotent,
    );
  }
  if (error instanceof RequestAbortedError) {
    return { kind: options.idempotent ? "transient" : "ambiguous", retryable: false, reason: "aborted" };
  }
  return { kind: "transient", retryable: false, reason: "an unexpected error (a bug): not retried" };
}

function withIdempotency(base: Omit<Classification, "retryable">, idempotent: boolean): Classification {
  switch (base.kind) {
    case "rate_limit":
    case "pause":
      return { ...base, retryable: true };
    case "transient":
      return idempotent
        ? { ...base, retryable: true }
        : { kind: "ambiguous", retryable: false, reason: `${base.reason}; it may have been processed` };
    default:
      return { ...base, retryable: false };
  }
}
