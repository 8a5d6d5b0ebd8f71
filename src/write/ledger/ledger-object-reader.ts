import { jsonLinesEntry } from "../../object-storage/index.js";
import type { LedgerEntry } from "./ledger-entry.js";

/** A ledger line is a few hundred characters; a longer one is not the ledger's, and holding it costs memory. */
export const MAX_LEDGER_LINE_CHARS = 64 * 1024;

/** What is wrong with an object, in words for the user (the caller names the object). */
export class LedgerObjectUnreadable extends Error {}

/**
 * One entries object, read as it arrives: UTF-8 text (strictly: random bytes are not mistaken for
 * text), lines no longer than MAX_LEDGER_LINE_CHARS, each a JSON object. An entry of a kind this
 * version knows must have its fields; an entry of another kind (a later version's) is skipped. The
 * writer ends every object with a newline and never stores an empty one, so a last line without
 * one is an object cut short, and an object without entries was emptied. Memory holds one chunk
 * and one line, whatever the object's size. Resolves with the number of entries applied.
 */
export async function readLedgerEntries(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  apply: (entry: LedgerEntry) => void,
): Promise<number> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let partial = "";
  let lineNumber = 0;
  let entries = 0;
  const take = (line: string) => {
    lineNumber++;
    if (line === "") return;
    const entry = ledgerLine(line, lineNumber);
    if (entry === undefined) return;
    entries++;
    apply(entry);
  };
  const decode = (chunk?: Uint8Array) => {
    try {
      return chunk === undefined ? decoder.decode() : decoder.decode(chunk, { stream: true });
    } catch {
      throw new LedgerObjectUnreadable(`it is not UTF-8 text (from line ${lineNumber + 1} on)`);
    }
  };
  let sawBytes = false;
  for await (const chunk of chunks) {
    if (chunk.byteLength > 0) sawBytes = true;
    const text = partial + decode(chunk);
    let start = 0;
    for (let end = text.indexOf("\n"); end !== -1; end = text.indexOf("\n", start)) {
      take(text.slice(start, end));
      start = end + 1;
    }
    partial = text.slice(start);
    if (partial.length > MAX_LEDGER_LINE_CHARS) {
      throw new LedgerObjectUnreadable(
        `line ${lineNumber + 1} is longer than ${MAX_LEDGER_LINE_CHARS} characters: not a line of the ledger`,
      );
    }
  }
  partial += decode();
  if (!sawBytes) throw new LedgerObjectUnreadable("it is empty (the ledger never writes an empty object)");
  if (partial !== "") {
    throw new LedgerObjectUnreadable(
      `its last line (line ${lineNumber + 1}) does not end with a newline: the object was cut short`,
    );
  }
  if (entries === 0)
    throw new LedgerObjectUnreadable("it holds no entry (the ledger never writes an empty object)");
  return entries;
}

/** A line's entry; undefined for an entry of a kind this version does not know; throws for a damaged line. */
export function ledgerLine(line: string, lineNumber: number): LedgerEntry | undefined {
  const entry = jsonLinesEntry(
    line,
    lineNumber,
    "a ledger entry",
    (reason) => new LedgerObjectUnreadable(reason),
  );
  if (entry.e !== "intent" && entry.e !== "outcome") return undefined;
  const complete =
    typeof entry.id === "string" &&
    typeof entry.at === "number" &&
    (entry.e === "intent" || typeof entry.kind === "string");
  if (!complete)
    throw new LedgerObjectUnreadable(`line ${lineNumber} is a ledger ${entry.e} without its fields`);
  return entry as unknown as LedgerEntry;
}
