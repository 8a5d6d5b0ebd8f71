export {
  DEFAULT_WEBHOOK_RETRY,
  deliverWithRetries,
  type Poster,
  type RetrySchedule,
  transportPoster,
} from "./delivery.js";
export { buildEnvelope, type WebhookEnvelope } from "./envelope.js";
export { deliveryHeaders, recordIdempotencyKey, verifySignature } from "./signer.js";
export { WebhookSink } from "./webhook-sink.js";
