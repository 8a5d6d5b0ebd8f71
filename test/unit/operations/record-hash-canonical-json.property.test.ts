import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, recordHash } from "../../../src/operations/messages/callback-data.js";
import type { RecordData } from "../../../src/operations/records/record-fields.js";

/**
 * The `record_hash` in a send's default callback data is what a warehouse joins Meta's status
 * webhooks on, across connector versions: its canonical JSON must stay byte for byte the
 * definition below (keys sorted by `Array.prototype.sort` at every level, values as
 * `JSON.stringify` writes them), whatever the record holds.
 */
function definition(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(definition).join(",")}]`;
  const object = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(object).sort()) {
    if (object[key] !== undefined) parts.push(`${JSON.stringify(key)}:${definition(object[key])}`);
  }
  return `{${parts.join(",")}}`;
}

/** Keys a record may have: words, array indexes ("9" sorts after "10"), unicode, odd ones. */
const key = fc.oneof(
  fc.string(),
  fc.nat(1_000).map(String),
  fc.constantFrom("__proto__", "toJSON", "constructor", "", "é", "Z", "a b", "😀"),
);
const { value } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.constantFrom(null, true, false, 0, -0, 1.5e300),
    fc.string({ unit: "binary" }),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(key, tie("value"), { maxKeys: 6 }),
  ),
}));
const record = fc.dictionary(key, value, { maxKeys: 8 });

describe("the default callback data's record hash", () => {
  it("hashes the canonical JSON of the definition, for any record", () => {
    fc.assert(
      fc.property(record, (data) => {
        const parsed = JSON.parse(JSON.stringify(data)) as RecordData;
        expect(canonicalJson(parsed)).toBe(definition(parsed));
      }),
      { numRuns: 2_000 },
    );
  });

  it("orders array-index keys as strings, nested objects' keys too, and keeps a __proto__ key as data", () => {
    const data = JSON.parse('{"b":{"9":1,"10":2,"a":[{"z":1,"y":2}]},"a":null}') as RecordData;
    const canonical = '{"a":null,"b":{"10":2,"9":1,"a":[{"y":2,"z":1}]}}';
    expect(canonicalJson(data)).toBe(canonical);
    expect(recordHash(data)).toBe(createHash("sha256").update(canonical).digest("hex"));
    const withProto = JSON.parse('{"x":{"y":1},"__proto__":{"b":1,"a":2}}') as RecordData;
    expect(canonicalJson(withProto)).toBe('{"__proto__":{"a":2,"b":1},"x":{"y":1}}');
  });
});
