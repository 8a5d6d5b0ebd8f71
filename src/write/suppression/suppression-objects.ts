import { type ObjectStore, timeOrderedEntryKey } from "../../object-storage/index.js";
import { SuppressionDamagedError } from "./suppression-damaged-error.js";
import { type SuppressionEntry, SuppressionLineUnreadable, suppressionLine } from "./suppression-entry.js";

/** A line is about a hundred characters; a longer one is not the list's, and holding it costs memory. */
const MAX_LINE_CHARS = 64 * 1024;
const PARALLEL_GETS = 8;
/**
 * Objects up to this size (the writer's are a few KB) are fetched a few ahead of their turn and
 * held whole; a larger one is fetched at its turn and read as it arrives.
 */
const PREFETCH_MAX_BYTES = 1024 * 1024;

/**
 * The suppression list's objects in the bucket, `{bucket_path}/_whatsapp_flows_suppression/
 * entries/{epoch ms}_{sync_id}_{run}_{part}.jsonl`: a listing in key order is a listing in time
 * order. Unlike the send ledger, every object is read (an opt-out lasts until cleared), small
 * ones eight ahead, so memory holds the list and a few objects. An object that cannot be read as
 * written stops the load (SuppressionDamagedError): an unreadable list is never taken for an
 * empty one.
 */
export class SuppressionObjects {
  constructor(
    private readonly store: ObjectStore,
    private readonly folder: string,
  ) {}

  entryKey(time: Date, syncId: string, run: string, part: number): string {
    return timeOrderedEntryKey(this.folder, time, syncId, run, part);
  }

  /** Every entry, in the order written: objects a few ahead of their turn, applied in key order. */
  async load(apply: (entry: SuppressionEntry) => void): Promise<void> {
    type Body = Promise<AsyncIterable<Uint8Array> | undefined>;
    const pending: Array<{ key: string; body: Body | undefined }> = [];
    const applyHead = async () => {
      const { key, body } = pending.shift()!;
      const chunks = body === undefined ? await this.store.read(key) : await body;
      // Listed a moment ago: only a concurrent delete removes it, and then it holds nothing to apply.
      if (chunks === undefined) return;
      try {
        await readEntries(chunks, apply);
      } catch (error) {
        if (error instanceof SuppressionLineUnreadable) {
          throw new SuppressionDamagedError(this.store.bucket, key, error.message);
        }
        throw error;
      }
    };
    for await (const object of this.store.list(`${this.folder}entries/`)) {
      const body = object.size <= PREFETCH_MAX_BYTES ? this.fetchWhole(object.key) : undefined;
      // Awaited at its turn; a failure before then must not count as unhandled.
      body?.catch(() => undefined);
      pending.push({ key: object.key, body });
      if (pending.length >= PARALLEL_GETS) await applyHead();
    }
    while (pending.length > 0) await applyHead();
  }

  /** A small object's bytes, read whole ahead of its turn (a stream left waiting could time out). */
  private async fetchWhole(key: string): Promise<AsyncIterable<Uint8Array> | undefined> {
    const body = await this.store.read(key);
    if (body === undefined) return undefined;
    const chunks: Uint8Array[] = [];
    for await (const chunk of body) chunks.push(chunk);
    return (async function* () {
      yield* chunks;
    })();
  }
}

/**
 * One object, read as it arrives: UTF-8 (strictly), JSON Lines, a newline at the end (the writer
 * ends every object with one and never stores an empty one).
 */
async function readEntries(
  chunks: AsyncIterable<Uint8Array>,
  apply: (entry: SuppressionEntry) => void,
): Promise<void> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let partial = "";
  let lineNumber = 0;
  let sawBytes = false;
  const decode = (chunk?: Uint8Array) => {
    try {
      return chunk === undefined ? decoder.decode() : decoder.decode(chunk, { stream: true });
    } catch {
      throw new SuppressionLineUnreadable(`it is not UTF-8 text (from line ${lineNumber + 1} on)`);
    }
  };
  const take = (text: string) => {
    let start = 0;
    for (let end = text.indexOf("\n"); end !== -1; end = text.indexOf("\n", start)) {
      lineNumber++;
      const line = text.slice(start, end);
      start = end + 1;
      if (line === "") continue;
      const entry = suppressionLine(line, lineNumber);
      if (entry !== undefined) apply(entry);
    }
    return text.slice(start);
  };
  for await (const chunk of chunks) {
    if (chunk.byteLength > 0) sawBytes = true;
    partial = take(partial + decode(chunk));
    if (partial.length > MAX_LINE_CHARS) {
      throw new SuppressionLineUnreadable(
        `line ${lineNumber + 1} is longer than ${MAX_LINE_CHARS} characters: not a line of the list`,
      );
    }
  }
  partial = take(partial + decode());
  if (!sawBytes) throw new SuppressionLineUnreadable("it is empty (the list never writes an empty object)");
  if (partial !== "") {
    throw new SuppressionLineUnreadable(
      `its last line (line ${lineNumber + 1}) does not end with a newline: the object was cut short`,
    );
  }
}
