import type { PacingClock } from "./clock.js";
import { TimeRing } from "./time-ring.js";
import type { WriteReport } from "./write-report.js";

interface Waiter {
  resolve: (waitedMs: number) => void;
  reject: (reason: unknown) => void;
  readonly since: number;
  cancelled: boolean;
  /** Removed once granted: a long sync shares one signal across millions of waits. */
  readonly signal: AbortSignal | undefined;
  readonly onAbort: (() => void) | undefined;
}

export interface RateLaneOptions {
  /** Grants per second; Infinity = unpaced (only blocks and spacing apply). */
  readonly ratePerSecond: number;
  /** Most tokens the bucket holds: small, so that a late timer can catch up without bursting. */
  readonly capacity?: number;
  /**
   * No window this long holds more than `ratePerSecond` grants (default 1000 ms). Grants are
   * spaced evenly at `windowMs / ratePerSecond`, so a longer window is a margin on the rate.
   */
  readonly windowMs?: number;
  /**
   * Grants within this long of the lane's start (its first grant, or the first after an idle
   * second) count as granted this much later (default 0): their requests may leave late.
   */
  readonly startupMs?: number;
  /**
   * Also hold no window of write times over the rate (`written()`, reported by the transport when a
   * granted request goes onto its connection): a request granted just before a stall of ours (a
   * GC pause) or while every connection waits for an answer leaves late, and bunches with the
   * requests granted after it. Its grant was in order; its arrival at Meta is not.
   */
  readonly countWrites?: boolean;
}

const MIN_TIMER_MS = 1;
/** A throughput error this long after the previous one (or the first) is taken as jitter. */
const CALM_MS = 10_000;
/** The rate kept after a throughput error in a calm spell. */
const GENTLE_FACTOR = 0.9;
/** A lane without a grant for this long starts afresh: its transport may have gone cold. */
const IDLE_RESTART_MS = 1000;

/**
 * The window of a send lane. A send lane counts its requests when they are written (see
 * `countWrites`), so our own stalls no longer bunch them; what is left is the way from the socket
 * to where the server reads its clock, a few ms on loopback and up to ~8 ms when the emulator's
 * loop is busy (measured: 1,005 ms let 1,001-1,003 arrive in a second, 1,008 ms 1,000 in six runs
 * of seven and 1,001 in one, 1,010 ms 1,000 but 99.1 % of the rate). No 1,008 ms may hold more
 * than the rate: 0.8 % of it.
 */
export const SEND_WINDOW_MS = 1008;

/**
 * The start-up allowance of a send lane. A lane's first requests also open connections and run
 * the HTTP stack's first-use code (~10-30 ms here; a TLS handshake with Meta): the requests
 * granted meanwhile reach Meta together, late, and bunch with the next ones. Counting them
 * 40 ms late holds the first second at the server to the rate. It costs no rate: a second later
 * the bucket (50 ms of sends) catches the 40 ms up, in the window the log leaves free.
 */
export const SEND_STARTUP_MS = 40;

/**
 * One pacing lane (a phone number, a WABA): a token bucket refilled at the (possibly slowed)
 * rate spread over the window, so grants are evenly spaced; a log of the last `floor(rate)`
 * grants, so that no window ever holds more than the configured rate, even when a late timer
 * catches up; an optional minimum spacing and an optional block-until time.
 * Waiters queue FIFO behind a single timer per lane; grants with nobody waiting are synchronous.
 */
export class RateLane implements WriteReport {
  private readonly clock: PacingClock;
  private readonly baseRate: number;
  private readonly capacity: number;
  private tokens: number;
  private refilledAt: number;
  private readonly log: TimeRing | undefined;
  private readonly windowMs: number;
  private readonly startupMs: number;
  /** Grants before this time are in the start-up allowance. */
  private warmAt = Number.NEGATIVE_INFINITY;
  /** When the granted requests were written to their connections, the last `floor(rate)`. */
  private readonly writes: TimeRing | undefined;
  /** Granted requests the transport will report and has not yet written (nor given up). */
  private unwrittenGrants = 0;
  private readonly queue: Waiter[] = [];
  private head = 0;
  private timerArmed = false;
  private slowRate = 0;
  private recoveryPerSecond = 0;
  private slowedAt = Number.NEGATIVE_INFINITY;
  private lastGrant = Number.NEGATIVE_INFINITY;
  /** No grant before this time (Meta asked us to wait). */
  blockedUntil = 0;
  /** Minimum time between two grants (usage-based slow-down). */
  minSpacingMs = 0;

  constructor(clock: PacingClock, options: RateLaneOptions) {
    this.clock = clock;
    this.baseRate = options.ratePerSecond;
    const finite = Number.isFinite(this.baseRate) && this.baseRate > 0;
    this.capacity = finite ? Math.max(1, options.capacity ?? Math.ceil(this.baseRate / 20)) : Infinity;
    this.tokens = finite ? 1 : Infinity;
    this.refilledAt = clock.now();
    this.log = finite && this.baseRate >= 1 ? new TimeRing(Math.floor(this.baseRate)) : undefined;
    this.writes = this.log && options.countWrites ? new TimeRing(this.log.size) : undefined;
    this.windowMs = options.windowMs ?? 1000;
    this.startupMs = options.startupMs ?? 0;
  }

  /**
   * The rate in force now: the base rate, or a slowed one recovering additively: after jitter by
   * 10 % of the base rate a second (back within a second), after a halving by 10 % of the halved
   * rate (so a rate far above the number's converges under it instead of climbing back each second).
   */
  currentRate(now: number): number {
    if (this.slowRate === 0) return this.baseRate;
    const recovered = this.slowRate + this.recoveryPerSecond * ((now - this.slowedAt) / 1000);
    return Math.min(recovered, this.baseRate);
  }

  /**
   * Slow down after a throughput error; repeated errors within 1 s count once. The first error
   * after a calm spell takes off 10 %: at a rate that matches the number's level it is arrival
   * jitter at the limit (a server-side stall that bunches one second's sends into the next), and
   * halving for it cost a 100k campaign 15 % of its time. Another error within CALM_MS means the
   * rate is above what Meta allows: from then on each one halves it.
   */
  slowDown(): void {
    if (!Number.isFinite(this.baseRate)) return;
    const now = this.clock.now();
    const sinceLast = now - this.slowedAt;
    if (sinceLast < 1000) return;
    this.refill(now);
    const jitter = sinceLast >= CALM_MS;
    this.slowRate = Math.max(this.baseRate / 64, this.currentRate(now) * (jitter ? GENTLE_FACTOR : 0.5));
    this.recoveryPerSecond = (jitter ? this.baseRate : this.slowRate) / 10;
    this.slowedAt = now;
    this.tokens = Math.min(this.tokens, 0);
  }

  /**
   * null when granted at once (the caller need not await); otherwise a promise of the time waited.
   */
  acquire(signal?: AbortSignal): Promise<number> | null {
    if (this.head === this.queue.length) {
      const now = this.clock.now();
      if (this.waitFor(now) <= 0) {
        this.grant(now);
        return null;
      }
    }
    return new Promise<number>((resolve, reject) => {
      const onAbort = signal
        ? (): void => {
            waiter.cancelled = true;
            reject(signal.reason);
          }
        : undefined;
      const waiter: Waiter = { resolve, reject, since: this.clock.now(), cancelled: false, signal, onAbort };
      if (signal && onAbort) signal.addEventListener("abort", onAbort, { once: true });
      this.queue.push(waiter);
      this.arm();
    });
  }

  /**
   * A granted request is on its way to the transport: the lane to report its write to, or
   * undefined when the lane counts no writes (unpaced, or not a send lane).
   */
  expectWrite(): WriteReport | undefined {
    if (this.writes === undefined) return undefined;
    this.unwrittenGrants++;
    return this;
  }

  /** The request of a grant was written to its connection now. */
  written(): void {
    if (this.writes === undefined) return;
    if (this.unwrittenGrants > 0) this.unwrittenGrants--;
    this.writes.push(this.clock.now());
  }

  /** The request of a grant will not be written (it failed or was aborted before). */
  unwritten(): void {
    if (this.writes === undefined || this.unwrittenGrants === 0) return;
    this.unwrittenGrants--;
    this.poke();
  }

  /** Wake the queue now (after blockedUntil or spacing changed). */
  poke(): void {
    if (this.head < this.queue.length && !this.timerArmed) this.drain();
  }

  private refill(now: number): void {
    if (this.tokens >= this.capacity) {
      this.refilledAt = now;
      return;
    }
    this.tokens = Math.min(this.capacity, this.tokens + (now - this.refilledAt) / this.spacingMs(now));
    this.refilledAt = now;
  }

  /** Milliseconds between two evenly spaced grants at the rate in force. */
  private spacingMs(now: number): number {
    return this.windowMs / this.currentRate(now);
  }

  /** Milliseconds until the next grant is allowed (<= 0: now). */
  private waitFor(now: number): number {
    let wait = this.blockedUntil - now;
    if (this.minSpacingMs > 0) wait = Math.max(wait, this.lastGrant + this.minSpacingMs - now);
    if (Number.isFinite(this.baseRate)) {
      this.refill(now);
      if (this.tokens < 1) wait = Math.max(wait, (1 - this.tokens) * this.spacingMs(now));
    }
    // The rate-th latest grant must have left the window (none yet: nothing to wait for).
    const oldest = this.log?.latest(this.log.size);
    if (oldest !== undefined) wait = Math.max(wait, oldest + this.windowMs - now);
    if (this.writes !== undefined) wait = Math.max(wait, this.writeWait(this.writes, now));
    return wait;
  }

  /**
   * Until a grant now keeps every window of writes within the rate: the writes in the last window
   * plus the granted requests still to be written (they leave now or later) stay under it, so the
   * (rate - unwritten)-th latest write must have left the window.
   */
  private writeWait(writes: TimeRing, now: number): number {
    const needed = writes.size - this.unwrittenGrants;
    if (needed <= 0) return MIN_TIMER_MS;
    const write = writes.latest(needed);
    return write === undefined ? 0 : write + this.windowMs - now;
  }

  private grant(now: number): void {
    this.tokens -= 1;
    if (now - this.lastGrant >= IDLE_RESTART_MS) this.warmAt = now + this.startupMs;
    this.lastGrant = now;
    this.log?.push(now < this.warmAt ? now + this.startupMs : now);
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
    while (this.head < this.queue.length) {
      const waiter = this.queue[this.head]!;
      if (waiter.cancelled) {
        this.head++;
        continue;
      }
      if (this.waitFor(now) > 0) break;
      this.grant(now);
      this.head++;
      if (waiter.onAbort) waiter.signal?.removeEventListener("abort", waiter.onAbort);
      waiter.resolve(now - waiter.since);
    }
    if (this.head === this.queue.length) {
      this.queue.length = 0;
      this.head = 0;
    } else {
      if (this.head > 1024) {
        this.queue.splice(0, this.head);
        this.head = 0;
      }
      this.arm();
    }
  }
}
