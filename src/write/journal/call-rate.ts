/** Journaled calls finished per second, re-measured every quarter second. */
export class CallRate {
  private windowStart: number;
  private count = 0;
  private perSecond = 0;

  constructor(private readonly now: () => number = Date.now) {
    this.windowStart = now();
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
