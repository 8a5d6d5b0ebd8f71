/** Journaled calls finished per second, re-measured every quarter second. */
export class CallRate {
  private windowStart: number;
  private count = 0;
  private perSecond = 0;

  /**
   * `expected`: the rate the calls are paced at, when known. A measured rate starts at nothing,
   * and the lead it sets limits how fast calls can go: starting from the pace skips that ramp-up
   * (about a second at 1,000/s); a slower reality halves it down within a second.
   */
  constructor(
    private readonly now: () => number = Date.now,
    expected = 0,
  ) {
    this.windowStart = now();
    this.perSecond = expected;
  }

  get value(): number {
    return this.perSecond;
  }

  tick(): void {
    this.count++;
    const now = this.now();
    const elapsed = now - this.windowStart;
    if (elapsed < 250) return;
    const measured = (this.count * 1000) / elapsed;
    // Rises at once (a burst must not starve), falls by halves (a pause must not shrink the lead).
    this.perSecond = measured >= this.perSecond ? measured : (this.perSecond + measured) / 2;
    this.count = 0;
    this.windowStart = now;
  }
}
