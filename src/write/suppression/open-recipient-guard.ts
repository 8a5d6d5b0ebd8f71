import { randomUUID } from "node:crypto";
import type { GuardrailsConfig } from "../../config/index.js";
import type { BatchedJsonLinesWriter, ObjectStore } from "../../object-storage/index.js";
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
  /** The frequency cap's count (recipientSendsFor), already fed from the send ledger; none without a cap. */
  readonly sends: RecipientSends | undefined;
}

export interface OpenedRecipientGuard {
  readonly guard: RecipientGuard;
  readonly writer: BatchedJsonLinesWriter;
}

/** The frequency cap's count, to feed from the send ledger's read; undefined without a cap. */
export function recipientSendsFor(
  guardrails: GuardrailsConfig,
  now: () => number,
): RecipientSends | undefined {
  if (guardrails.max_messages_per_recipient === undefined) return undefined;
  return new RecipientSends(now() - guardrails.frequency_window_hours * HOUR_MS);
}

/** Reads the suppression list before the first record and sets up the guard around it. */
export async function openRecipientGuard(
  store: ObjectStore,
  setup: RecipientGuardSetup,
): Promise<OpenedRecipientGuard> {
  const { guardrails, now, sends } = setup;
  const periods = suppressionPeriods(guardrails);
  const list = new SuppressionList(periods, now);
  const objects = new SuppressionObjects(store, setup.folder);
  await objects.load((entry) => list.apply(entry));
  const run = randomUUID().slice(0, 8);
  const writer = setup.writerFor((time, part) => objects.entryKey(time, setup.syncId, run, part));
  const max = guardrails.max_messages_per_recipient;
  const windowHours = guardrails.frequency_window_hours;
  const guard = new RecipientGuard({
    list,
    periods,
    writer,
    syncId: setup.syncId,
    now,
    ...(max === undefined || sends === undefined ? {} : { cap: { max, windowHours, sends } }),
  });
  return { guard, writer };
}
