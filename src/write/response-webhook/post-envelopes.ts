import { deliverWithRetries, type Poster, type RetrySchedule } from "./delivery.js";
import type { WebhookEnvelope } from "./envelope.js";
import { batchIdempotencyKey, deliveryHeaders } from "./signer.js";

/** How envelopes go to the receiver: the same for a sync's own records and the outbox's. */
export interface EnvelopePosting {
  readonly post: Poster;
  /** User headers (already parsed); ours win over them. */
  readonly headers: Readonly<Record<string, string>>;
  readonly signingSecret: string | undefined;
  /** 1: each envelope is POSTed as an object; more: envelopes go as a JSON array of up to this many. */
  readonly batchSize: number;
  readonly retry: RetrySchedule;
  /** Applied to the serialised body before signing: the last guard against a leaked secret. */
  readonly redact: (text: string) => string;
}

/**
 * One delivery of up to batchSize envelopes: redacted, then signed over the exact bytes sent, with
 * an Idempotency-Key derived from the envelopes' own keys (the same however often it is sent).
 */
export async function postEnvelopes(
  posting: EnvelopePosting,
  envelopes: readonly WebhookEnvelope[],
  signal: AbortSignal,
): Promise<void> {
  const payload = posting.batchSize === 1 ? envelopes[0] : envelopes;
  const body = Buffer.from(posting.redact(JSON.stringify(payload)), "utf8");
  const key = batchIdempotencyKey(envelopes.map((e) => e.idempotency_key));
  const headers = deliveryHeaders(posting.headers, body, key, posting.signingSecret);
  await deliverWithRetries(posting.post, headers, body, posting.retry, signal);
}
