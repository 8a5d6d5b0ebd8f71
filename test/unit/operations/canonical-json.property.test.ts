import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { recordHash } from "../../../src/operations/messages/callback-data.js";
import { canonicalJson } from "../../../src/operations/records/canonical-json.js";

/**
 * The send ledger's record identities and the default callback data's `record_hash` hash this
 * text, and both outlive a connector version (in buckets, in warehouses): it must stay byte for
 * byte the definition below, whatever the record holds.
 */
function definition(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(definition).join(",")}]`;
  const object = value as Record<string, unknown>;
  const parts = Object.keys(object)
    .sort()
    .filter((key) => object[key] !== undefined)
    .map((key) => `${JSON.stringify(key)}:${definition(object[key])}`);
  return `{${parts.join(",")}}`;
}

/** Keys a record may have: words, array indexes ("9" sorts after "10"), unicode, odd ones. */
const key = fc.oneof(
  fc.string(),
  fc.nat(1_000).map(String),
  fc.constantFrom("0", "01", "-1", "__proto__", "toJSON", "constructor", "", "é", "Z", "a b", "😀"),
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

/** Through JSON text, as records arrive: `__proto__` is then an own key. */
const asReceived = (data: unknown): unknown => JSON.parse(JSON.stringify(data));

describe("canonical JSON (the record identities' and record hashes' text)", () => {
  it("writes the definition's text for any value, wide objects (past the small-object sort) included", () => {
    const wide = fc.dictionary(fc.oneof(key, fc.string({ unit: "binary" })), fc.integer(), {
      minKeys: 10,
      maxKeys: 40,
    });
    fc.assert(
      fc.property(fc.oneof(value, wide), (data) => {
        const parsed = asReceived(data);
        expect(canonicalJson(parsed)).toBe(definition(parsed));
      }),
      { numRuns: 2_500 },
    );
  });

  it("orders array-index keys as strings, nested objects' keys too, and keeps a __proto__ key as data", () => {
    const data = JSON.parse('{"b":{"9":1,"10":2,"a":[{"z":1,"y":2}]},"a":null}') as unknown;
    expect(canonicalJson(data)).toBe('{"a":null,"b":{"10":2,"9":1,"a":[{"y":2,"z":1}]}}');
    const withProto = JSON.parse('{"x":{"y":1},"__proto__":{"b":1,"a":2}}') as unknown;
    expect(canonicalJson(withProto)).toBe('{"__proto__":{"a":2,"b":1},"x":{"y":1}}');
  });

  it("is what the default callback data's record_hash hashes (SHA-256, hex)", () => {
    const record = { to: "15550001", data: { b: 1, a: [true] } };
    const text = '{"data":{"a":[true],"b":1},"to":"15550001"}';
    expect(recordHash(record)).toBe(createHash("sha256").update(text).digest("hex"));
  });
});
