import { hash } from "node:crypto";
import { canonicalJson } from "../../operations/records/canonical-json.js";

export interface IdentityInput {
  /** The stream's key (namespace and name). */
  readonly stream: string;
  /** The operation's name (`endpoint.template`) the record becomes. */
  readonly operation: string;
  /** The record's matching key, when its operation defines one: then the identity is that key. */
  readonly matchingKey?: string;
  /** The record as received (its data): hashed when there is no matching key. */
  readonly record: Readonly<Record<string, unknown>>;
}

/**
 * Who a call is for and what it says, as one short stable string: the ledger's key. Stream and
 * operation always take part; then the matching key when the operation has one, otherwise a
 * SHA-256 of the record's data in canonical JSON (keys sorted), so the same record read again
 * (a retried attempt, a resumed sync, the next sync of the window) has the same identity, and any
 * change to any field (a new flow_token, a campaign field) makes a new one. 128 bits of the hash:
 * collisions are out of reach at any sync's size.
 */
export function recordIdentity(input: IdentityInput): string {
  const subject =
    input.matchingKey !== undefined
      ? `key\u0000${input.matchingKey}`
      : `record\u0000${canonicalJson(input.record)}`;
  // One-shot: a Hash object per record cost more than the hashing (the ledger's CPU per send).
  return hash("sha256", `${input.stream}\u0000${input.operation}\u0000${subject}`, "base64url").slice(0, 22);
}
