import { type ConnectorError, RecordError } from "../errors/index.js";
import type { Outcome } from "../operations/index.js";
import { FirstRecordsGuard, type GuardedOutcome } from "./first-records-guard.js";
import type { JournalGate } from "./journal/journal-gate.js";
import type { OutcomePolicy } from "./outcome-policy.js";
import type { RecordJob } from "./record-job.js";

/** A record with its outcome, on its way to being settled. */
export interface Settling {
  readonly job: RecordJob;
  readonly outcome: Outcome;
}

export interface OutcomeSettlementHooks {
  readonly gate: JournalGate;
  readonly policy: OutcomePolicy;
  /** Hands a stored outcome on (the webhook); the record settles from there. */
  readonly forward: (job: RecordJob, outcome: Outcome) => void;
  /** Stops the sync (the first error wins). */
  readonly fail: (error: ConnectorError) => void;
  /** `count` records leave the pipeline unsettled. */
  readonly leave: (count: number) => void;
  /** Whether the sync has already stopped, for any reason. */
  readonly stopped: () => boolean;
  /** Whether the input has ended (no record can join a stream any more). */
  readonly inputEnded: () => boolean;
  /** Records read and not yet left the pipeline, held ones included. */
  readonly admitted: () => number;
}

/**
 * What a record's final outcome leads to. The outcome policy (`on_record_error`,
 * `max_rejected_records`) and the first-records guard decide whether the record settles now
 * (stored, forwarded, then its STATE may pass), waits unsettled for its stream's verdict, or stops
 * the sync unsettled together with the records held before it. Records left unsettled keep every
 * STATE after them back, so the next sync sees them again once the config is fixed.
 */
export class OutcomeSettlement {
  private readonly guard = new FirstRecordsGuard<Settling>();

  constructor(private readonly hooks: OutcomeSettlementHooks) {}

  /** Records held for their stream's verdict. */
  get heldCount(): number {
    return this.guard.heldCount;
  }

  accept(job: RecordJob, outcome: Outcome): void {
    if (outcome.kind !== "succeeded") {
      job.rejected = outcome.kind === "rejected";
      const fatal = job.rejected
        ? this.hooks.policy.onRejected(job.runtime.label, job.recordIndex, outcome.error)
        : undefined;
      if (fatal !== undefined) {
        this.stopUnsettled(fatal, [{ job, outcome }]);
        return;
      }
    }
    if (!this.hooks.stopped()) {
      const label = job.runtime.label;
      const step = this.guard.observe(label, job.recordIndex, guardedOf(outcome), { job, outcome });
      if (step.kind === "hold") {
        // A record held once the input has ended may be the last one the sync waits for.
        this.stopWhenOnlyHeld();
        return;
      }
      if (step.kind === "stop") {
        this.stopUnsettled(step.error, [...step.held, { job, outcome }]);
        return;
      }
      if (step.kind === "release") for (const held of step.held) this.settle(held);
    }
    this.settle({ job, outcome });
  }

  /**
   * Once the input has ended and only held records are left, no outcome can clear their streams
   * any more: each of those streams ended with every record rejected for one configuration-level
   * cause, having sent nothing, so the sync stops as it does at the rule's full count.
   */
  stopWhenOnlyHeld(): void {
    const held = this.guard.heldCount;
    if (!this.hooks.inputEnded() || held === 0 || this.hooks.admitted() > held) return;
    const stop = this.guard.stopAtEnd();
    if (stop !== undefined) this.stopUnsettled(stop.error, stop.held);
  }

  /**
   * The sync stops for another reason: held records wait for a verdict that will not come, so
   * they stay unsettled (stored, not forwarded). Returns how many left.
   */
  abandonHeld(): number {
    const held = this.guard.takeHeld();
    this.store(held);
    return held.length;
  }

  /** Stored (object storage), forwarded (webhook), then settled. */
  private settle({ job, outcome }: Settling): void {
    this.hooks.gate.settle(job, outcome, () => this.hooks.forward(job, outcome));
  }

  /**
   * Records whose outcomes stop the sync stay unsettled, so no STATE after them goes out and the
   * next sync sees them again: their outcomes are stored (by the journal's close), not forwarded.
   */
  private stopUnsettled(error: ConnectorError, records: readonly Settling[]): void {
    this.store(records);
    this.hooks.fail(error);
    this.hooks.leave(records.length);
  }

  private store(records: readonly Settling[]): void {
    for (const { job, outcome } of records)
      this.hooks.gate.afterOutcome(job, outcome)?.catch(() => undefined);
  }
}

const SUCCEEDED: GuardedOutcome = { kind: "succeeded" };
const AMBIGUOUS: GuardedOutcome = { kind: "ambiguous" };

/** What the first-records guard reads of an outcome: a rejection's configuration-level cause. */
function guardedOf(outcome: Outcome): GuardedOutcome {
  if (outcome.kind !== "rejected") return outcome.kind === "succeeded" ? SUCCEEDED : AMBIGUOUS;
  const cause = outcome.error instanceof RecordError ? outcome.error.configCause : undefined;
  return { kind: "rejected", cause };
}
