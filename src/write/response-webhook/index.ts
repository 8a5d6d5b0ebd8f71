export {
  DEFAULT_WEBHOOK_RETRY,
  deliverWithRetries,
  type Poster,
  type RetrySchedule,
  transportPoster,
} from "./delivery.js";
export { buildEnvelope, type WebhookEnvelope } from "./envelope.js";
export { type OutboxDelivery, OutboxDeliveryFailed, WebhookOutbox } from "./outbox.js";
export { type EnvelopePosting, postEnvelopes } from "./post-envelopes.js";
export { deliveryHeaders, recordIdempotencyKey, verifySignature } from "./signer.js";
export { type Undelivered, WebhookSink } from "./webhook-sink.js";
