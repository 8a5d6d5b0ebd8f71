import type { Classification } from "./classification.js";
import { GraphApiError } from "./errors/graph-api-error.js";
import { parseRetryAfter, readUsage } from "./usage-headers.js";

export interface RetrySettings {
  readonly maxRetries: number;
  /** Total time one request may spend waiting between its attempts. */
  readonly maxRetryWaitMs: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Minimum wait after a spam-rate-limit (131048) answer. */
  readonly pauseDelayMs: number;
  /**
   * Whether a spam-rate-limit answer is waited out and sent again. False when the caller stops
   * the number's sends instead: sending into Meta's spam limit again lowers the number's quality. Default true.
   */
  readonly retryPauses?: boolean;
}

export const DEFAULT_RETRY: RetrySettings = {
  maxRetries: 5,
  maxRetryWaitMs: 300_000,
  baseDelayMs: 500,
  maxDelayMs: 60_000,
  pauseDelayMs: 60_000,
  retryPauses: true,
};

export interface RetryContext {
  /** Attempts made so far (1 after the first failure). */
  readonly attempt: number;
  /** Time already spent waiting between attempts of this request. */
  readonly waitedMs: number;
  readonly settings: RetrySettings;
  readonly random: () => number;
  /** How long the server asked us to wait (Retry-After and the like); 0 when it did not say. */
  readonly serverWaitMs: number;
}

export type RetryDecision =
  | { readonly retry: false; readonly classification: Classification; readonly why: string }
  | { readonly retry: true; readonly classification: Classification; readonly delayMs: number };

/** How long Meta asked us to wait (Retry-After, or BUC estimated_time_to_regain_access). */
export function serverWaitMs(error: unknown, now: number): number {
  if (!(error instanceof GraphApiError)) return 0;
  const retryAfter = parseRetryAfter(error.headers["retry-after"], now) ?? 0;
  const regain = readUsage(error.headers)?.regainAccessMs ?? 0;
  return Math.max(retryAfter, regain);
}

/** Exponential backoff with full jitter: uniform in [0, min(max, base·2^(attempt-1))]. */
export function backoffMs(attempt: number, settings: RetrySettings, random: () => number): number {
  const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(random() * ceiling);
}

/**
 * The one retry policy of every call the connector makes (Graph API and response webhook):
 * whether to send a failed request again, and after how long. What may be retried is the
 * classification's `retryable` (for the Graph: idempotent calls on rate limits, pauses, transient
 * codes and network errors; other calls only when the server certainly did not process them).
 * The server's wait hint overrides the jittered backoff when longer. The budget (retries, total
 * wait) ends it: the caller throws the last error.
 */
export function decideRetry(classification: Classification, ctx: RetryContext): RetryDecision {
  if (!classification.retryable) return { retry: false, classification, why: "not retryable" };
  if (classification.kind === "pause" && ctx.settings.retryPauses === false) {
    return { retry: false, classification, why: "a spam rate limit is not waited out: the caller stops" };
  }
  if (ctx.attempt > ctx.settings.maxRetries) {
    return { retry: false, classification, why: `gave up after ${ctx.attempt} attempts` };
  }
  let delayMs = backoffMs(ctx.attempt, ctx.settings, ctx.random);
  if (classification.kind === "pause") delayMs = Math.max(delayMs, ctx.settings.pauseDelayMs);
  delayMs = Math.max(delayMs, ctx.serverWaitMs);
  if (ctx.waitedMs + delayMs > ctx.settings.maxRetryWaitMs) {
    return {
      retry: false,
      classification,
      why: `the next wait (${delayMs} ms) would exceed the retry budget of ${ctx.settings.maxRetryWaitMs} ms`,
    };
  }
  return { retry: true, classification, delayMs };
}
