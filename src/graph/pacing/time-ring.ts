/**
 * The last `size` times of a lane's events, in the order they happened (grants, writes): a ring,
 * so a long sync keeps a fixed array and no window check walks it.
 */
export class TimeRing {
  private readonly times: Float64Array;
  private next = 0;
  private count = 0;

  constructor(readonly size: number) {
    this.times = new Float64Array(size);
  }

  push(time: number): void {
    this.times[this.next] = time;
    this.next = (this.next + 1) % this.size;
    if (this.count < this.size) this.count++;
  }

  /** The k-th latest time (1: the last pushed), or undefined when fewer than k were pushed. */
  latest(k: number): number | undefined {
    if (k < 1 || k > this.count) return undefined;
    return this.times[(this.next - k + this.size) % this.size];
  }
}
