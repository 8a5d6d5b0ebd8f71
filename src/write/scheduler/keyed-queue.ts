import { Fifo } from "../fifo.js";

/**
 * Bounded concurrency with per-key order: at most `maxConcurrency` jobs run at once, jobs sharing
 * a key run strictly one after the other in push order, and jobs of different keys run in
 * parallel. A key is a lane; lanes with work wait in a ready FIFO, so a hot key cannot starve the
 * others (after each job its lane goes to the back).
 *
 * The runner gets a `done` callback instead of returning a promise: the pipeline already has one
 * promise per call and need not chain another.
 */
export type JobRunner<J> = (job: J, done: () => void) => void;

interface Lane<J> {
  readonly key: string;
  readonly jobs: Fifo<J>;
  running: boolean;
}

export class KeyedQueue<J> {
  private readonly lanes = new Map<string, Lane<J>>();
  private readonly ready = new Fifo<Lane<J>>();
  private runningCount = 0;
  private queuedCount = 0;
  private closed = false;

  constructor(
    private readonly maxConcurrency: number,
    private readonly runner: JobRunner<J>,
  ) {
    if (!Number.isInteger(maxConcurrency) || maxConcurrency < 1) {
      throw new RangeError(`maxConcurrency must be a positive integer, got ${maxConcurrency}`);
    }
  }

  /** Jobs started and not yet done. */
  get running(): number {
    return this.runningCount;
  }

  /** Jobs pushed and not yet started. */
  get queued(): number {
    return this.queuedCount;
  }

  push(key: string, job: J): void {
    if (this.closed) throw new Error("KeyedQueue: push after clear()");
    let lane = this.lanes.get(key);
    if (lane === undefined) {
      lane = { key, jobs: new Fifo<J>(), running: false };
      this.lanes.set(key, lane);
      this.ready.push(lane);
    } else if (!lane.running && lane.jobs.length === 0) {
      this.ready.push(lane);
    }
    lane.jobs.push(job);
    this.queuedCount++;
    this.pump();
  }

  /** Drops every job not yet started (a fatal error stops the sync) and refuses new ones. */
  clear(): J[] {
    this.closed = true;
    const dropped: J[] = [];
    for (const lane of this.lanes.values()) dropped.push(...lane.jobs.drain());
    this.ready.drain();
    this.queuedCount = 0;
    return dropped;
  }

  private pump(): void {
    while (this.runningCount < this.maxConcurrency && !this.closed) {
      const lane = this.ready.shift();
      if (lane === undefined) return;
      const job = lane.jobs.shift();
      if (job === undefined) continue;
      lane.running = true;
      this.queuedCount--;
      this.runningCount++;
      let finished = false;
      this.runner(job, () => {
        if (finished) return;
        finished = true;
        this.finish(lane);
      });
    }
  }

  private finish(lane: Lane<J>): void {
    this.runningCount--;
    lane.running = false;
    if (this.closed) return;
    if (lane.jobs.length > 0) this.ready.push(lane);
    else this.lanes.delete(lane.key);
    this.pump();
  }
}
