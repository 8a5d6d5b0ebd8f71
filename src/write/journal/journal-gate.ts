import type { Outcome } from "../../operations/operation.js";
import type { RecordJob } from "../record-job.js";
import type { RecordJournal } from "./record-journal.js";

export interface GateSteps {
  /** Into the keyed queue: the call may leave. */
  readonly call: (key: string, job: RecordJob) => void;
  /** No call: the journal already knows the outcome. */
  readonly settleWithout: (job: RecordJob, outcome: Outcome) => void;
  readonly stopping: () => boolean;
  /** The record leaves the pipeline without a call (the sync stopped while its intent was stored). */
  readonly dropped: () => void;
  readonly failed: (error: unknown) => void;
}

/**
 * Between a planned record and its call: a journaled call waits for its intent to be stored, so
 * no call ever leaves before its intent; a call the journal knows was made goes no further.
 * Intents are batched, so the queue keeps working on earlier records while a batch is stored.
 */
export class JournalGate {
  constructor(
    private readonly journal: RecordJournal,
    private readonly steps: GateSteps,
  ) {}

  dispatch(key: string, job: RecordJob): void {
    const gate = this.journal.beforeCall(job);
    if (gate === undefined) this.steps.call(key, job);
    else if (gate instanceof Promise) gate.then(() => this.afterIntent(key, job), this.steps.failed);
    else this.steps.settleWithout(job, gate);
  }

  private afterIntent(key: string, job: RecordJob): void {
    if (!this.steps.stopping()) {
      this.steps.call(key, job);
      return;
    }
    this.journal.notCalled(job);
    this.steps.dropped();
  }
}
