import type { Config } from "../config/index.js";
import { type AddressPolicy, GraphClient, Transport } from "../graph/index.js";
import { USER_AGENT } from "../version.js";
import { configuredPace, type SendPace } from "./send-pace.js";

/**
 * The endpoints the user configured, whose hosts may be internal (the emulator, a receiver on the
 * same network); every other host must resolve to public addresses. s3_endpoint joins them when
 * an S3 client is added.
 */
function addressPolicyOf(config: Config): AddressPolicy {
  const webhook = config.response_webhook;
  const trustedEndpoints = [config.base_url, ...(webhook.mode === "webhook" ? [webhook.url] : [])];
  return { trustedEndpoints };
}

/** The one place config fields become Graph client options (check and write share it). */
export function graphClientFromConfig(config: Config, pace: SendPace = configuredPace(config)): GraphClient {
  const t = config.throughput;
  return new GraphClient({
    baseUrl: config.base_url,
    apiVersion: config.api_version,
    accessToken: config.access_token,
    userAgent: USER_AGENT,
    requestTimeoutMs: t.request_timeout_seconds * 1000,
    maxConcurrency: t.max_concurrency,
    retry: {
      maxRetries: t.max_retries,
      maxRetryWaitMs: t.max_retry_wait_seconds * 1000,
      // With the spam limit guard the operation stops the number's sends (never sent again).
      retryPauses: config.guardrails.spam_limit_guard === "off",
    },
    pacing: {
      messagesPerSecond: pace.messagesPerSecond,
      ...(pace.sendRates !== undefined ? { sendRates: pace.sendRates } : {}),
      ...(t.management_calls_per_hour !== undefined
        ? { managementCallsPerHour: t.management_calls_per_hour }
        : {}),
    },
    addresses: addressPolicyOf(config),
  });
}

/**
 * The response webhook's side of the one HTTP path: the same Transport as the Graph client, under
 * the same request timeout (one deadline for the whole call) and address policy.
 */
export function webhookTransportFromConfig(
  config: Config,
  connections: number,
  timeoutMs?: number,
): Transport {
  const requestTimeoutMs = timeoutMs ?? config.throughput.request_timeout_seconds * 1000;
  return new Transport({
    connections,
    requestTimeoutMs,
    connectTimeoutMs: Math.min(requestTimeoutMs, 10_000),
    addresses: addressPolicyOf(config),
  });
}
