import type { ConnectorError } from "../errors/index.js";
import type { WebhookWiring } from "./pipeline-options.js";
import { DEFAULT_WEBHOOK_RETRY, type RetrySchedule, WebhookSink } from "./response-webhook/index.js";

export interface SinkHooks<T> {
  readonly concurrency: number;
  readonly signal: AbortSignal;
  readonly redact: (text: string) => string;
  readonly onDelivered: (tokens: readonly T[]) => void;
  readonly onDropped: (tokens: readonly T[], error: ConnectorError | unknown) => void;
}

/** The response webhook of the config, turned into a sink the pipeline feeds. */
export function createWebhookSink<T>(wiring: WebhookWiring, hooks: SinkHooks<T>): WebhookSink<T> {
  const { target } = wiring;
  const retry: RetrySchedule = {
    ...DEFAULT_WEBHOOK_RETRY,
    maxRetries: target.max_retries,
    ...wiring.retry,
  };
  return new WebhookSink<T>({
    post: wiring.post,
    headers: target.headers,
    signingSecret: target.signing_secret,
    batchSize: target.batch_size,
    concurrency: wiring.concurrency ?? hooks.concurrency,
    lingerMs: wiring.lingerMs ?? 1_000,
    retry,
    redact: hooks.redact,
    signal: hooks.signal,
    onDelivered: hooks.onDelivered,
    onDropped: hooks.onDropped,
  });
}
