import { joinKey } from "./object-paths.js";
import { keyTime } from "./time-ordered-keys.js";

const PART_DIGITS = 6;

/**
 * Where response webhook envelopes that could not be delivered wait for a later sync: beside the
 * sync folders and the send ledger, under a name no sync_id can take.
 */
export function webhookOutboxFolder(bucketPath: string): string {
  return `${joinKey(bucketPath, "_whatsapp_flows_webhook_outbox")}/`;
}

/**
 * `{run start, epoch ms}_{sync_id}_{run}_{part}.jsonl`. The run's start time, not each object's,
 * and a zero-padded part: a listing in key order is the order the envelopes were stored in, within
 * a run whatever the clock does, and across runs because a connection's runs follow each other.
 */
export function webhookOutboxKey(
  folder: string,
  runStartedMs: number,
  syncId: string,
  run: string,
  part: number,
): string {
  return `${folder}${keyTime(runStartedMs)}_${syncId}_${run}_${String(part).padStart(PART_DIGITS, "0")}.jsonl`;
}
