import type { Config } from "../config/index.js";
import { ConnectorError } from "../errors/index.js";
import { loadConfig } from "../operations/index.js";
import { connectionStatusMessage, MessageWriter, Redactor } from "../protocol/index.js";
import { describeSenders, probeGraph } from "./check/graph-probe.js";
import { probeObjectStorage } from "./check/object-storage-probe.js";
import { probeStreamTargets } from "./check/stream-targets-probe.js";
import { probeWebhook } from "./check/webhook-probe.js";
import { compileEndpoints } from "./compile-endpoints.js";
import { graphClientFromConfig } from "./graph-client-from-config.js";
import type { CommandIO, ExitCode } from "./io.js";

/**
 * `check` answers exactly one CONNECTION_STATUS. A bad config or an unreachable/refusing API is
 * FAILED with what to fix, and exit 0: that is an answer, not a crash. Only a bug of ours escapes
 * (main turns it into a TRACE and a non-zero exit). Before any call, every configured endpoint is
 * compiled by the function `write` uses, so a config write would refuse is FAILED here with
 * write's own words; after the token and the WABA, the templates and Flows the streams fix are
 * looked up as write looks them up.
 */
export async function runCheck(io: CommandIO, configPath: string): Promise<ExitCode> {
  const redactor = new Redactor();
  const writer = new MessageWriter(io.stdout, redactor);
  let config: Config;
  try {
    config = loadConfig(configPath, (secret) => redactor.add(secret));
  } catch (error) {
    if (!(error instanceof ConnectorError)) throw error;
    await writer.write(connectionStatusMessage("FAILED", error.message));
    await writer.flush();
    return 0;
  }
  const outcome = await checkConnectionOf(config, io.signal);
  await writer.write(
    outcome.failure
      ? connectionStatusMessage("FAILED", outcome.failure)
      : connectionStatusMessage("SUCCEEDED", outcome.summary),
  );
  await writer.flush();
  return 0;
}

/** check must answer promptly: a short timeout and a single retry, whatever the sync settings. */
async function checkConnectionOf(
  config: Config,
  signal: AbortSignal,
): Promise<{ failure?: string; summary?: string }> {
  const probeConfig: Config = {
    ...config,
    throughput: {
      ...config.throughput,
      request_timeout_seconds: Math.min(config.throughput.request_timeout_seconds, 15),
      max_retries: Math.min(config.throughput.max_retries, 1),
      max_retry_wait_seconds: Math.min(config.throughput.max_retry_wait_seconds, 5),
    },
  };
  const client = graphClientFromConfig(probeConfig);
  let summary: string | undefined;
  try {
    try {
      compileEndpoints(config, client);
    } catch (error) {
      if (error instanceof ConnectorError) return { failure: error.message };
      throw error;
    }
    const graphProblem =
      (await probeGraph(probeConfig, client, signal)) ??
      (await probeStreamTargets(probeConfig, client, signal));
    if (graphProblem) return { failure: graphProblem };
    summary = await describeSenders(probeConfig, client, signal);
  } finally {
    await client.close();
  }
  const webhook = config.response_webhook;
  const failure =
    (webhook.mode === "webhook" ? await probeWebhook(config, webhook, signal) : undefined) ??
    (await probeObjectStorage(
      config.object_storage_config,
      probeConfig.throughput.request_timeout_seconds * 1000,
    ));
  return failure ? { failure } : summary ? { summary } : {};
}
