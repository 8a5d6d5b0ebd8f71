import { type Config, type ConfiguredCatalog, loadCatalog } from "../config/index.js";
import type { GraphClient } from "../graph/index.js";
import {
  loadConfig,
  type Operation,
  prepareOperations,
  type ResolvedStream,
  resolveStreams,
} from "../operations/index.js";
import {
  errorToTrace,
  logMessage,
  MessageWriter,
  Redactor,
  readInputBatches,
  readInputMessages,
} from "../protocol/index.js";
import {
  callGrantsOf,
  journalFor,
  journalMaxPending,
  type PipelineResult,
  type RecordJournal,
  runDryRun,
  runPipeline,
  transportPoster,
  type WebhookOutbox,
  type WebhookWiring,
  WriterOutput,
  webhookOutboxFor,
} from "../write/index.js";
import { compileEndpoints, operationsOfStreams } from "./compile-endpoints.js";
import { graphClientFromConfig, webhookTransportFromConfig } from "./graph-client-from-config.js";
import type { CommandIO, ExitCode } from "./io.js";
import { configuredPace, journaledCallPace, resolveSendPace, type SendPace } from "./send-pace.js";

/**
 * `write`: load and check everything that can be checked before the first record (config,
 * catalog, every configured endpoint compiled, as `check` does), then hand stdin to the pipeline. Any failure before
 * that is a config_error TRACE and exit 1; the pipeline's own exit code follows its outcome.
 */
export async function runWrite(io: CommandIO, configPath: string, catalogPath: string): Promise<ExitCode> {
  const redactor = new Redactor();
  const writer = new MessageWriter(io.stdout, redactor);
  let config: Config;
  let streams: Map<string, ResolvedStream>;
  let client: GraphClient | undefined;
  let operations: Map<string, Operation>;
  let webhook: ReturnType<typeof webhookWiring>;
  let catalog: ConfiguredCatalog;
  let pace: SendPace;
  try {
    config = loadConfig(configPath, (secret) => redactor.add(secret));
    catalog = loadCatalog(catalogPath);
    streams = resolveStreams(config, catalog);
    let notes: string[];
    ({ pace, notes } = config.dry_run
      ? { pace: configuredPace(config), notes: [] }
      : await resolveSendPace(config, () => graphClientFromConfig(config), io.signal));
    for (const note of notes) await writer.write(logMessage("INFO", note));
    client = graphClientFromConfig(config, pace);
    operations = operationsOfStreams(compileEndpoints(config, client), streams, config, client);
    if (!config.dry_run) {
      for (const note of await prepareOperations(operations.values(), io.signal)) {
        await writer.write(logMessage("WARN", note));
      }
    }
    webhook = config.dry_run ? undefined : webhookWiring(config);
    const note = config.dry_run ? undefined : suppressionNote(config, operations.values());
    if (note !== undefined) await writer.write(logMessage("INFO", note));
  } catch (error) {
    await client?.close();
    await writer.write(errorToTrace(error));
    await writer.flush();
    return 1;
  }
  let result: PipelineResult;
  const output = new WriterOutput(writer);
  let journal: RecordJournal | undefined;
  let outbox: WebhookOutbox | undefined;
  try {
    const redact = (text: string): string => redactor.redact(text);
    const sendsMessages = [...operations.values()].some((operation) => operation.effects === "sends_message");
    journal = await journalFor(config, catalog, {
      redact,
      emit: (message) => output.emit(message),
      sendsMessages,
    });
    outbox = await webhookOutboxFor(config, catalog, redact);
  } catch (error) {
    await Promise.all([client.close(), webhook?.close(), journal?.close()]);
    await writer.write(errorToTrace(error));
    await writer.flush();
    return 1;
  }
  const batchSize = config.response_webhook.mode === "webhook" ? config.response_webhook.batch_size : 1;
  const journalPace = journal ? journaledCallPace(pace, operations.values()) : undefined;
  if (config.dry_run) {
    result = await runDryRun(readInputMessages(io.stdin), { streams, operations, output, signal: io.signal });
  } else {
    try {
      result = await runPipeline(readInputBatches(io.stdin), {
        streams,
        operations,
        output,
        maxConcurrency: config.throughput.max_concurrency,
        policy: { onRecordError: config.on_record_error, maxRejectedRecords: config.max_rejected_records },
        signal: io.signal,
        clientTotals: () => client.stats(),
        redact: (text) => redactor.redact(text),
        ...(webhook ? { webhook: webhook.wiring } : {}),
        ...(outbox ? { outbox } : {}),
        ...(journal
          ? {
              journal,
              maxPending: journalMaxPending(config.throughput.max_concurrency, batchSize, journalPace),
              pacedCallsPerSecond: journalPace,
              callGrants: callGrantsOf(client),
            }
          : {}),
      });
    } finally {
      await Promise.all([webhook?.close(), journal?.close(), outbox?.close()]);
    }
  }
  await client.close();
  // A sync that stopped early may leave stdin open (SIGTERM while the platform still writes):
  // release it so the process can exit.
  if (result.fatal) io.stdin.destroy();
  return result.exitCode;
}

/**
 * Recipients who opted out or reached a marketing limit are remembered in the bucket: a sync that
 * sends messages without object storage says once that it does not keep them, rather than seem to.
 */
function suppressionNote(config: Config, operations: Iterable<Operation>): string | undefined {
  if (config.object_storage_config.storage_type === "S3") return undefined;
  for (const operation of operations) {
    if (operation.effects === "sends_message") {
      return "Without object storage, recipients who answered 131050 (opted out of marketing), 131049 or 130472 are not remembered across syncs (guardrails): each sync sends to them again and Meta refuses each send; configure object_storage_config (S3) to keep them";
    }
  }
  return undefined;
}

function webhookWiring(config: Config): { wiring: WebhookWiring; close(): Promise<void> } | undefined {
  const target = config.response_webhook;
  if (target.mode !== "webhook") return undefined;
  const transport = webhookTransportFromConfig(config, config.throughput.max_concurrency);
  return {
    wiring: {
      target,
      post: transportPoster(target.url, transport),
      retry: { maxRetryWaitMs: config.throughput.max_retry_wait_seconds * 1000 },
    },
    close: () => transport.close(),
  };
}
