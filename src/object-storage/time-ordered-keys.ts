import { encodeKeySegment } from "./object-paths.js";

/** Epoch milliseconds, zero-padded: keys that start with them list in time order. */
const TIME_DIGITS = 13;

/** `time` (epoch ms) as the start of a time-ordered key. */
export function keyTime(epochMs: number): string {
  return String(epochMs).padStart(TIME_DIGITS, "0");
}

/**
 * `{folder}entries/{epoch ms}_{sync_id}_{run}_{part}.jsonl`: the send ledger's and the suppression
 * list's objects. A listing in key order is the order they were written in, and a listing can
 * start after a time (`keyTime`).
 */
export function timeOrderedEntryKey(
  folder: string,
  time: Date,
  syncId: string,
  run: string,
  part: number,
): string {
  return `${folder}entries/${keyTime(time.getTime())}_${encodeKeySegment(syncId)}_${run}_${part}.jsonl`;
}
