import type { ObjectStore } from "./object-store.js";

export interface BatchSettings {
  /** How long the first waiting line waits for company before its object is written. */
  readonly lingerMs: number;
  /** An object is written at once when it holds this many lines… */
  readonly maxLines: number;
  /** …or this many bytes. */
  readonly maxBytes: number;
}

export const DEFAULT_BATCH: BatchSettings = { lingerMs: 250, maxLines: 2_000, maxBytes: 4 * 1024 * 1024 };

/** What one PUT is taken to cost before any was timed: a store on the same network. */
const FIRST_PUT_MS = 100;

/**
 * The lines of one future object share one promise (a promise per line was a good part of the
 * ledger's cost per send). Every group but the last waiting one holds exactly `maxLines` lines,
 * so an object, the first `maxLines` waiting lines or all of them, is always whole groups.
 */
interface LineGroup {
  count: number;
  readonly stored: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

function lineGroup(): LineGroup {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const stored = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { count: 0, stored, resolve, reject };
}

/**
 * JSON Lines into objects under one folder, batched: lines wait up to `lingerMs` (or until the
 * batch is full) and go out together as one PUT, and `append` resolves only once the object
 * holding its line is stored. One PUT is in flight at a time, so objects are stored in the order
 * their lines came, and while it is in flight the next batch fills (group commit: the write rate
 * follows the store's latency, never one PUT per line). After a failure every waiting and later
 * line is refused with the same error: nothing claims durability it does not have.
 */
export class BatchedJsonLinesWriter {
  private lines: string[] = [];
  private bytes = 0;
  private groups: LineGroup[] = [];
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;
  private part = 0;
  private failure: unknown;
  /** The first waiting line's linger ran out while a PUT was in flight. */
  private due = false;
  /** Objects stored and lines in them, for reports and the benchmark. */
  readonly written = { objects: 0, lines: 0 };
  private putMs = FIRST_PUT_MS;

  constructor(
    private readonly store: ObjectStore,
    private readonly keyOf: (time: Date, part: number) => string,
    private readonly settings: BatchSettings = DEFAULT_BATCH,
  ) {}

  /** Resolves once the line is durably stored; rejects with the store's error otherwise. */
  append(line: string): Promise<void> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    this.lines.push(line);
    this.bytes += line.length + 1;
    let group = this.groups.at(-1);
    if (group === undefined || group.count >= this.settings.maxLines) {
      group = lineGroup();
      this.groups.push(group);
    }
    group.count++;
    if (this.lines.length >= this.settings.maxLines || this.bytes >= this.settings.maxBytes) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.settings.lingerMs);
    return group.stored;
  }

  /** Writes what is waiting now (after the PUT in flight, if any). */
  flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.lines.length === 0) return;
    if (this.inFlight !== undefined) {
      this.due = true;
      return;
    }
    this.due = false;
    // At most one batch's worth per object: lines that piled up behind a slow PUT go in several.
    const lines = this.lines.splice(0, this.settings.maxLines);
    let taken = 0;
    let groupCount = 0;
    while (taken < lines.length) taken += this.groups[groupCount++]!.count;
    const groups = this.groups.splice(0, groupCount);
    for (const line of lines) this.bytes -= line.length + 1;
    const key = this.keyOf(new Date(), this.part++);
    const started = performance.now();
    this.inFlight = this.store.put(key, `${lines.join("\n")}\n`).then(
      () => {
        this.timed(performance.now() - started);
        this.written.objects++;
        this.written.lines += lines.length;
        for (const group of groups) group.resolve();
      },
      (error: unknown) => {
        this.failure = error;
        for (const group of [...groups, ...this.groups]) group.reject(error);
        this.groups = [];
        this.lines = [];
        this.bytes = 0;
      },
    );
    void this.inFlight.finally(() => {
      this.inFlight = undefined;
      const full = this.lines.length >= this.settings.maxLines || this.bytes >= this.settings.maxBytes;
      if (this.due || full || (this.lines.length > 0 && this.timer === undefined)) this.flush();
    });
  }

  /**
   * How long a line may wait until it is stored: the linger, then one PUT (smoothed over the
   * last few, so that one stall does not count as the store's pace).
   */
  get storeMs(): number {
    return this.settings.lingerMs + this.putMs;
  }

  private timed(ms: number): void {
    this.putMs = (this.putMs + ms) / 2;
  }

  get failed(): boolean {
    return this.failure !== undefined;
  }

  /** Writes everything still waiting and resolves once it is stored (or failed). */
  async close(): Promise<void> {
    for (;;) {
      this.flush();
      const pending = this.inFlight;
      if (pending === undefined) return;
      await pending;
      await Promise.resolve();
    }
  }
}
