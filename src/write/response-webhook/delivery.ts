import { setTimeout as delay } from "node:timers/promises";
import { ConfigError } from "../../errors/index.js";
import {
  type Classification,
  classificationOf,
  classify,
  DEFAULT_RETRY,
  decideRetry,
  RequestTimeoutError,
  ResponseTooLargeError,
  type Transport,
  toNetworkError,
} from "../../graph/index.js";
import { WebhookDeliveryError } from "../errors/webhook-delivery-error.js";
import { WebhookRejectedError } from "../errors/webhook-rejected-error.js";

/** One POST of a prepared body; resolves with the HTTP status, rejects on a network failure. */
export type Poster = (
  headers: Record<string, string>,
  body: Uint8Array,
  signal: AbortSignal,
) => Promise<number>;

export interface RetrySchedule {
  readonly maxRetries: number;
  /** Total time one delivery may spend waiting between its attempts. */
  readonly maxRetryWaitMs: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly random: () => number;
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
}

export const DEFAULT_WEBHOOK_RETRY: Omit<RetrySchedule, "maxRetries"> = {
  maxRetryWaitMs: DEFAULT_RETRY.maxRetryWaitMs,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  random: Math.random,
  sleep: (ms, signal) => delay(ms, undefined, { signal }),
};

/** Answers worth retrying: the receiver is busy or broken for now. Other 4xx are our config's fault. */
function statusClassification(status: number): Classification | undefined {
  if (status === 429) return { kind: "rate_limit", retryable: true, reason: "HTTP 429" };
  if (status === 408 || status === 425 || status >= 500) {
    return { kind: "transient", retryable: true, reason: `HTTP ${status}` };
  }
  return undefined;
}

/** What went wrong, for the message once the retries run out. */
function problemOf(error: unknown): string {
  if (error instanceof RequestTimeoutError) return `no complete answer within ${error.timeoutMs} ms`;
  if (error instanceof ResponseTooLargeError) return `an answer over ${error.limitBytes} bytes`;
  const code =
    (error as { causeCode?: unknown; code?: unknown }).causeCode ?? (error as { code?: unknown }).code;
  return typeof code === "string" ? code : "network error";
}

/**
 * Delivers one body under the connector's one retry policy (the Graph client's: exponential
 * backoff with full jitter, a retry count and a wait budget). A delivery is idempotent for the
 * receiver (its Idempotency-Key), so network failures and 408, 425, 429 and 5xx answers are
 * retried. Resolves with the attempts once a 2xx arrives; rejects with WebhookRejectedError
 * (config) on another 4xx, a config error when the address was refused, WebhookDeliveryError
 * (transient) when the retries run out, or the abort reason.
 */
export async function deliverWithRetries(
  post: Poster,
  headers: Record<string, string>,
  body: Uint8Array,
  retry: RetrySchedule,
  signal: AbortSignal,
): Promise<number> {
  const settings = { ...retry, pauseDelayMs: 0 };
  let attempt = 0;
  let waitedMs = 0;
  for (;;) {
    attempt++;
    let classification: Classification;
    let problem: string;
    try {
      const status = await post(headers, body, signal);
      if (status >= 200 && status < 300) return attempt;
      const retryable = statusClassification(status);
      if (retryable === undefined) throw new WebhookRejectedError(status);
      classification = retryable;
      problem = `HTTP ${status}`;
    } catch (error) {
      if (error instanceof ConfigError || signal.aborted) throw error;
      classification = classificationOf(error);
      if (!classification.retryable) throw error;
      problem = problemOf(error);
    }
    const decision = decideRetry(classification, {
      attempt,
      waitedMs,
      settings,
      random: retry.random,
      serverWaitMs: 0,
    });
    if (!decision.retry) throw new WebhookDeliveryError(attempt, problem);
    await retry.sleep(decision.delayMs, signal);
    waitedMs += decision.delayMs;
  }
}

/**
 * The production poster: the webhook's origin through the connector's one HTTP path (the same
 * Transport as the Graph client: address guard, deadline, size cap). Failures are classified
 * as the client classifies them, for an idempotent call.
 */
export function transportPoster(url: string, transport: Transport): Poster {
  const target = new URL(url);
  const path = `${target.pathname}${target.search}`;
  // Reported without the query: it may carry the receiver's own token.
  const reported = `${target.origin}${target.pathname}`;
  return async (headers, body, signal) => {
    try {
      const response = await transport.send({
        origin: target.origin,
        method: "POST",
        path,
        headers,
        body,
        signal,
      });
      return response.status;
    } catch (cause) {
      const failure = toNetworkError(cause, {
        method: "POST",
        url: reported,
        requestTimeoutMs: transport.requestTimeoutMs,
        connectTimeoutMs: transport.connectTimeoutMs,
      });
      throw classify(failure, true);
    }
  };
}
