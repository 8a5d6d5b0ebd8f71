import { logMessage, type OutputMessage } from "../protocol/index.js";
import type { StreamStats } from "./stream-stats.js";

/** What the Graph client says about the whole sync (pacing is shared by streams on one number). */
export interface ClientTotals {
  /** Wall time during which some call waited for pacing (overlapping waits counted once). */
  readonly pacedMs: number;
}

export interface ProgressOptions {
  readonly intervalMs: number;
  readonly emit: (message: OutputMessage) => void;
  readonly clientTotals?: () => ClientTotals;
  readonly now?: () => number;
}

/**
 * One INFO line per active stream at most every `intervalMs` (10 s in production), and a summary
 * per stream at the end. One timer for the whole sync: nothing per record.
 */
export class ProgressReporter {
  private timer: NodeJS.Timeout | undefined;
  private readonly startedAt: number;
  private lastTickAt: number;
  private readonly now: () => number;

  constructor(
    private readonly streams: ReadonlyMap<string, StreamStats>,
    private readonly options: ProgressOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.startedAt = this.now();
    this.lastTickAt = this.startedAt;
  }

  start(): void {
    this.timer = setInterval(() => this.tick(), this.options.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  tick(): void {
    const now = this.now();
    const seconds = Math.max(0.001, (now - this.lastTickAt) / 1000);
    this.lastTickAt = now;
    for (const stats of this.streams.values()) {
      const delta = stats.done - stats.reportedDone;
      if (delta === 0) continue;
      stats.reportedDone = stats.done;
      this.options.emit(
        logMessage("INFO", `Progress: ${describe(stats)}, ${rate(delta, seconds)}${this.paced()}`),
      );
    }
  }

  /**
   * The final summary: one line per stream that had records, then the totals. The totals' rate is
   * the stream lines' rates summed (same records, same duration), and a sync shorter than a second
   * is given in ms: "0.0 s" beside "66.7 records/s" read as a contradiction.
   */
  summary(prefix: string): void {
    const seconds = Math.max(0.001, (this.now() - this.startedAt) / 1000);
    let read = 0;
    let done = 0;
    for (const stats of this.streams.values()) {
      if (stats.records === 0) continue;
      read += stats.records;
      done += stats.done;
      this.options.emit(logMessage("INFO", `${prefix}: ${describe(stats)}, ${rate(stats.done, seconds)}`));
    }
    const totals = `${countText(read, "record", "records")} read in ${duration(seconds)}, ${rate(done, seconds)}`;
    this.options.emit(logMessage("INFO", `${prefix}: ${totals}${this.paced()}`));
  }

  /**
   * The whole sync's retries are the streams' own, summed: "retries" means the same thing (the
   * calls the retry policy sent again, never a record's follow-up calls) on every line.
   */
  private paced(): string {
    const totals = this.options.clientTotals?.();
    if (totals === undefined) return "";
    let retries = 0;
    for (const stats of this.streams.values()) retries += stats.retried;
    return `; whole sync: ${retriesText(retries)}, ${Math.round(totals.pacedMs)} ms paused by pacing`;
  }
}

function describe(stats: StreamStats): string {
  return `stream "${stats.label}": ${stats.records} read, ${stats.succeeded} sent, ${stats.rejected} rejected, ${stats.ambiguous} ambiguous, ${retriesText(stats.retried)}`;
}

function retriesText(count: number): string {
  return countText(count, "retry", "retries");
}

export function countText(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function duration(seconds: number): string {
  return seconds < 1 ? `${Math.round(seconds * 1000)} ms` : `${seconds.toFixed(1)} s`;
}

function rate(count: number, seconds: number): string {
  return `${(count / seconds).toFixed(1)} records/s`;
}
