/**
 * JSON with every object's keys in `Array.prototype.sort` order (UTF-16 code units) at every
 * level, values as `JSON.stringify` writes them: equal data, equal text. The send ledger's record
 * identities and the default callback data's `record_hash` are hashes of it, stored in buckets and
 * in the warehouses that join Meta's status webhooks: its output must never change (tests pin
 * it to the definition, key by key).
 */
export function canonicalJson(value: unknown): string {
  const copy = sortedCopy(value);
  return copy === NOT_COPYABLE ? joinedJson(value) : (JSON.stringify(copy) ?? "null");
}

const NOT_COPYABLE = Symbol("integer-like key");
const INTEGER_KEY = /^(?:0|[1-9]\d*)$/;

/**
 * The value with its objects' keys inserted in sorted order, for `JSON.stringify` to write as
 * they come: its native pass over a fresh copy is faster than giving it the sorted keys as a
 * property list (which leaves its fast path) or joining the text here (bench/README.md, "What a
 * send allocates").
 * Objects list integer-like keys first in numeric order whatever the insertion order, and
 * `__proto__` cannot be assigned: values with such keys take the joined path.
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

/** A record's object of a few keys is sorted in place: Array#sort leaves a work array behind a call. */
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

/** The same text, joined key by key: for the values a copy cannot hold in sorted order. */
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
