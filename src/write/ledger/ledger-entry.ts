/**
 * One line of the ledger. An intent is written (and stored) before the call leaves; its outcome
 * after the answer. Field names are short: the ledger is read back at every start.
 */
export interface IntentEntry {
  readonly e: "intent";
  readonly id: string;
  /** Epoch milliseconds of the try. */
  readonly at: number;
  readonly sync: string;
  readonly stream: string;
  readonly op: string;
}

export type LedgerOutcomeKind = "succeeded" | "rejected" | "ambiguous" | "not_called";

export interface OutcomeEntry {
  readonly e: "outcome";
  readonly id: string;
  readonly at: number;
  readonly kind: LedgerOutcomeKind;
  readonly wamid?: string;
  readonly flow_id?: string;
}

export type LedgerEntry = IntentEntry | OutcomeEntry;

/** A line of a ledger object, or undefined for one that is not ours (skipped, never fatal). */
export function parseLedgerLine(line: string): LedgerEntry | undefined {
  if (line === "") return undefined;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  const entry = value as Partial<Record<string, unknown>>;
  if (typeof entry.id !== "string" || typeof entry.at !== "number") return undefined;
  if (entry.e === "intent") return entry as unknown as IntentEntry;
  if (entry.e === "outcome" && typeof entry.kind === "string") return entry as unknown as OutcomeEntry;
  return undefined;
}
