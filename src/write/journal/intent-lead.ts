/** Most journaled calls that may have intents and no known outcome, whatever the rate. */
export const MAX_AHEAD = 1_024;

/** How many recent calls the API's time is taken from. */
const RECENT_CALLS = 32;

/** Calls a paced lead holds beyond one store's worth at the pace: jitter of the store and the calls. */
export const PACED_MARGIN = 2;

export interface LeadSettings {
  /** max_concurrency: intents are written for at least twice as many calls. */
  readonly concurrency: number;
  /** The pace the calls are allowed from the start (the fastest sender's), when the sync is paced. */
  readonly pacedCallsPerSecond?: number | undefined;
  /**
   * Calls per second the senders' lanes allow together once they have sent (CallGrants.pace):
   * a sync to several senders may go at their sum.
   */
  readonly lanesPace?: (() => number) | undefined;
  /** How long an intent may take to be stored (the writer's linger plus one PUT), in ms. */
  readonly storeMs: () => number;
  readonly maxAhead?: number;
  readonly now?: () => number;
}

/**
 * How many journaled calls may be between "intent written" and "outcome known". Every such call
 * is one that a kill can leave ambiguous, so the lead is what the calls need and no more.
 *
 * Paced, a send takes its pacing grant before its intent is written (JournalGate), so the lead is
 * what the pace needs between grant and outcome: the calls of one store (the writer's linger plus
 * one PUT) at the pace, plus the calls on the connections, and no more calls than there are
 * connections (a call's time measured while granted calls queue for a connection is the queue's,
 * and more lead would only queue more, each a record a kill leaves ambiguous and never sent). The
 * pace is every sender's together once they have sent. The lane's bucket makes up a short wait,
 * so the lead does not grow.
 *
 * Unpaced, the rate the calls can go is not known: the lead starts at twice the concurrency and
 * doubles each time a batch of intents is stored after the calls ran dry waiting for it (a worker
 * idle while records were held back) for a good part of a store, which is the gate holding calls
 * back, not the API. When every call waited (none ready), the gate stores the intents at once and
 * the lead doubles whatever the wait: the ramp to a fast API's rate then takes a few PUTs, not a
 * linger per doubling. It never shrinks: a kill costs at most what the fastest stretch of the sync
 * needed.
 */
export class IntentLead {
  private readonly minAhead: number;
  private readonly maxAhead: number;
  private readonly now: () => number;
  /** Unpaced: the lead the calls have needed so far. */
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
    this.grown = this.minAhead;
  }

  /**
   * A journaled call's time from its stored intent to its outcome, the quickest of the last few:
   * the quickest waited least for a connection, so it is the API's own time, which the lead must
   * cover at the pace (a slow API keeps more calls on the wire), not a queue's.
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
    const pace = this.pace;
    if (pace === 0) return Math.min(this.maxAhead, this.grown);
    const storing = Math.ceil((pace * this.settings.storeMs()) / 1000);
    const calling = Math.min(this.settings.concurrency, Math.ceil((pace * this.callMs) / 1000));
    return Math.min(this.maxAhead, storing + calling + PACED_MARGIN);
  }

  /** The paced calls' rate: the first sender's pace, or every sender's together once they sent. */
  private get pace(): number {
    const paced = this.settings.pacedCallsPerSecond ?? 0;
    if (paced === 0) return 0;
    return Math.max(paced, this.settings.lanesPace?.() ?? 0);
  }

  /**
   * A journaled call finished. `ready`: calls whose intents are stored and whose outcomes are not
   * known (running or queued); `heldBack`: records wait at the gate for the lead.
   */
  callFinished(ready: number, heldBack: boolean): void {
    if (this.pace > 0) return;
    if (ready < this.settings.concurrency && heldBack) this.starvedSince ??= this.now();
  }

  /**
   * No gated call had its intent stored while records were held back: the gate stores the
   * intents at once (no linger), and the lead was too short for the calls.
   */
  ranDry(): void {
    this.dry = true;
    this.starvedSince ??= this.now();
  }

  /** A batch of intents was stored: its calls may go. Unpaced, a lead too short grows. */
  intentsStored(): void {
    if (this.pace > 0) return;
    const dry = this.dry && this.anyStored;
    this.dry = false;
    this.anyStored = true;
    if (this.starvedSince === undefined) return;
    const starved = this.now() - this.starvedSince;
    this.starvedSince = undefined;
    // A quarter of a store: PUT jitter stays under it, a lead too short for the rate does not.
    if (dry || starved * 4 >= this.settings.storeMs()) this.grown = Math.min(this.maxAhead, 2 * this.ahead);
  }
}
