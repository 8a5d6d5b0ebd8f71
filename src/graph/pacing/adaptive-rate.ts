import {
  CALM_MS,
  ERROR_BURST_MS,
  JITTER_FACTOR,
  OVER_LIMIT_FACTOR,
  RECOVERY_SECONDS,
  SLOWEST_SHARE,
} from "./tuning.js";

/**
 * A lane's rate in force: its base rate, or a slowed one recovering additively after Meta said
 * the number's throughput was exceeded (130429). The first error after a calm spell is taken as
 * arrival jitter at the limit (a server-side stall that bunches one second's sends into the next)
 * and takes little off; another within CALM_MS means the rate is above what Meta allows, and each
 * one from then on halves it.
 */
export class AdaptiveRate {
  private slowRate = 0;
  private recoveryPerSecond = 0;
  private slowedAt = Number.NEGATIVE_INFINITY;

  constructor(readonly baseRate: number) {}

  current(now: number): number {
    if (this.slowRate === 0) return this.baseRate;
    const recovered = this.slowRate + this.recoveryPerSecond * ((now - this.slowedAt) / 1000);
    return Math.min(recovered, this.baseRate);
  }

  /** Whether an error now slows the rate: a finite rate, and not within a burst already counted. */
  slowsAt(now: number): boolean {
    return Number.isFinite(this.baseRate) && now - this.slowedAt >= ERROR_BURST_MS;
  }

  /** A throughput error now (the caller checked `slowsAt`). */
  slowDown(now: number): void {
    const jitter = now - this.slowedAt >= CALM_MS;
    this.slowRate = Math.max(
      this.baseRate * SLOWEST_SHARE,
      this.current(now) * (jitter ? JITTER_FACTOR : OVER_LIMIT_FACTOR),
    );
    this.recoveryPerSecond = (jitter ? this.baseRate : this.slowRate) / RECOVERY_SECONDS;
    this.slowedAt = now;
  }
}
