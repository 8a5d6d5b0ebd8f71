import type { Outcome } from "../../operations/contract/operation.js";
import { Fifo } from "../fifo.js";
import { defaultMaxPending } from "../pipeline-options.js";
import type { RecordJob } from "../record-job.js";
import type { Shutdown } from "../shutdown.js";
import type { CallGrants } from "./call-grants.js";
import { IntentLead } from "./intent-lead.js";
import type { RecordJournal } from "./record-journal.js";

export interface GateSteps {
  /** max_concurrency: intents are written for at least twice as many calls. */
  readonly concurrency: number;
  /** The send pace when the sync is paced (the fastest sender's messages per second). */
  readonly pacedCallsPerSecond?: number | undefined;
  /**
   * A paced sync's grants, taken before a send's intent is written: the intent is stored only
   * once the pace lets the call leave (see the class comment).
   */
  readonly grants?: CallGrants | undefined;
  readonly now?: () => number;
  readonly shutdown: Pick<Shutdown, "isStopping" | "stopped" | "signal">;
  /** Into the keyed queue: the call may leave. */
  readonly call: (key: string, job: RecordJob) => void;
  /** No call: the journal already knows the outcome. */
  readonly settleWithout: (job: RecordJob, outcome: Outcome) => void;
  /** The pipeline reads no more until records settle: its read-ahead is full, or refilling waits. */
  readonly readerWaiting: () => boolean;
  /** The record leaves the pipeline without a call (the sync stopped first). */
  readonly dropped: () => void;
  readonly failed: (error: unknown) => void;
}

/** A record's wait for its pacing grant ended without one (the sync stopped): no intent is written. */
class GrantWithdrawn extends Error {}

const NO_JOURNAL: RecordJournal = {
  wantsRecords: false,
  journals: () => false,
  beforeCall: () => undefined,
  afterOutcome: () => undefined,
  intentStoreMs: () => 0,
  hurry: () => undefined,
  notCalled: () => undefined,
  close: async () => undefined,
};

/**
 * Between a planned record and its call. A journaled call waits for its intent to be stored, so
 * no call ever leaves before its intent; a call the journal knows was made goes no further.
 *
 * Intents are batched, so they are written ahead of the calls, but only so far ahead (see
 * IntentLead). An intent stored for a call that a crash then keeps from leaving makes that
 * record ambiguous in the next attempt; records held back here have no intent yet and are simply
 * sent by it. Records keep their arrival order through the gate, journaled or not.
 *
 * A paced send first takes its pacing grant (`grants`), then its intent joins the next batch, and
 * the call leaves as soon as the batch is stored: the calls a kill leaves with a stored intent and
 * no request are those of the one batch being stored, not those queued for the pace. Records
 * waiting for their grant have no intent, so the lead only bounds how many wait.
 */
export class JournalGate {
  private readonly waiting = new Fifo<{ readonly key: string; readonly job: RecordJob }>();
  private readonly gated = new Set<RecordJob>();
  /** When each ready call's intent was stored (ms), for the lead's measure of the API's time. */
  private readonly storedAt = new Map<RecordJob, number>();
  private readonly now: () => number;
  /** Gated calls whose intents are stored: queued or running. */
  private ready = 0;
  private readonly lead: IntentLead;
  /** Calls holding a pacing grant taken for them (see GateSteps.grants) until their call is made. */
  private readonly granted = new Set<RecordJob>();
  private readonly grants: CallGrants | undefined;

  private readonly journal: RecordJournal;
  /** No journal (no object storage): every record goes straight to its call. */
  private readonly direct: boolean;

  constructor(
    journal: RecordJournal | undefined,
    private readonly steps: GateSteps,
  ) {
    this.journal = journal ?? NO_JOURNAL;
    this.now = steps.now ?? Date.now;
    this.direct = journal === undefined;
    const journalOf = this.journal;
    const grants = (steps.pacedCallsPerSecond ?? 0) > 0 ? steps.grants : undefined;
    this.grants = grants;
    this.lead = new IntentLead({
      concurrency: steps.concurrency,
      pacedCallsPerSecond: steps.pacedCallsPerSecond,
      lanesPace: grants === undefined ? undefined : () => grants.pace(),
      storeMs: () => journalOf.intentStoreMs(),
      ...(steps.now ? { now: steps.now } : {}),
    });
    void steps.shutdown.stopped.then(() => this.stop());
  }

  /** The record as received, when the journal keeps it (rejects and identities need it). */
  keep(data: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
    return this.journal.wantsRecords ? data : undefined;
  }

  dispatch(key: string, job: RecordJob): void {
    if (this.direct) {
      this.steps.call(key, job);
      return;
    }
    this.waiting.push({ key, job });
    this.release();
    if (this.ready === 0) this.hurryWhenDry(this.heldBack);
  }

  /** The outcome is known: `then` runs once what it leaves in the journal is stored. */
  settle(job: RecordJob, outcome: Outcome, then: () => void): void {
    const stored = this.afterOutcome(job, outcome);
    if (stored === undefined) then();
    else stored.then(then, this.steps.failed);
  }

  /** The outcome is known: hands it to the journal and lets the next held records through. */
  afterOutcome(job: RecordJob, outcome: Outcome): Promise<void> | undefined {
    if (this.gated.delete(job)) {
      // A call that never reached the client (no call counted) left its grant unused.
      if (this.granted.delete(job) && job.calls.calls === 0) this.grants?.giveBack(job.plan);
      this.ready--;
      const stored = this.storedAt.get(job);
      if (stored !== undefined) {
        this.storedAt.delete(job);
        this.lead.callTook(this.now() - stored);
      }
      this.release();
      const heldBack = this.heldBack;
      this.lead.callFinished(this.ready, heldBack);
      this.hurryWhenDry(heldBack);
    }
    return this.journal.afterOutcome(job, outcome);
  }

  /** Queued calls that will never start (the sync stopped): their intents get a "not called". */
  abandon(jobs: readonly RecordJob[]): number {
    for (const job of jobs) {
      if (!this.gated.delete(job)) continue;
      if (this.granted.delete(job)) this.grants?.giveBack(job.plan);
      this.storedAt.delete(job);
      this.ready--;
      this.journal.notCalled(job);
    }
    return jobs.length;
  }

  /** Records held back when the sync stops leave without a call (they have no intent). */
  stop(): void {
    for (let held = this.waiting.length; held > 0; held--) this.steps.dropped();
    this.waiting.drain();
  }

  /**
   * No gated call has its intent stored, and either the lead holds the next records back or the
   * pipeline may read no more until records settle (their outcomes stored): nothing moves until
   * the waiting lines are stored, so they are stored now, not after the batching delay. A source
   * slower than the calls does neither, and its lines still gather for the delay (few PUTs).
   */
  private hurryWhenDry(heldBack: boolean): void {
    // Granted calls wait for the batch their intents are in, which the linger stores in time (the
    // pace, not the store, keeps the reader waiting): storing it early would only spend PUTs.
    if (this.ready > 0 || this.grants !== undefined) return;
    const leadBound = this.gated.size > 0 && heldBack;
    if (!leadBound && !this.steps.readerWaiting()) return;
    // Only a lead too short for the calls grows: a full read-ahead is not the lead's doing.
    if (leadBound) this.lead.ranDry();
    this.journal.hurry();
  }

  /** Records wait at the gate because the lead is used up. */
  private get heldBack(): boolean {
    const head = this.waiting.peek();
    return head !== undefined && this.journal.journals(head.job) && this.gated.size >= this.lead.ahead;
  }

  private release(): void {
    if (this.steps.shutdown.isStopping) {
      this.stop();
      return;
    }
    for (let head = this.waiting.peek(); head !== undefined; head = this.waiting.peek()) {
      const journaled = this.journal.journals(head.job);
      if (journaled && this.gated.size >= this.lead.ahead) return;
      this.waiting.shift();
      this.pass(head.key, head.job);
    }
  }

  private pass(key: string, job: RecordJob): void {
    const gate = this.journal.beforeCall(job, this.grants === undefined ? undefined : () => this.grant(job));
    if (gate === undefined) this.steps.call(key, job);
    else if (!(gate instanceof Promise)) this.steps.settleWithout(job, gate);
    else {
      this.gated.add(job);
      gate.then(
        (settled) => (settled === undefined ? this.afterIntent(key, job) : this.settledFirst(job, settled)),
        (error: unknown) =>
          error instanceof GrantWithdrawn ? this.withdrawn(job) : this.steps.failed(error),
      );
    }
  }

  /** The call's pacing grant, before its intent is written; withdrawn when the sync stops first. */
  private grant(job: RecordJob): Promise<void> | null {
    const taken = this.grants?.take(job.plan, this.steps.shutdown.signal);
    if (taken === undefined) return null;
    if (taken === null) {
      this.granted.add(job);
      return null;
    }
    return taken.then(
      () => void this.granted.add(job),
      () => {
        throw new GrantWithdrawn();
      },
    );
  }

  /** The sync stopped while the record waited for its grant: it leaves with no intent, no call. */
  private withdrawn(job: RecordJob): void {
    this.gated.delete(job);
    this.steps.dropped();
  }

  /** The journal settled the record before any call of this attempt (an earlier one made it). */
  private settledFirst(job: RecordJob, outcome: Outcome): void {
    this.gated.delete(job);
    this.release();
    this.steps.settleWithout(job, outcome);
  }

  private afterIntent(key: string, job: RecordJob): void {
    this.ready++;
    this.lead.intentsStored();
    if (!this.steps.shutdown.isStopping) {
      this.storedAt.set(job, this.now());
      this.steps.call(key, job);
      return;
    }
    this.gated.delete(job);
    if (this.granted.delete(job)) this.grants?.giveBack(job.plan);
    this.ready--;
    this.journal.notCalled(job);
    this.steps.dropped();
  }
}

/** A store's time before any PUT was timed: the ledger's 50 ms linger plus a 100 ms PUT. */
const STORE_ESTIMATE_MS = 150;

/**
 * Records read ahead with a journal: at the sync's pace, the intents of one store ahead of the
 * calls and the outcomes of one store behind them (a record settles once its outcome is stored),
 * twice the connections' calls on each side. Unpaced it is the floor (32 calls a connection):
 * when it is full and no call can run, the gate stores the waiting lines at once, so a fast API
 * waits a PUT for the reader, not a linger. No more: every record held lives through more young
 * collections and is promoted, which is most of what the ledger costs a send in CPU.
 */
export function journalMaxPending(
  concurrency: number,
  webhookBatchSize = 1,
  pacedCallsPerSecond = 0,
): number {
  const oneStore = Math.ceil((pacedCallsPerSecond * STORE_ESTIMATE_MS) / 1000);
  return Math.max(
    2 * (2 * concurrency + oneStore),
    concurrency * 32,
    defaultMaxPending(concurrency, webhookBatchSize),
  );
}
