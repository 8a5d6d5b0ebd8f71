import { randomUUID } from "node:crypto";
import type { Config, WebhookTarget } from "../../config/index.js";
import { ConnectorError } from "../../errors/index.js";
import { NetworkError, RequestTimeoutError } from "../../graph/index.js";
import { deliveryHeaders, transportPoster } from "../../write/response-webhook/index.js";
import { webhookTransportFromConfig } from "../graph-client-from-config.js";
import { networkReason } from "./network-reason.js";

const PROBE_TIMEOUT_MS = 10_000;

/**
 * check POSTs one signed `connection_check` event to the response webhook, exactly as a delivery
 * would go (user headers, Idempotency-Key, X-Signature-256), so a wrong URL, a missing auth header
 * or a receiver that is down shows up before a sync, not in the middle of one. Receivers can
 * recognise the event by its `type` and ignore it.
 */
export async function probeWebhook(
  config: Config,
  target: WebhookTarget,
  signal: AbortSignal,
): Promise<string | undefined> {
  const body = Buffer.from(
    JSON.stringify({
      type: "connection_check",
      connector: "destination-whatsapp-flows",
      sent_at: new Date().toISOString(),
    }),
  );
  const headers = deliveryHeaders(target.headers, body, randomUUID(), target.signing_secret);
  const timeoutMs = Math.min(config.throughput.request_timeout_seconds * 1000, PROBE_TIMEOUT_MS);
  const transport = webhookTransportFromConfig(config, 1, timeoutMs);
  const where = new URL(target.url).origin;
  try {
    const status = await transportPoster(target.url, transport)(headers, body, signal);
    if (status >= 200 && status < 300) return undefined;
    const fix =
      status === 401 || status === 403
        ? "check the webhook headers (its auth header) and signing secret"
        : status === 404 || status === 405
          ? "check the webhook URL's path: it must accept POST"
          : "check that the receiver is up and accepts JSON POSTs";
    return `The response webhook ${where} answered HTTP ${status} to a test delivery; ${fix}`;
  } catch (error) {
    if (error instanceof RequestTimeoutError && error.phase !== "connect") {
      return `Cannot reach the response webhook ${where}: no complete answer within ${timeoutMs / 1000} s. Check response_webhook.url and that the receiver is running`;
    }
    if (error instanceof NetworkError) {
      return `Cannot reach the response webhook ${where}: ${networkReason(error.causeCode ?? error.code)}. Check response_webhook.url and that the receiver is running`;
    }
    if (error instanceof ConnectorError)
      return `The response webhook ${where} cannot be used: ${error.message}`;
    throw error;
  } finally {
    await transport.close();
  }
}
