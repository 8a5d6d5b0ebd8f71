import { hash } from "node:crypto";
import type { LedgerEntry } from "../ledger/index.js";

/**
 * A sender and recipient as one short string: what the send ledger's succeeded outcomes carry
 * (`r`) so that a later sync can count a recipient's messages without keeping phone numbers in
 * the ledger. 96 bits of SHA-256: collisions are out of reach at any audience's size.
 */
export function recipientKey(phoneNumberId: string, recipient: string): string {
  return hash("sha256", `${phoneNumberId}\u0000${recipient}`, "base64url").slice(0, 16);
}

/**
 * How many messages each recipient got within the frequency window: the ledger's succeeded
 * outcomes of earlier syncs (fed from the ledger's one streamed read at start) plus this sync's
 * sends, counted from their check until they turn out not to have been sent. A send in flight
 * counts, so concurrent records to one recipient cannot pass the cap together; an ambiguous one
 * keeps counting (it may have been delivered).
 */
export class RecipientSends {
  private readonly counts = new Map<string, number>();

  constructor(private readonly windowStart: number) {}

  /** A ledger entry of an earlier attempt, in the order read. */
  addLedgerEntry(entry: LedgerEntry): void {
    if (entry.e !== "outcome" || entry.kind !== "succeeded" || entry.r === undefined) return;
    if (entry.at < this.windowStart) return;
    this.counts.set(entry.r, (this.counts.get(entry.r) ?? 0) + 1);
  }

  count(key: string): number {
    return this.counts.get(key) ?? 0;
  }

  reserve(key: string): void {
    this.counts.set(key, this.count(key) + 1);
  }

  /** A reserved send that was not made (rejected, or stopped before its call). */
  release(key: string): void {
    const left = this.count(key) - 1;
    if (left > 0) this.counts.set(key, left);
    else this.counts.delete(key);
  }
}
