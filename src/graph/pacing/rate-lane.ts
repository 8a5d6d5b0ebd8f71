import { AdaptiveRate } from "./adaptive-rate.js";
import type { PacingClock } from "./clock.js";
import { SlidingWindow } from "./sliding-window.js";
import { StartupAllowance } from "./startup-allowance.js";
import { TokenBucket } from "./token-bucket.js";
import { BUCKET_MS, MIN_TIMER_MS } from "./tuning.js";
import { WaiterQueue } from "./waiter-queue.js";
import type { WriteReport } from "./write-report.js";
import { WriteWindow } from "./write-window.js";

export interface RateLaneOptions {
  /** Grants per second; Infinity = unpaced (only blocks and spacing apply). */
  readonly ratePerSecond: number;
  /** Most tokens the bucket holds (default BUCKET_MS of grants). */
  readonly capacity?: number;
  /**
   * No window this long holds more than `ratePerSecond` grants (default 1000 ms). Grants are
   * spaced evenly at `windowMs / ratePerSecond`, so a longer window is a margin on the rate.
   */
  readonly windowMs?: number;
  /** The lane's start-up allowance (default 0): see StartupAllowance. */
  readonly startupMs?: number;
  /** Also hold no window of write times over the rate: see WriteWindow. */
  readonly countWrites?: boolean;
}

/**
 * One pacing lane (a phone number, a WABA). A grant waits for every limit that applies: the
 * rate in force (AdaptiveRate) spaced evenly by a token bucket, a window of the last
 * `floor(rate)` grants and optionally one of their writes (checked at the grant, or at the write
 * once the lane grants ahead), a block-until time and a minimum
 * spacing that Meta's answers set. Waiters queue first come first served behind one timer per
 * lane; a grant with nobody waiting is synchronous.
 */
export class RateLane implements WriteReport {
  private readonly clock: PacingClock;
  private readonly rate: AdaptiveRate;
  private readonly windowMs: number;
  /** Finite rates only: an unpaced lane has no bucket and no windows. */
  private readonly bucket: TokenBucket | undefined;
  private readonly grants: SlidingWindow | undefined;
  private readonly writes: WriteWindow | undefined;
  private readonly startup: StartupAllowance;
  private readonly queue = new WaiterQueue();
  private timerArmed = false;
  private lastGrant = Number.NEGATIVE_INFINITY;
  /** No grant before this time (Meta asked us to wait). */
  blockedUntil = 0;
  /** Minimum time between two grants (usage-based slow-down). */
  minSpacingMs = 0;
  /** Grants taken ahead of their requests (see Pacer.reserve), not yet used by one. */
  private reserved = 0;
  /**
   * The lane grants ahead of requests (a send ledger's intents sit between a grant and its
   * request): from then on its writes are checked as each request is written (Pacer.writeSlot),
   * not at the grant. A held grant's request is written a store after its grant, a batch of them
   * at once; a grant that also waited for their writes would stall the pace behind every batch.
   */
  private grantsAhead = false;

  constructor(clock: PacingClock, options: RateLaneOptions) {
    this.clock = clock;
    const rate = options.ratePerSecond;
    this.rate = new AdaptiveRate(rate);
    this.windowMs = options.windowMs ?? 1000;
    this.startup = new StartupAllowance(options.startupMs ?? 0);
    const finite = Number.isFinite(rate) && rate > 0;
    this.bucket = finite
      ? new TokenBucket(Math.max(1, options.capacity ?? Math.ceil(rate / (1000 / BUCKET_MS))), clock.now())
      : undefined;
    const limit = finite && rate >= 1 ? Math.floor(rate) : 0;
    this.grants = limit > 0 ? new SlidingWindow(limit, this.windowMs) : undefined;
    this.writes = limit > 0 && options.countWrites ? new WriteWindow(limit, this.windowMs) : undefined;
  }

  /** The rate in force now (the base rate, or a slowed one recovering). */
  currentRate(now: number): number {
    return this.rate.current(now);
  }

  /** A throughput error (130429): slow down; repeated errors within a burst count once. */
  slowDown(): void {
    const now = this.clock.now();
    if (!this.rate.slowsAt(now)) return;
    // Tokens saved up at the old rate are counted before it changes, then spent.
    this.bucket?.refill(now, this.spacingMs(now));
    this.rate.slowDown(now);
    this.bucket?.spendSavings();
  }

  /** null when granted at once (the caller need not await); otherwise a promise of the time waited. */
  acquire(signal?: AbortSignal): Promise<number> | null {
    if (this.queue.idle) {
      const now = this.clock.now();
      if (this.waitFor(now) <= 0) {
        this.grant(now);
        return null;
      }
    }
    const waited = this.queue.add(this.clock.now(), signal);
    this.arm();
    return waited;
  }

  /**
   * A granted request is on its way to the transport: the lane to report its write to, or
   * undefined when the lane counts no writes (unpaced, or not a send lane).
   */
  expectWrite(): WriteReport | undefined {
    if (this.writes === undefined) return undefined;
    this.writes.expect();
    return this;
  }

  /** A grant was taken ahead of its request, which comes through the transport later and takes it. */
  holdReserved(): void {
    this.grantsAhead = true;
    this.reserved++;
  }

  /** A request takes a grant held for it: false when the lane holds none. */
  takeReserved(): boolean {
    if (this.reserved === 0) return false;
    this.reserved--;
    return true;
  }

  /** A held grant will not be used (its call was not made). */
  dropReserved(): void {
    if (this.reserved > 0) this.reserved--;
  }

  /**
   * Milliseconds until the writes' window has room for one more request (<= 0: now). A request
   * that took a held grant waits for it before it is written: its grant was counted long before,
   * and requests whose grants were held together are written together.
   */
  writeWaitMs(): number {
    return this.writes?.waitMs(this.clock.now()) ?? 0;
  }

  written(): void {
    this.writes?.written(this.clock.now());
  }

  unwritten(): void {
    if (this.writes?.givenUp()) this.poke();
  }

  /** Wake the queue now (after blockedUntil or spacing changed). */
  poke(): void {
    if (!this.queue.idle && !this.timerArmed) this.drain();
  }

  /** Milliseconds between two evenly spaced grants at the rate in force. */
  private spacingMs(now: number): number {
    return this.windowMs / this.rate.current(now);
  }

  /** Milliseconds until the next grant is allowed (<= 0: now): the longest wait of every limit. */
  private waitFor(now: number): number {
    let wait = this.blockedUntil - now;
    if (this.minSpacingMs > 0) wait = Math.max(wait, this.lastGrant + this.minSpacingMs - now);
    if (this.bucket !== undefined) wait = Math.max(wait, this.bucket.waitMs(now, this.spacingMs(now)));
    if (this.grants !== undefined) wait = Math.max(wait, this.grants.waitMs(now));
    if (this.writes !== undefined && !this.grantsAhead) wait = Math.max(wait, this.writes.waitMs(now));
    return wait;
  }

  private grant(now: number): void {
    this.bucket?.take();
    const counted = this.startup.countedAt(now, now - this.lastGrant);
    this.lastGrant = now;
    this.grants?.record(counted);
  }

  private arm(): void {
    if (this.timerArmed) return;
    const wait = this.waitFor(this.clock.now());
    this.timerArmed = true;
    this.clock.sleep(Math.max(MIN_TIMER_MS, Math.ceil(wait))).then(this.onTimer, this.onTimer);
  }

  private readonly onTimer = (): void => {
    this.timerArmed = false;
    this.drain();
  };

  private drain(): void {
    const now = this.clock.now();
    while (this.queue.hasWaiting() && this.waitFor(now) <= 0) {
      this.grant(now);
      this.queue.releaseFirst(now);
    }
    this.queue.compact();
    if (!this.queue.idle) this.arm();
  }
}
