import type { Classification } from "./classification.js";
import { type CodeEntry, lookupCode } from "./classification-table.js";
import { AddressRefusedError } from "./errors/address-refused-error.js";
import { GraphApiError } from "./errors/graph-api-error.js";
import { NetworkError } from "./errors/network-error.js";
import { RequestAbortedError } from "./errors/request-aborted-error.js";
import { UnexpectedAnswerError } from "./errors/unexpected-answer-error.js";

export type { Classification, ErrorKind } from "./classification.js";

const UNEXPECTED: Classification = {
  kind: "transient",
  retryable: false,
  reason: "an unexpected error (a bug): not retried",
};

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
  return {
    kind: "config",
    reason: `HTTP ${status} without a Graph error (the address may not be the Graph API)`,
  };
}

/**
 * One decision for every failure of a call. Non-idempotent calls (sends, creates) turn
 * "transient" and "maybe reached the server" into "ambiguous": they may have been processed, so
 * they are never repeated.
 */
export function classifyGraphError(error: unknown, options: { idempotent: boolean }): Classification {
  if (error instanceof AddressRefusedError)
    return { kind: "config", retryable: false, reason: error.message };
  if (error instanceof GraphApiError) {
    return classifyAnswer(
      { code: error.graphCode, isTransient: error.isTransient },
      error.status,
      options.idempotent,
    );
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
  if (error instanceof UnexpectedAnswerError) {
    return withIdempotency(
      { kind: "transient", reason: `${error.what}: not the Graph API's answer` },
      options.idempotent,
    );
  }
  if (error instanceof RequestAbortedError) {
    return { kind: options.idempotent ? "transient" : "ambiguous", retryable: false, reason: "aborted" };
  }
  return UNEXPECTED;
}

/** What the failure of a Graph answer means for this call: the one reading of it. */
export function classifyAnswer(
  envelope: { readonly code: number | undefined; readonly isTransient: boolean | undefined } | undefined,
  status: number,
  idempotent: boolean,
): Classification {
  const base = classifyCode(envelope?.code, envelope?.isTransient, status);
  if (envelope?.isTransient === true && base.kind === "reject" && idempotent) return retriedReject(base);
  return withIdempotency(base, idempotent);
}

/**
 * Meta's `is_transient: true` on a code we would reject says the same request may succeed when
 * sent again (Meta's own example: 139001 while a Flow is still being processed). A call safe to
 * repeat is retried within the retry budget and, if it never succeeds, still ends as the code's
 * rejection. Any other call (a send, a create) is not repeated: Meta refused it, and a send is
 * never sent twice.
 */
function retriedReject(base: CodeEntry): Classification {
  return {
    kind: "reject",
    retryable: true,
    reason: `${base.reason} (Meta marked the error transient: tried again within the retry budget)`,
  };
}

type CallFailure =
  | GraphApiError
  | NetworkError
  | RequestAbortedError
  | AddressRefusedError
  | UnexpectedAnswerError;

/**
 * Classifies a failure the client is about to throw, once: the classification travels on the
 * error, and the retry policy, pacing feedback and operations all read that one.
 */
export function classify<E extends CallFailure>(error: E, idempotent: boolean): E {
  error.classification ??= classifyGraphError(error, { idempotent });
  return error;
}

/** The classification a failed call carries (anything the client did not throw is a bug of ours). */
export function classificationOf(error: unknown): Classification {
  if (typeof error === "object" && error !== null && "classification" in error) {
    const attached = (error as { classification: Classification | undefined }).classification;
    if (attached !== undefined) return attached;
  }
  return UNEXPECTED;
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
