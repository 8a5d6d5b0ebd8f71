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
  /**
   * A succeeded message send's sender and recipient, hashed (suppression/recipient-sends.ts): the
   * frequency cap counts them. Absent in ledgers written before it and for other calls.
   */
  readonly r?: string;
}

export type LedgerEntry = IntentEntry | OutcomeEntry;
