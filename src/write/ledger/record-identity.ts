import { createHash } from "node:crypto";

export interface IdentityInput {
  /** The stream's key (namespace and name). */
  readonly stream: string;
  /** The operation (template) the record becomes. */
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
  const hash = createHash("sha256");
  hash.update(input.stream).update("\u0000").update(input.operation).update("\u0000");
  if (input.matchingKey !== undefined) hash.update("key\u0000").update(input.matchingKey);
  else hash.update("record\u0000").update(canonicalJson(input.record));
  return hash.digest("base64url").slice(0, 22);
}

/** JSON with object keys sorted at every level: equal data, equal text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object).sort();
  const parts: string[] = [];
  for (const key of keys) {
    if (object[key] !== undefined) parts.push(`${JSON.stringify(key)}:${canonicalJson(object[key])}`);
  }
  return `{${parts.join(",")}}`;
}
