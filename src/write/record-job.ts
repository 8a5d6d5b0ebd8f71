import { CallTally } from "../operations/index.js";
import type { RecordMessage, UnreadableRecordMessage } from "../protocol/index.js";
import type { RecordTicket } from "./checkpoints/index.js";
import { recordKey } from "./record-key.js";
import type { StreamRuntime } from "./stream-runtime.js";

/** Where a record sits in the input and how a user finds it in their source. */
export interface RecordPosition {
  readonly recordIndex: number;
  readonly lineNumber: number;
  /** See recordKey: masked recipient, flow id or name; undefined when the record has none. */
  readonly key: string | undefined;
}

/** One record between read and settled. */
export interface RecordJob extends RecordPosition {
  readonly runtime: StreamRuntime;
  /** Set once the record is planned; undefined for a record rejected before its plan. */
  plan: unknown;
  readonly ticket: RecordTicket;
  /** The record's Graph calls and retries (the same tally its plan's context carries). */
  readonly calls: CallTally;
  /** Kept only when the webhook envelope carries the record (include_record). */
  readonly data: Record<string, unknown> | undefined;
  rejected: boolean;
  /** The record as received, kept only with object storage (its rejects and the ledger use it). */
  received?: Record<string, unknown>;
  /** The record's ledger identity once its intent is written (a journaled call). */
  ledgerId?: string;
  /** When the record's call was first tried (epoch ms), by this attempt or, per the ledger, an earlier one. */
  firstTry?: number;
}

/** What the pipeline keeps of a record as it is read. */
export interface Keeping {
  /** The record as received when the journal needs it (object storage), else undefined. */
  readonly keep: (data: Record<string, unknown> | undefined) => Record<string, unknown> | undefined;
  /** The webhook envelope carries the record (include_record). */
  readonly includeRecord: boolean;
}

/**
 * The job of a record just read, not yet planned. An unreadable line has no data: its top-level
 * scalars, when it had any, still name it. Built field by field, not spread: one per record.
 */
export function admittedJob(
  runtime: StreamRuntime,
  message: RecordMessage | UnreadableRecordMessage,
  at: { readonly recordIndex: number; readonly lineNumber: number; readonly ticket: RecordTicket },
  keeping: Keeping,
): RecordJob {
  const data = message.type === "RECORD" ? message.record.data : undefined;
  const kept = data ?? (message.type === "UNREADABLE_RECORD" ? message.scalars : undefined);
  const job: RecordJob = {
    runtime,
    plan: undefined,
    recordIndex: at.recordIndex,
    lineNumber: at.lineNumber,
    key: recordKey(kept),
    ticket: at.ticket,
    calls: new CallTally(),
    data: keeping.includeRecord ? data : undefined,
    rejected: false,
  };
  const received = keeping.keep(kept);
  if (received !== undefined) job.received = received;
  return job;
}
