/** Most journaled calls that may have intents and no known outcome, whatever the rate. */
export const MAX_AHEAD = 1_024;

/** How many recent calls the API's time is taken from. */
const RECENT_CALLS = 32;

/** Calls a paced lead holds beyond one store's worth at the pace: jitter of the store and the calls. */
export const PACED_MARGIN = 2;

/**
 * A paced lane saves up this long's grants while it has nothing to send (the pacer's bucket) and
 * spends them once the intents come: a shorter wait for intents loses no throughput.
 */
export const PACED_STARVED_MS = 50;

export interface LeadSettings {
  /** max_concurrency: intents are written for at least twice as many calls. */
  readonly concurrency: number;
  /** The pace the calls are allowed (the fastest sender's), when the sync is paced. */
  readonly pacedCallsPerSecond?: number | undefined;
  /** Paced calls take their pacing grant before their intents are written (JournalGate). */
  readonly granted?: boolean;
  /** How long an intent may take to be stored (the writer's linger plus one PUT), in ms. */
  readonly storeMs: () => number;
  readonly maxAhead?: number;
  readonly now?: () => number;
}

/**
 * How many journaled calls may be between "intent written" and "outcome known". Every such call
 * is one that a kill can leave ambiguous, so the lead is what the calls need and no more: while
 * one batch of intents is being stored, the calls of the batch before must keep the connections
 * busy, so the lead covers the calls of one linger plus one PUT at the rate the sync may go.
 *
 * A paced sync knows that rate from its first call (the pace). An unpaced one does not: the
 * lead starts at twice the concurrency and doubles each time a batch of intents is stored after
 * the calls ran dry waiting for it (a worker idle while records were held back) for a good part
 * of a store, which is the gate holding calls back, not the API. When every call waited (none
 * ready), the gate stores the intents at once and the lead doubles whatever the wait: the ramp to
 * a fast API's rate then takes a few PUTs, not a linger per doubling. It never shrinks: a kill
 * costs at most what the fastest stretch of the sync needed.
 */
export class IntentLead {
  private readonly minAhead: number;
  private readonly maxAhead: number;
  private readonly now: () => number;
  private grown: number;
  private readonly recentCalls: number[] = new Array<number>(RECENT_CALLS).fill(Number.POSITIVE_INFINITY);
  private nextCall = 0;
  /** Since when the calls have been waiting for intents (undefined: they have not). */
  private starvedSince: number | undefined;
  /** Every gated call waited for its intent since the last stored batch. */
  private dry = false;
  /** A batch of intents was stored (the first is waited for whatever the lead). */
  private anyStored = false;

  constructor(private readonly settings: LeadSettings) {
    this.minAhead = 2 * settings.concurrency;
    this.maxAhead = Math.max(this.minAhead, settings.maxAhead ?? MAX_AHEAD);
    this.now = settings.now ?? Date.now;
    this.grown = settings.pacedCallsPerSecond ? 0 : this.minAhead;
  }

  /**
   * A journaled call's time from its stored intent to its outcome, the quickest of the last few:
   * the quickest waited least for its pace, so it is the API's own time, which the lead must
   * cover at the pace (a slow API keeps more calls on the wire), not the lane's queue.
   */
  callTook(ms: number): void {
    this.recentCalls[this.nextCall] = ms;
    this.nextCall = (this.nextCall + 1) % this.recentCalls.length;
  }

  private get callMs(): number {
    let least = Number.POSITIVE_INFINITY;
    for (const ms of this.recentCalls) if (ms < least) least = ms;
    return Number.isFinite(least) ? least : 0;
  }

  get ahead(): number {
    const pace = this.settings.pacedCallsPerSecond ?? 0;
    if (pace === 0) return Math.min(this.maxAhead, this.grown);
    // Paced, a call whose intent is stored waits in its lane until the pace allows it: every
    // call held there is one a kill leaves ambiguous without it ever having been sent. So the
    // lead is one store's worth of calls at the pace (no concurrency floor); the calls' own time
    // is what starvation adds.
    // Granted, a call's intent is written once the pace lets it go, so the lead is what the pace
    // needs between grant and outcome: one store, and the calls on the connections (no more than
    // there are: a call's time measured while granted calls queue for a connection is the queue's,
    // and more lead would only queue more, each a record a kill leaves ambiguous and never sent).
    // The lane's bucket makes up a short wait. It does not grow.
    if (this.settings.granted) {
      const storing = Math.ceil((pace * this.settings.storeMs()) / 1000);
      const calling = Math.min(this.settings.concurrency, Math.ceil((pace * this.callMs) / 1000));
      return Math.min(this.maxAhead, storing + calling + PACED_MARGIN);
    }
    const oneStore = Math.ceil((pace * (this.settings.storeMs() + this.callMs)) / 1000) + PACED_MARGIN;
    return Math.min(this.maxAhead, Math.max(oneStore, this.grown));
  }

  /**
   * A journaled call finished. `ready`: calls whose intents are stored and whose outcomes are not
   * known (running or queued); `heldBack`: records wait at the gate for the lead.
   */
  callFinished(ready: number, heldBack: boolean): void {
    // Paced, fewer ready calls than connections is the aim: only none at all starves the lane.
    const starving = this.paced ? ready === 0 : ready < this.settings.concurrency;
    if (starving && heldBack) this.starvedSince ??= this.now();
  }

  /**
   * No gated call had its intent stored while records were held back: the gate stores the
   * intents at once (no linger), and the lead was too short for the calls, whatever the pace.
   */
  ranDry(): void {
    this.dry = true;
    this.starvedSince ??= this.now();
  }

  /** A batch of intents was stored: its calls may go. */
  intentsStored(): void {
    if (this.paced) {
      this.pacedStored();
      return;
    }
    const dry = this.dry && this.anyStored;
    this.dry = false;
    this.anyStored = true;
    if (this.starvedSince === undefined) return;
    const starved = this.now() - this.starvedSince;
    this.starvedSince = undefined;
    // A quarter of a store: PUT jitter stays under it, a lead too short for the rate does not.
    if (dry || starved * 4 >= this.settings.storeMs()) this.grown = Math.min(this.maxAhead, 2 * this.ahead);
  }

  /**
   * Paced, a call whose intent is stored waits in its lane until the pace lets it go, and a kill
   * leaves it ambiguous although it was never sent: the lead stays as short as the lane allows.
   * It is one store's worth of calls at the pace; the calls ran dry for longer than the lane's
   * bucket (a slow PUT, several senders sharing the sync) grows it by a quarter, and each call
   * stored without such a wait takes one back, down to that floor.
   */
  private pacedStored(): void {
    this.dry = false;
    const starved = this.starvedSince === undefined ? 0 : this.now() - this.starvedSince;
    this.starvedSince = undefined;
    if (starved >= PACED_STARVED_MS && this.anyStored) {
      this.grown = Math.min(this.maxAhead, this.ahead + Math.ceil(this.ahead / 4));
    } else if (this.grown > 0) this.grown--;
    this.anyStored = true;
  }

  private get paced(): boolean {
    return (this.settings.pacedCallsPerSecond ?? 0) > 0;
  }
}
