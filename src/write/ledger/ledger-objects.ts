import type { ObjectStore } from "../../object-storage/index.js";
import { type LedgerEntry, parseLedgerLine } from "./ledger-entry.js";
import { LedgerIndex } from "./ledger-index.js";

const HOUR_MS = 3_600_000;
const PARALLEL_GETS = 8;
const TIME_DIGITS = 13;

/**
 * The ledger's objects in the bucket. Entry objects are named `entries/{epoch ms}_{sync_id}_
 * {run}_{part}.jsonl`, so a listing in key order is a listing in time order and `start-after`
 * skips everything older than the window without reading it. `syncs/{sync_id}.json` remembers
 * when a job's first attempt started, so a job that outlives the window still sees all of its
 * own attempts.
 */
export class LedgerObjects {
  constructor(
    private readonly store: ObjectStore,
    private readonly folder: string,
  ) {}

  entryKey(time: Date, syncId: string, run: string, part: number): string {
    return `${this.folder}entries/${String(time.getTime()).padStart(TIME_DIGITS, "0")}_${syncId}_${run}_${part}.jsonl`;
  }

  /** When this job's first attempt started; recorded now if this is the first. */
  async jobStart(syncId: string, now: number): Promise<number> {
    const key = `${this.folder}syncs/${syncId}.json`;
    const text = await this.store.get(key);
    const recorded =
      text === undefined ? undefined : Number((JSON.parse(text) as { started_at?: unknown }).started_at);
    if (recorded !== undefined && Number.isFinite(recorded)) return recorded;
    await this.store.put(key, JSON.stringify({ started_at: now }), "application/json");
    return now;
  }

  /**
   * Every entry of this job and of the last `windowHours`, in the order written. Objects are read
   * a few at a time and applied in key order, so memory holds the index plus a few objects.
   */
  async load(
    syncId: string,
    windowHours: number,
    now: number,
    index = new LedgerIndex(),
  ): Promise<LedgerIndex> {
    const windowStart = now - windowHours * HOUR_MS;
    const jobStart = await this.jobStart(syncId, now);
    const since = Math.min(windowStart, jobStart);
    const prefix = `${this.folder}entries/`;
    const startAfter = `${prefix}${String(Math.max(0, since - 1)).padStart(TIME_DIGITS, "0")}`;
    const wanted: string[] = [];
    for await (const object of this.store.list(prefix, startAfter)) {
      const [time, sync] = object.key.slice(prefix.length).split("_");
      if (Number(time) >= windowStart || sync === syncId) wanted.push(object.key);
    }
    for (let i = 0; i < wanted.length; i += PARALLEL_GETS) {
      const texts = await Promise.all(wanted.slice(i, i + PARALLEL_GETS).map((key) => this.store.get(key)));
      for (const text of texts) for (const entry of entriesOf(text)) index.add(entry);
    }
    return index;
  }
}

function* entriesOf(text: string | undefined): Generator<LedgerEntry> {
  if (text === undefined) return;
  for (const line of text.split("\n")) {
    const entry = parseLedgerLine(line);
    if (entry !== undefined) yield entry;
  }
}
