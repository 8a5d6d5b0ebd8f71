import type { Outcome } from "../operations/contract/operation.js";
import type { WebhookWiring } from "./pipeline-options.js";
import type { RecordJob } from "./record-job.js";
import {
  buildEnvelope,
  DEFAULT_WEBHOOK_RETRY,
  type EnvelopePosting,
  recordIdempotencyKey,
  type WebhookEnvelope,
} from "./response-webhook/index.js";

/** How the config's webhook is posted to: by the sink, and for the outbox of earlier syncs. */
export function webhookPosting(wiring: WebhookWiring, redact: (text: string) => string): EnvelopePosting {
  const { target } = wiring;
  return {
    post: wiring.post,
    headers: target.headers,
    signingSecret: target.signing_secret,
    batchSize: target.batch_size,
    retry: { ...DEFAULT_WEBHOOK_RETRY, maxRetries: target.max_retries, ...wiring.retry },
    redact,
  };
}

/** The envelope of one record's outcome. */
export function envelopeOf(job: RecordJob, outcome: Outcome, syncId: string): WebhookEnvelope {
  const { stream } = job.runtime;
  return buildEnvelope({
    stream: stream.name,
    namespace: stream.namespace,
    recordIndex: job.recordIndex,
    lineNumber: job.lineNumber,
    key: job.key,
    template: job.runtime.operation.name,
    outcome,
    calls: job.calls,
    idempotencyKey: recordIdempotencyKey(syncId, stream.key, job.recordIndex),
    ...(job.data === undefined ? {} : { record: job.data }),
  });
}
