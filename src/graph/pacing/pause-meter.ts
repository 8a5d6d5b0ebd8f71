/**
 * Wall time during which at least one call was held by pacing. Concurrent waits overlap: summing
 * each call's wait would report more time paused than the sync lasted.
 */
export class PauseMeter {
  private waiting = 0;
  private since = 0;
  private closedMs = 0;

  constructor(private readonly now: () => number) {}

  /** A call starts waiting; the returned function ends its wait. */
  begin(): () => void {
    if (this.waiting++ === 0) this.since = this.now();
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      if (--this.waiting === 0) this.closedMs += this.now() - this.since;
    };
  }

  /** Paused wall time so far, the pause under way included. */
  get totalMs(): number {
    return this.closedMs + (this.waiting > 0 ? this.now() - this.since : 0);
  }
}
