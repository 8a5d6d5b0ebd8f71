import type { Outcome } from "../../operations/index.js";
import { type ErrorDetail, errorDetail } from "../error-detail.js";

/**
 * What the response webhook receives per record: where it came from, what was called, what came
 * back. Never the token (the Graph client keeps it out of URLs and errors, and the body is passed
 * through the redactor before it is signed). `record` only with include_record: it may hold
 * personal data. `idempotency_key` lets a receiver dedupe envelopes inside batches too.
 */
export interface WebhookEnvelope {
  readonly stream: string;
  readonly namespace: string | null;
  readonly record_index: number;
  /** The record's line in the sync's input (1-based), and its key (see recordKey). */
  readonly input_line: number;
  readonly record_key: string | null;
  readonly template: string;
  readonly outcome: Outcome["kind"];
  readonly request: { readonly method: string; readonly url: string } | null;
  readonly response: { readonly status: number; readonly body: unknown } | null;
  readonly error?: ErrorDetail;
  /** A succeeded record's warnings (e.g. Flow JSON findings that did not reject it). */
  readonly warnings?: readonly string[];
  /**
   * HTTP requests sent for the record: every attempt of every call, i.e. `calls + retries`
   * (for a one-call record, that call's attempts).
   */
  readonly attempts: number;
  /** Graph calls the record made (create, status read, lookup pages, …), each counted once. */
  readonly calls: number;
  /** Calls sent again by the retry policy (a 5xx, a rate limit, a dropped connection). */
  readonly retries: number;
  readonly idempotency_key: string;
  readonly record?: Readonly<Record<string, unknown>>;
}

export interface EnvelopeInput {
  readonly stream: string;
  readonly namespace: string | undefined;
  readonly recordIndex: number;
  readonly lineNumber: number;
  readonly key?: string | undefined;
  readonly template: string;
  readonly outcome: Outcome;
  readonly calls: { readonly calls: number; readonly retries: number };
  readonly idempotencyKey: string;
  /** Set only when include_record is on. */
  readonly record?: Readonly<Record<string, unknown>>;
}

export function buildEnvelope(input: EnvelopeInput): WebhookEnvelope {
  const { outcome } = input;
  const request = outcome.request ? { method: outcome.request.method, url: outcome.request.url } : null;
  const response = outcome.response ? { status: outcome.response.status, body: outcome.response.body } : null;
  return {
    stream: input.stream,
    namespace: input.namespace ?? null,
    record_index: input.recordIndex,
    input_line: input.lineNumber,
    record_key: input.key ?? null,
    template: input.template,
    outcome: outcome.kind,
    request,
    response,
    ...(outcome.kind === "succeeded" ? {} : { error: errorDetail(outcome.error) }),
    ...(outcome.kind === "succeeded" && outcome.warnings !== undefined ? { warnings: outcome.warnings } : {}),
    attempts: input.calls.calls + input.calls.retries,
    calls: input.calls.calls,
    retries: input.calls.retries,
    idempotency_key: input.idempotencyKey,
    ...(input.record === undefined ? {} : { record: input.record }),
  };
}
