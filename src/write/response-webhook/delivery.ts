import { setTimeout as delay } from "node:timers/promises";
import { Pool } from "undici";
import type { ConnectorError } from "../../errors/index.js";
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
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly random: () => number;
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
}

export const DEFAULT_WEBHOOK_RETRY: Omit<RetrySchedule, "maxRetries"> = {
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  random: Math.random,
  sleep: (ms, signal) => delay(ms, undefined, { signal }),
};

/** Answers worth retrying: the receiver is busy or broken for now. Other 4xx are our config's fault. */
function retryableStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}

/**
 * Delivers one body: retried with exponential backoff and full jitter on network errors, 408,
 * 425, 429 and 5xx. Resolves once a 2xx arrives; rejects with WebhookRejectedError (config) on
 * another 4xx, WebhookDeliveryError (transient) when the retries run out, or the abort reason.
 */
export async function deliverWithRetries(
  post: Poster,
  headers: Record<string, string>,
  body: Uint8Array,
  retry: RetrySchedule,
  signal: AbortSignal,
): Promise<number> {
  let attempt = 0;
  for (;;) {
    attempt++;
    let problem: string;
    try {
      const status = await post(headers, body, signal);
      if (status >= 200 && status < 300) return attempt;
      if (!retryableStatus(status)) throw new WebhookRejectedError(status);
      problem = `HTTP ${status}`;
    } catch (error) {
      if (error instanceof WebhookRejectedError || signal.aborted) throw error;
      problem = (error as { code?: unknown }).code
        ? String((error as { code: unknown }).code)
        : "network error";
    }
    if (attempt > retry.maxRetries) throw new WebhookDeliveryError(attempt, problem) as ConnectorError;
    const ceiling = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));
    await retry.sleep(Math.round(ceiling / 2 + (retry.random() * ceiling) / 2), signal);
  }
}

/** The production poster: an undici Pool on the webhook's origin (keep-alive, bounded connections). */
export function undiciPoster(
  url: string,
  connections: number,
  timeoutMs: number,
): { post: Poster; close(): Promise<void> } {
  const target = new URL(url);
  const pool = new Pool(target.origin, {
    connections,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    connectTimeout: Math.min(timeoutMs, 10_000),
  });
  const path = `${target.pathname}${target.search}`;
  return {
    async post(headers, body, signal) {
      const response = await pool.request({ method: "POST", path, headers, body, signal });
      await response.body.dump();
      return response.statusCode;
    },
    close: () => pool.close(),
  };
}
