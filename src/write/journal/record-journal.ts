import type { Outcome } from "../../operations/contract/operation.js";
import type { RecordJob } from "../record-job.js";

/**
 * What must be durable around a record's call, for the pipeline to ask without knowing where it
 * goes: before the call, `beforeCall` answers
 * - undefined: call now (nothing to journal);
 * - a promise: call once it resolves with undefined (the intent is stored); not at all when it
 *   resolves with an outcome (a lookup found what an earlier attempt's call did); if it rejects,
 *   never call;
 * - an outcome: do not call at all (an earlier attempt already made this call).
 * After the outcome, `afterOutcome` resolves once what the outcome leaves behind (the reject line,
 * the ledger's outcome) is stored; the record settles, and its STATE may go out, only then.
 */
export interface RecordJournal {
  /** Object storage keeps the records as received (rejects, identity): the pipeline hands them over. */
  readonly wantsRecords: boolean;
  /** The record's call is one the journal writes an intent for (a call a repeat would harm). */
  journals(job: RecordJob): boolean;
  /**
   * `granted`, when given, waits for the call's pacing grant (null: granted now): the intent is
   * written only once it came, so a stored intent is one the pace already lets leave.
   */
  beforeCall(
    job: RecordJob,
    granted?: () => Promise<void> | null,
  ): Promise<Outcome | undefined> | Outcome | undefined;
  afterOutcome(job: RecordJob, outcome: Outcome): Promise<void> | undefined;
  /** How long an intent may now take to be stored (batching plus one write), in ms: the lead covers it. */
  intentStoreMs(): number;
  /**
   * No call can run until the intents written so far are stored: store them now rather than after
   * the batching delay (it would only idle the connections; no other line is coming).
   */
  hurry(): void;
  /** The call of a record whose intent was stored will not be made (the sync stopped first). */
  notCalled(job: RecordJob): void;
  /** Writes what is still waiting; resolves once stored or failed. */
  close(): Promise<void>;
}
