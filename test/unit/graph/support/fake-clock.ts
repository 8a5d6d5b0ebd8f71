/** A manual clock for pacing and retry tests: timers fire only when the test advances time. */
export class FakeClock {
  private t = 0;
  private seq = 0;
  private timers: { at: number; seq: number; resolve: () => void }[] = [];
  /** Extra delay added to every timer, to model a late event loop. */
  lateness: () => number = () => 0;
  readonly sleeps: number[] = [];

  readonly now = (): number => this.t;

  readonly sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      this.sleeps.push(ms);
      const timer = { at: this.t + ms + this.lateness(), seq: this.seq++, resolve };
      this.timers.push(timer);
      signal?.addEventListener("abort", () => {
        this.timers = this.timers.filter((x) => x !== timer);
        reject(signal.reason);
      });
    });

  /** Runs every timer due within `ms`, in time order, letting promise chains settle between them. */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      await settle();
      let next: (typeof this.timers)[number] | undefined;
      for (const timer of this.timers) {
        if (
          timer.at <= end &&
          (next === undefined || timer.at < next.at || (timer.at === next.at && timer.seq < next.seq))
        )
          next = timer;
      }
      if (next === undefined) break;
      const fired = next;
      this.timers = this.timers.filter((x) => x !== fired);
      this.t = Math.max(this.t, fired.at);
      fired.resolve();
    }
    this.t = end;
    await settle();
  }

  pending(): number {
    return this.timers.length;
  }
}

export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
