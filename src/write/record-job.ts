import type { CallTally } from "../operations/index.js";
import type { RecordTicket } from "./checkpoints/index.js";
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
  readonly plan: unknown;
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
}

export function recordJob(
  runtime: StreamRuntime,
  plan: unknown,
  position: RecordPosition & {
    readonly ticket: RecordTicket;
    readonly calls: CallTally;
    readonly received?: Record<string, unknown> | undefined;
  },
  data: Record<string, unknown> | undefined,
): RecordJob {
  const { received, ...rest } = position;
  const job: RecordJob = { runtime, plan, ...rest, data, rejected: false };
  if (received !== undefined) job.received = received;
  return job;
}
