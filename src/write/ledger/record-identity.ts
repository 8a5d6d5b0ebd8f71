import { hash } from "node:crypto";

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

/** JSON with object keys sorted at every level: equal data, equal text. */
export function canonicalJson(value: unknown): string {
  const copy = sortedCopy(value);
  return copy === NOT_COPYABLE ? joinedJson(value) : (JSON.stringify(copy) ?? "null");
}

const NOT_COPYABLE = Symbol("integer-like key");
const INTEGER_KEY = /^(?:0|[1-9]\d*)$/;

/**
 * The value with its objects' keys inserted in sorted order, for JSON.stringify to write as they
 * come (native, about twice as fast as joining the text here). Objects list integer-like keys
 * first in numeric order whatever the insertion order, and `__proto__` cannot be assigned: values
 * with such keys take the joined path.
 */
function sortedCopy(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (const item of value) {
      const copy = sortedCopy(item);
      if (copy === NOT_COPYABLE) return NOT_COPYABLE;
      items.push(copy);
    }
    return items;
  }
  const object = value as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const key of sortedKeys(object)) {
    if (INTEGER_KEY.test(key) || key === "__proto__") return NOT_COPYABLE;
    const item = sortedCopy(object[key]);
    if (item === NOT_COPYABLE) return NOT_COPYABLE;
    copy[key] = item;
  }
  return copy;
}

/** A record's object of a few keys is sorted in place: Array#sort costs ~800 bytes of garbage a call. */
const INSERTION_SORT_MAX = 16;

/** The object's keys in the order Array#sort gives (UTF-16 code units). */
function sortedKeys(object: Record<string, unknown>): string[] {
  const keys = Object.keys(object);
  if (keys.length > INSERTION_SORT_MAX) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i]!;
    let j = i;
    for (; j > 0 && keys[j - 1]! > key; j--) keys[j] = keys[j - 1]!;
    keys[j] = key;
  }
  return keys;
}

function joinedJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(joinedJson).join(",")}]`;
  const object = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of sortedKeys(object)) {
    if (object[key] !== undefined) parts.push(`${JSON.stringify(key)}:${joinedJson(object[key])}`);
  }
  return `{${parts.join(",")}}`;
}
