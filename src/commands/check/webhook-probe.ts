import { randomUUID } from "node:crypto";
import type { WebhookTarget } from "../../config/index.js";
import { networkErrorCode } from "../../graph/index.js";
import { deliveryHeaders, parseHeaderList, undiciPoster } from "../../write/response-webhook/index.js";
import { networkReason } from "./network-reason.js";

const PROBE_TIMEOUT_MS = 10_000;

/**
 * check POSTs one signed `connection_check` event to the response webhook, exactly as a delivery
 * would go (user headers, Idempotency-Key, X-Signature-256), so a wrong URL, a missing auth header
 * or a receiver that is down shows up before a sync, not in the middle of one. Receivers can
 * recognise the event by its `type` and ignore it.
 */
export async function probeWebhook(target: WebhookTarget, signal: AbortSignal): Promise<string | undefined> {
  const body = Buffer.from(
    JSON.stringify({
      type: "connection_check",
      connector: "destination-whatsapp-flows",
      sent_at: new Date().toISOString(),
    }),
  );
  const headers = deliveryHeaders(parseHeaderList(target.headers), body, randomUUID(), target.signing_secret);
  const poster = undiciPoster(target.url, 1, PROBE_TIMEOUT_MS);
  const where = new URL(target.url).origin;
  try {
    const status = await poster.post(
      headers,
      body,
      AbortSignal.any([signal, AbortSignal.timeout(PROBE_TIMEOUT_MS)]),
    );
    if (status >= 200 && status < 300) return undefined;
    const fix =
      status === 401 || status === 403
        ? "check the webhook headers (its auth header) and signing secret"
        : status === 404 || status === 405
          ? "check the webhook URL's path: it must accept POST"
          : "check that the receiver is up and accepts JSON POSTs";
    return `The response webhook ${where} answered HTTP ${status} to a test delivery; ${fix}`;
  } catch (error) {
    const code = networkErrorCode(error);
    const timedOut =
      (error as { name?: unknown }).name === "TimeoutError" || code === "UND_ERR_HEADERS_TIMEOUT";
    const reason = timedOut ? `no answer within ${PROBE_TIMEOUT_MS / 1000} s` : networkReason(code);
    return `Cannot reach the response webhook ${where}: ${reason}. Check response_webhook.url and that the receiver is running`;
  } finally {
    await poster.close();
  }
}
