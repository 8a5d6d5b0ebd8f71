interface Waiter {
  readonly resolve: (waitedMs: number) => void;
  readonly since: number;
  cancelled: boolean;
  /** Its listener is removed once granted: a long sync shares one signal across millions of waits. */
  readonly signal: AbortSignal | undefined;
  readonly onAbort: (() => void) | undefined;
}

/** The calls waiting in a lane, first come first served; one aborted by its signal leaves at once. */
export class WaiterQueue {
  private readonly waiters: Waiter[] = [];
  private head = 0;

  /** Nobody in the queue, not even a cancelled waiter not yet dropped. */
  get idle(): boolean {
    return this.head === this.waiters.length;
  }

  /** A promise of the milliseconds waited, settled by `releaseFirst` or rejected by the signal. */
  add(now: number, signal: AbortSignal | undefined): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      const onAbort = signal
        ? (): void => {
            waiter.cancelled = true;
            reject(signal.reason);
          }
        : undefined;
      const waiter: Waiter = { resolve, since: now, cancelled: false, signal, onAbort };
      if (signal && onAbort) signal.addEventListener("abort", onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  /** Whether a waiter is still waiting, dropping the cancelled ones ahead of it. */
  hasWaiting(): boolean {
    while (this.head < this.waiters.length) {
      if (!this.waiters[this.head]!.cancelled) return true;
      this.head++;
    }
    return false;
  }

  /** The first waiter goes (the caller checked `hasWaiting`). */
  releaseFirst(now: number): void {
    const waiter = this.waiters[this.head++]!;
    if (waiter.onAbort) waiter.signal?.removeEventListener("abort", waiter.onAbort);
    waiter.resolve(now - waiter.since);
  }

  /** Forgets the waiters gone: all at once when the queue empties, else in batches. */
  compact(): void {
    if (this.idle) {
      this.waiters.length = 0;
      this.head = 0;
    } else if (this.head > 1024) {
      this.waiters.splice(0, this.head);
      this.head = 0;
    }
  }
}
