import { ConnectorError, RecordError, SystemError } from "../errors/index.js";
import { CallTally, type Operation, type ResolvedStream } from "../operations/index.js";
import {
  errorToTrace,
  logMessage,
  type NumberedMessage,
  streamKey,
  type UnreadableRecordMessage,
  unknownStreamError,
} from "../protocol/index.js";
import { SyncInterruptedError, UnreadableRecordError } from "./errors/index.js";
import type { PipelineOutput } from "./output.js";
import type { PipelineResult } from "./pipeline.js";
import { countText } from "./progress.js";
import { recordKey } from "./record-key.js";
import { describeRecord } from "./record-report.js";
import { buildRuntimes, type StreamRuntime } from "./stream-runtime.js";

export interface DryRunOptions {
  readonly streams: ReadonlyMap<string, ResolvedStream>;
  readonly operations: ReadonlyMap<string, Operation>;
  readonly output: PipelineOutput;
  readonly signal?: AbortSignal;
}

/**
 * `dry_run: true`: every record is planned and rendered (method, URL, headers with secrets
 * masked, body, and the local validation result) as an INFO line. Nothing is sent to the API or
 * the webhook and no STATE is echoed, so the platform never checkpoints a sync that did nothing.
 */
export async function runDryRun(
  messages: AsyncIterable<NumberedMessage>,
  options: DryRunOptions,
): Promise<PipelineResult> {
  const runtimes = buildRuntimes(options.streams, options.operations);
  const { output } = options;
  let fatal: ConnectorError | undefined;
  try {
    for await (const { lineNumber, message } of messages) {
      if (options.signal?.aborted) throw new SyncInterruptedError();
      if (message.type !== "RECORD" && message.type !== "UNREADABLE_RECORD") continue;
      const { record } = message;
      const runtime = runtimes.get(streamKey(record.stream, record.namespace));
      if (runtime === undefined) throw unknownStreamError(lineNumber, record.stream, record.namespace);
      const unreadable = message.type === "UNREADABLE_RECORD" ? message : undefined;
      const data = message.type === "RECORD" ? message.record.data : undefined;
      output.emit(logMessage("INFO", renderRecord(runtime, data, lineNumber, unreadable)));
      if (output.backlog > 1024) await output.flush();
    }
  } catch (error) {
    fatal =
      error instanceof ConnectorError
        ? error
        : new SystemError(`Unexpected internal error in the dry run: ${String(error)}`, { cause: error });
  }
  for (const { stats, label } of runtimes.values()) {
    if (stats.records === 0) continue;
    output.emit(
      logMessage(
        "INFO",
        `Dry run summary: stream "${label}": ${countText(stats.records, "record", "records")}, ${stats.succeeded} valid, ${stats.rejected} rejected; nothing was sent`,
      ),
    );
  }
  if (fatal) output.emit(errorToTrace(fatal));
  await output.flush();
  return { exitCode: fatal ? 1 : 0, fatal };
}

function renderRecord(
  runtime: StreamRuntime,
  data: Record<string, unknown> | undefined,
  lineNumber: number,
  unreadable: UnreadableRecordMessage | undefined,
): string {
  const { stats, operation, label } = runtime;
  const recordIndex = ++stats.records;
  const key = recordKey(data ?? unreadable?.scalars);
  const where = `Dry run: stream "${label}" ${describeRecord({ recordIndex, lineNumber, key })}`;
  try {
    if (data === undefined)
      throw new UnreadableRecordError(runtime.stream.name, recordIndex, unreadable?.problem ?? "");
    const plan = operation.plan(data, {
      stream: runtime.stream,
      recordIndex,
      lineNumber,
      calls: new CallTally(),
    });
    const { request, headers, body } = operation.describe(plan);
    stats.succeeded++;
    return `${where}: ${request.method} ${request.url} headers=${JSON.stringify(headers)} body=${renderBody(body)} validation=ok`;
  } catch (error) {
    if (!(error instanceof RecordError)) throw error;
    stats.rejected++;
    return `${where}: validation=rejected (${error.code}): ${error.message}`;
  }
}

function renderBody(body: unknown): string {
  if (body === undefined) return "(none)";
  return typeof body === "string" ? JSON.stringify(body) : (JSON.stringify(body) ?? "(none)");
}
