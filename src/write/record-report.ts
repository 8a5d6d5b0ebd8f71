import type { AmbiguousOutcome, Outcome, RejectedOutcome, SucceededOutcome } from "../operations/index.js";
import { type LogLevel, logMessage, type OutputMessage } from "../protocol/index.js";
import { errorDetail } from "./error-detail.js";
import type { RecordJob } from "./record-job.js";

export interface ReportedRecord {
  /** Stream label: "name" or "namespace.name". */
  readonly stream: string;
  /** The stream's bare name, as operations name it in their messages. */
  readonly streamName: string;
  readonly recordIndex: number;
  readonly lineNumber: number;
  readonly key?: string | undefined;
}

/** `record 3 (input line 7, to=…4567 flow_id=123)`: how every per-record line names its record. */
export function describeRecord(record: Omit<ReportedRecord, "stream" | "streamName">): string {
  const key = record.key === undefined ? "" : `, ${record.key}`;
  return `record ${record.recordIndex} (input line ${record.lineNumber}${key})`;
}

/**
 * One WARN line per rejected or ambiguous record: stream, record index, input line, key and the error
 * (Graph code, subcode, fbtrace_id when there is one). Never the record's content: records hold
 * phone numbers and message text.
 */
export function recordReport(
  record: ReportedRecord,
  outcome: RejectedOutcome | AmbiguousOutcome,
  calls: { readonly calls: number; readonly retries: number },
): OutputMessage {
  const detail = errorDetail(outcome.error);
  const parts: string[] = [];
  if (outcome.response !== undefined) parts.push(`HTTP ${outcome.response.status}`);
  if (detail.graph !== undefined) {
    const { code, subcode, fbtrace_id: trace } = detail.graph;
    if (code !== null) parts.push(`Graph error ${code}${subcode === null ? "" : `/${subcode}`}`);
    if (trace !== null) parts.push(`fbtrace_id=${trace}`);
  }
  parts.push(`code=${detail.code}`);
  if (calls.calls > 1) parts.push(`calls=${calls.calls}`);
  if (calls.retries > 0) parts.push(`retries=${calls.retries}`);
  const what =
    outcome.kind === "rejected"
      ? "was rejected"
      : "may or may not have been delivered (ambiguous failure); it was NOT sent again";
  const level: LogLevel = "WARN";
  // Record-level errors name their record themselves (they may end a sync as a TRACE); the report
  // already leads with it, so the repeat is dropped.
  const repeat = `stream "${record.streamName}" record ${record.recordIndex}: `;
  const message = detail.message.startsWith(repeat) ? detail.message.slice(repeat.length) : detail.message;
  return logMessage(
    level,
    `Stream "${record.stream}" ${describeRecord(record)} ${what} [${parts.join(", ")}]: ${message}`,
  );
}

/** One INFO line for a record whose success says what it did (deploy_flow: created, uploaded, …). */
export function recordNote(record: ReportedRecord, outcome: SucceededOutcome): OutputMessage | undefined {
  if (outcome.note === undefined) return undefined;
  return logMessage("INFO", `Stream "${record.stream}" ${describeRecord(record)} succeeded: ${outcome.note}`);
}

/** One WARN line for a record that succeeded with warnings (e.g. Flow JSON Meta accepts but we doubt). */
export function recordWarnings(record: ReportedRecord, outcome: SucceededOutcome): OutputMessage | undefined {
  const warnings = outcome.warnings ?? [];
  if (warnings.length === 0) return undefined;
  return logMessage(
    "WARN",
    `Stream "${record.stream}" ${describeRecord(record)} succeeded with ${warnings.length} warning(s): ${warnings.join("; ")}`,
  );
}

function reportedOf(job: RecordJob): ReportedRecord {
  const { runtime, recordIndex, lineNumber, key } = job;
  return { stream: runtime.label, streamName: runtime.stream.name, recordIndex, lineNumber, key };
}

/**
 * The log lines a record's outcome adds: the WARN report of a reject or an ambiguous failure, or
 * a success's note and warnings. A plain success adds none and costs no allocation here.
 */
export function reportOutcome(
  job: RecordJob,
  outcome: Outcome,
  emit: (message: OutputMessage) => void,
): void {
  if (outcome.kind !== "succeeded") {
    emit(recordReport(reportedOf(job), outcome, job.calls));
    return;
  }
  if (outcome.note === undefined && (outcome.warnings === undefined || outcome.warnings.length === 0)) return;
  const record = reportedOf(job);
  const noted = recordNote(record, outcome);
  if (noted !== undefined) emit(noted);
  const warned = recordWarnings(record, outcome);
  if (warned !== undefined) emit(warned);
}
