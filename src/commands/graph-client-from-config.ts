import type { Config } from "../config/index.js";
import { type ClientEvent, GraphClient } from "../graph/index.js";
import { USER_AGENT } from "../version.js";

/** The one place config fields become Graph client options (check and write share it). */
export function graphClientFromConfig(config: Config, onEvent?: (event: ClientEvent) => void): GraphClient {
  const t = config.throughput;
  return new GraphClient({
    baseUrl: config.base_url,
    apiVersion: config.api_version,
    accessToken: config.access_token,
    userAgent: USER_AGENT,
    requestTimeoutMs: t.request_timeout_seconds * 1000,
    maxConcurrency: t.max_concurrency,
    retry: { maxRetries: t.max_retries, maxRetryWaitMs: t.max_retry_wait_seconds * 1000 },
    pacing: {
      messagesPerSecond: t.messages_per_second,
      ...(t.management_calls_per_hour !== undefined
        ? { managementCallsPerHour: t.management_calls_per_hour }
        : {}),
    },
    ...(onEvent ? { onEvent } : {}),
  });
}
