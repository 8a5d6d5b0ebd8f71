import type { JournalEntry, RouteName } from "./types.js";

/** Every request in order; bounded: past the limit the oldest half is dropped at once. */
export class Journal {
  private entries: JournalEntry[] = [];
  private seq = 0;
  dropped = 0;

  constructor(private readonly limit: number) {}

  start(method: string, path: string, route: RouteName | "control"): JournalEntry {
    this.seq += 1;
    const entry: JournalEntry = { seq: this.seq, time: Date.now(), method, path, route, status: 0 };
    if (this.entries.length >= this.limit) {
      const drop = Math.max(1, Math.floor(this.limit / 2));
      this.entries.splice(0, drop);
      this.dropped += drop;
    }
    this.entries.push(entry);
    return entry;
  }

  /** Entries with seq greater than `since` (all by default), copied. */
  list(since = 0): JournalEntry[] {
    const out: JournalEntry[] = [];
    for (const e of this.entries) if (e.seq > since) out.push({ ...e });
    return out;
  }

  clear(): void {
    this.entries = [];
    this.dropped = 0;
  }
}
