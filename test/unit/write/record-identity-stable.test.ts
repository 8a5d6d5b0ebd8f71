import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, recordIdentity } from "../../../src/write/ledger/record-identity.js";

/** The definition: keys sorted level by level, the text joined by hand. */
function reference(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(reference).join(",")}]`;
  const object = value as Record<string, unknown>;
  const parts = Object.keys(object)
    .sort()
    .filter((key) => object[key] !== undefined)
    .map((key) => `${JSON.stringify(key)}:${reference(object[key])}`);
  return `{${parts.join(",")}}`;
}

describe("record identity across versions (the ledgers of earlier attempts must still match)", () => {
  it("keeps the identities earlier versions wrote", () => {
    const send = {
      stream: "invites",
      operation: "send_published_flow",
      record: {
        to: "15550001",
        body: { text: "hi", lang: "en" },
        n: 1.5,
        list: [3, null, { b: 1, a: [true, "x"] }],
      },
    };
    expect(recordIdentity(send)).toBe("Pqd64i21UbD04W6wZ0yKA2");
    const keyed = {
      stream: "ns\u0000s",
      operation: "create_flow",
      matchingKey: "flow:name",
      record: { any: 1 },
    };
    expect(recordIdentity(keyed)).toBe("rFShAqCYJ0qlGNECbVnon5");
    const odd = { "": "", nested: { deep: { x: [], y: {} } }, z: '\u2028"q"' };
    expect(recordIdentity({ stream: "é", operation: "advanced", record: odd })).toBe(
      "wXmes17idFCV6bvIlqhIUD",
    );
  });

  it("writes the same canonical text as sorting level by level, integer-like and __proto__ keys included", () => {
    const key = fc.oneof(fc.string(), fc.constantFrom("0", "2", "10", "01", "__proto__", "-1", "a"));
    const json = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: "small" },
        fc.oneof(
          fc.string(),
          fc.double({ noNaN: true, noDefaultInfinity: true }),
          fc.boolean(),
          fc.constant(null),
        ),
        fc.array(tie("value"), { maxLength: 4 }),
        fc.dictionary(key, tie("value"), { maxKeys: 5 }),
      ),
    })).value;
    fc.assert(
      fc.property(json, (value) => {
        // Through JSON text, as records arrive: `__proto__` is then an own key.
        const parsed: unknown = JSON.parse(JSON.stringify(value));
        expect(canonicalJson(parsed)).toBe(reference(parsed));
      }),
      { numRuns: 500 },
    );
    // Wide objects (past the small-object sort) and keys of any UTF-16 code units.
    const wide = fc.dictionary(fc.oneof(key, fc.string({ unit: "binary" })), fc.integer(), {
      minKeys: 10,
      maxKeys: 40,
    });
    fc.assert(
      fc.property(wide, (value) => {
        const parsed: unknown = JSON.parse(JSON.stringify(value));
        expect(canonicalJson(parsed)).toBe(reference(parsed));
      }),
      { numRuns: 300 },
    );
    expect(canonicalJson(JSON.parse('{"__proto__":1,"b":{"10":0,"2":0}}'))).toBe(
      '{"__proto__":1,"b":{"10":0,"2":0}}',
    );
  });
});
