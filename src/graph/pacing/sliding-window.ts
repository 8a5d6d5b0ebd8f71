import { TimeRing } from "./time-ring.js";
import { MIN_TIMER_MS } from "./tuning.js";

/**
 * No window of `windowMs` holds more than `limit` of a lane's events (its grants, or its
 * requests' writes), even when a late timer lets several through at once.
 */
export class SlidingWindow {
  private readonly times: TimeRing;

  constructor(
    limit: number,
    private readonly windowMs: number,
  ) {
    this.times = new TimeRing(limit);
  }

  record(time: number): void {
    this.times.push(time);
  }

  /**
   * Milliseconds until one more event keeps every window within the limit (<= 0: now), when
   * `pending` more are certain and count as happening now: the (limit - pending)-th latest event
   * must have left the window. With `pending` at the limit, only a pending one settling frees a place.
   */
  waitMs(now: number, pending = 0): number {
    const needed = this.times.size - pending;
    if (needed <= 0) return MIN_TIMER_MS;
    const time = this.times.latest(needed);
    return time === undefined ? 0 : time + this.windowMs - now;
  }
}
