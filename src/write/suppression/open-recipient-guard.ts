import { randomUUID } from "node:crypto";
import type { GuardrailsConfig } from "../../config/index.js";
import type { BatchedJsonLinesWriter, ObjectStore } from "../../object-storage/index.js";
import type { LedgerEntry } from "../ledger/index.js";
import { RecipientGuard } from "./recipient-guard.js";
import { RecipientSends } from "./recipient-sends.js";
import { SuppressionList } from "./suppression-list.js";
import { SuppressionObjects } from "./suppression-objects.js";
import { suppressionPeriods } from "./suppression-periods.js";

const HOUR_MS = 3_600_000;

export interface RecipientGuardSetup {
  /** `{bucket_path}/_whatsapp_flows_suppression/` (object-storage/object-paths.ts). */
  readonly folder: string;
  readonly guardrails: GuardrailsConfig;
  readonly syncId: string;
  readonly now: () => number;
  /** A batched writer on the bucket (the journal's module holds the class: the SDK loads only with storage). */
  readonly writerFor: (keyOf: (time: Date, part: number) => string) => BatchedJsonLinesWriter;
}

export interface OpenedRecipientGuard {
  readonly guard: RecipientGuard;
  readonly writer: BatchedJsonLinesWriter;
  /** For the send ledger's one read at start: the frequency cap counts earlier sends from it. */
  readonly countLedgerEntry: ((entry: LedgerEntry) => void) | undefined;
}

/** Reads the suppression list before the first record and sets up the frequency cap. */
export async function openRecipientGuard(
  store: ObjectStore,
  setup: RecipientGuardSetup,
): Promise<OpenedRecipientGuard> {
  const { guardrails, now } = setup;
  const periods = suppressionPeriods(guardrails);
  const list = new SuppressionList(periods, now);
  const objects = new SuppressionObjects(store, setup.folder);
  await objects.load((entry) => list.apply(entry));
  const run = randomUUID().slice(0, 8);
  const writer = setup.writerFor((time, part) => objects.entryKey(time, setup.syncId, run, part));
  const max = guardrails.max_messages_per_recipient;
  const windowHours = guardrails.frequency_window_hours;
  const sends = max === undefined ? undefined : new RecipientSends(now() - windowHours * HOUR_MS);
  const guard = new RecipientGuard({
    list,
    periods,
    writer,
    syncId: setup.syncId,
    now,
    ...(max === undefined || sends === undefined ? {} : { cap: { max, windowHours, sends } }),
  });
  return {
    guard,
    writer,
    countLedgerEntry: sends === undefined ? undefined : (e) => sends.addLedgerEntry(e),
  };
}
