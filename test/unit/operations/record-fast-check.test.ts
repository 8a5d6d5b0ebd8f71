import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { activationDefinitions } from "../../../src/operations/catalog/definitions.js";
import { compileFastCheck } from "../../../src/operations/records/record-fast-check.js";
import { recordJsonSchema, recordSchema } from "../../../src/operations/records/record-schema.js";
import * as z from "../../../src/zod.js";

/** Values near every bound the vocabulary uses: lengths, digit strings, integers, enums, JSON shapes. */
function valueNear(enums: readonly string[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom("", "x", "123", "0123", "true", "false", "TRUE", " 1", "a".repeat(30), "a".repeat(31)),
    fc.constantFrom(
      "a".repeat(60),
      "a".repeat(61),
      "a".repeat(64),
      "a".repeat(65),
      "1".repeat(32),
      "1".repeat(33),
    ),
    fc.constantFrom(...(enums.length > 0 ? enums : ["OTHER"])),
    fc.string(),
    fc.constantFrom(0, 1, -1, 1.5, 2 ** 53, Number.MAX_SAFE_INTEGER, true, false, null),
    fc.integer(),
    fc.constantFrom([], ["OTHER"], ["OTHER", "nope"], [1], {}, { a: 1 }, [{}]),
  );
}

function enumsOf(node: unknown, into: string[] = []): string[] {
  if (Array.isArray(node)) for (const item of node) enumsOf(item, into);
  else if (node !== null && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === "enum" && Array.isArray(value)) into.push(...value.filter((v) => typeof v === "string"));
      else enumsOf(value, into);
    }
  }
  return into;
}

describe("the read-time check's fast path", () => {
  for (const definition of activationDefinitions()) {
    const schema = definition.record!;
    const json = recordJsonSchema(schema);
    const names = Object.keys(schema.shape);

    for (const relaxed of [[], names.slice(0, 2)]) {
      it(`${definition.name}${relaxed.length ? ` (relaxed ${relaxed})` : ""}: compiled, and agrees with zod on every record`, () => {
        const fast = compileFastCheck(schema, json, relaxed);
        expect(fast).toBeDefined();
        const shape = Object.fromEntries(relaxed.map((name) => [name, z.nullish(schema.shape[name]!)]));
        const loose = z.extend(z.catchall(schema, z.unknown()), shape);
        const record = fc.dictionary(fc.constantFrom(...names, "extra"), valueNear(enumsOf(json)), {
          maxKeys: names.length + 1,
        });
        fc.assert(
          fc.property(record, (r) => fast!(r) === loose.safeParse(r).success),
          { numRuns: 2000 },
        );
      });
    }
  }

  it("is not compiled for a schema with a refinement JSON Schema cannot state (zod alone decides)", () => {
    const schema = recordSchema({ code: z.string().check(z.refine((s) => s !== "forbidden")) });
    expect(compileFastCheck(schema, recordJsonSchema(schema), [])).toBeUndefined();
  });
});
