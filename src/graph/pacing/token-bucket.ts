/**
 * Even spacing of a lane's grants: a token bucket refilled one token per `spacingMs` (the lane's
 * window over the rate in force, which may change between refills). Its capacity is small, so a
 * late timer catches up a little without letting a burst through.
 */
export class TokenBucket {
  private tokens = 1;
  private refilledAt: number;

  constructor(
    private readonly capacity: number,
    now: number,
  ) {
    this.refilledAt = now;
  }

  refill(now: number, spacingMs: number): void {
    if (this.tokens < this.capacity) {
      this.tokens = Math.min(this.capacity, this.tokens + (now - this.refilledAt) / spacingMs);
    }
    this.refilledAt = now;
  }

  /** Milliseconds until a token is there, refilled up to now (<= 0: there is one). */
  waitMs(now: number, spacingMs: number): number {
    this.refill(now, spacingMs);
    return this.tokens < 1 ? (1 - this.tokens) * spacingMs : 0;
  }

  take(): void {
    this.tokens -= 1;
  }

  /** Nothing saved up from before now: the next grant waits a full spacing at the new rate. */
  spendSavings(): void {
    this.tokens = Math.min(this.tokens, 0);
  }
}
