import { setMaxListeners } from "node:events";

/**
 * The stop machinery of a sync: one "stop" promise the reader races against stdin (so a stalled
 * stdin cannot keep a failed or interrupted sync alive), and one drain timer that aborts the calls
 * still in flight once the bound has passed. Single timers for the whole sync, never per record.
 */
export const STOP = Symbol("stop");

export class Shutdown {
  readonly stopped: Promise<typeof STOP>;
  private resolveStop!: (value: typeof STOP) => void;
  private readonly abortController = new AbortController();
  private drainTimer: NodeJS.Timeout | undefined;
  private stopping = false;
  private onStop: (() => void) | undefined;

  constructor() {
    this.stopped = new Promise((resolve) => {
      this.resolveStop = resolve;
    });
    // Every in-flight call listens to this one signal: max_concurrency listeners is expected.
    setMaxListeners(0, this.abortController.signal);
  }

  /** Passed to every call: aborted when the drain bound runs out. */
  get signal(): AbortSignal {
    return this.abortController.signal;
  }

  get isStopping(): boolean {
    return this.stopping;
  }

  /** Stop reading now; abort what is still running after `drainMs`. */
  stop(drainMs: number): void {
    if (this.stopping) return;
    this.stopping = true;
    this.resolveStop(STOP);
    this.onStop?.();
    // Not unref'd: while the pipeline waits for the drain, this timer may be all that is left.
    this.drainTimer = setTimeout(() => this.abortNow(), drainMs);
  }

  /**
   * `pending`, or STOP as soon as the sync stops. Not Promise.race against `stopped`: racing a
   * promise that never settles adds a reaction to it per call, which is kept forever (a leak of
   * one closure per input line). One resolver slot, replaced per call, keeps memory flat.
   */
  race<T>(pending: Promise<T>): Promise<T | typeof STOP> {
    if (this.stopping) return Promise.resolve(STOP);
    return new Promise<T | typeof STOP>((resolve, reject) => {
      this.onStop = () => resolve(STOP);
      pending.then(resolve, reject);
    });
  }

  abortNow(): void {
    if (!this.abortController.signal.aborted) {
      this.abortController.abort(new Error("the sync is stopping: in-flight calls ran past the drain bound"));
    }
  }

  dispose(): void {
    if (this.drainTimer !== undefined) clearTimeout(this.drainTimer);
  }
}

/** Resolves after `ms` or when `until` settles, whichever first. */
export function waitAtMost(until: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    until.then(
      () => {
        clearTimeout(timer);
        resolve();
      },
      () => {
        clearTimeout(timer);
        resolve();
      },
    );
  });
}
