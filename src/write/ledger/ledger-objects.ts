import {
  encodeKeySegment,
  keyTime,
  type ObjectStore,
  timeOrderedEntryKey,
} from "../../object-storage/index.js";
import { LedgerDamagedError } from "./ledger-damaged-error.js";
import type { LedgerEntry } from "./ledger-entry.js";
import { LedgerIndex } from "./ledger-index.js";
import { LedgerObjectUnreadable, readLedgerEntries } from "./ledger-object-reader.js";

const HOUR_MS = 3_600_000;
const PARALLEL_GETS = 8;
/**
 * Objects up to this size are fetched a few ahead of their turn and held whole (the writer's are
 * ~50 KB); a larger one is fetched at its turn and read as it arrives, so that memory holds the
 * index, a few small objects and one chunk, whatever the objects' sizes.
 */
const PREFETCH_MAX_BYTES = 1024 * 1024;

/** One object to apply, in key order: its bytes already on their way, or to be read at its turn. */
interface Pending {
  readonly key: string;
  readonly fetched: Promise<Uint8Array[] | undefined> | undefined;
}

/**
 * The ledger's objects in the bucket. Entry objects are named `entries/{epoch ms}_{sync_id}_
 * {run}_{part}.jsonl`, so a listing in key order is a listing in time order and `start-after`
 * skips everything older than the window without reading it. `syncs/{sync_id}.json` remembers
 * when a job's first attempt started, so a job that outlives the window still sees all of its
 * own attempts. An object that cannot be read as written stops the load (LedgerDamagedError):
 * an unreadable ledger is never taken for an empty one.
 */
export class LedgerObjects {
  constructor(
    private readonly store: ObjectStore,
    private readonly folder: string,
  ) {}

  entryKey(time: Date, syncId: string, run: string, part: number): string {
    return timeOrderedEntryKey(this.folder, time, syncId, run, part);
  }

  /** When this job's first attempt started; recorded now if this is the first. */
  async jobStart(syncId: string, now: number): Promise<number> {
    const key = `${this.folder}syncs/${encodeKeySegment(syncId)}.json`;
    const text = await this.store.get(key);
    if (text !== undefined) return this.startedAt(key, text);
    await this.store.put(key, JSON.stringify({ started_at: now }), "application/json");
    return now;
  }

  private startedAt(key: string, text: string): number {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new LedgerDamagedError(
        this.store.bucket,
        key,
        "job_start",
        text === "" ? "it is empty" : "it is not JSON",
      );
    }
    const startedAt = (value as { started_at?: unknown } | null)?.started_at;
    if (typeof startedAt === "number" && Number.isFinite(startedAt) && startedAt >= 0) return startedAt;
    throw new LedgerDamagedError(this.store.bucket, key, "job_start", "it has no started_at time");
  }

  /**
   * Every entry of this job and of the last `windowHours`, in the order written. Objects are
   * fetched a few at a time while the listing goes on, and applied in key order.
   */
  async load(
    syncId: string,
    windowHours: number,
    now: number,
    index = new LedgerIndex(),
    /** Sees every entry the index does, in the same order (the frequency cap counts from it). */
    alsoApply?: (entry: LedgerEntry) => void,
  ): Promise<LedgerIndex> {
    const windowStart = now - windowHours * HOUR_MS;
    const jobStart = await this.jobStart(syncId, now);
    const since = Math.min(windowStart, jobStart);
    const prefix = `${this.folder}entries/`;
    const startAfter = `${prefix}${keyTime(Math.max(0, since - 1))}`;
    const ownSync = encodeKeySegment(syncId);
    const pending: Pending[] = [];
    const applyHead = async () => {
      const { key, fetched } = pending.shift()!;
      const chunks = fetched === undefined ? await this.store.read(key) : await fetched;
      // Listed a moment ago: only a concurrent delete removes it, and then it holds nothing to apply.
      if (chunks === undefined) return;
      try {
        await readLedgerEntries(
          chunks,
          alsoApply === undefined
            ? (entry) => index.add(entry)
            : (entry) => {
                index.add(entry);
                alsoApply(entry);
              },
        );
      } catch (error) {
        if (error instanceof LedgerObjectUnreadable) {
          throw new LedgerDamagedError(this.store.bucket, key, "entries", error.message);
        }
        throw error;
      }
    };
    for await (const object of this.store.list(prefix, startAfter)) {
      const name = entryName(object.key.slice(prefix.length));
      if (name === undefined || (name.time < windowStart && name.sync !== ownSync)) continue;
      const fetched = object.size <= PREFETCH_MAX_BYTES ? this.fetchWhole(object.key) : undefined;
      // Awaited at its turn; a failure before then must not count as unhandled.
      fetched?.catch(() => undefined);
      pending.push({ key: object.key, fetched });
      if (pending.length >= PARALLEL_GETS) await applyHead();
    }
    while (pending.length > 0) await applyHead();
    return index;
  }

  private async fetchWhole(key: string): Promise<Uint8Array[] | undefined> {
    const body = await this.store.read(key);
    if (body === undefined) return undefined;
    const chunks: Uint8Array[] = [];
    for await (const chunk of body) chunks.push(chunk);
    return chunks;
  }
}

/**
 * `{epoch ms}_{sync_id}_{run}_{part}.jsonl`, read from both ends: a sync_id may hold `_`. Another
 * name (an object someone else put there) is not the ledger's and is not read.
 */
function entryName(name: string): { time: number; sync: string } | undefined {
  const match = /^(\d+)_(.+)_[^_]+_\d+\.jsonl$/.exec(name);
  return match === null ? undefined : { time: Number(match[1]), sync: match[2]! };
}
