import type { RecordTicket } from "./checkpoints/index.js";
import type { StreamRuntime } from "./stream-runtime.js";

/** One record between read and settled. */
export interface RecordJob {
  readonly runtime: StreamRuntime;
  readonly plan: unknown;
  readonly recordIndex: number;
  readonly lineNumber: number;
  readonly ticket: RecordTicket;
  /** Kept only when the webhook envelope carries the record (include_record). */
  readonly data: Record<string, unknown> | undefined;
  rejected: boolean;
}

export function recordJob(
  runtime: StreamRuntime,
  plan: unknown,
  position: { readonly recordIndex: number; readonly lineNumber: number; readonly ticket: RecordTicket },
  data: Record<string, unknown> | undefined,
): RecordJob {
  return { runtime, plan, ...position, data, rejected: false };
}
