import { type Json, normalise } from "../../config/index.js";
import * as z from "../../zod.js";
import { withMeta } from "../../zod.js";
import type { RecordSchema } from "../contract/definition.js";
import { PARAMETER_TEXT_PATTERN } from "./parameter-text.js";
import {
  RECIPIENT_MAX_INTEGER,
  RECIPIENT_MAX_LENGTH,
  RECIPIENT_MIN_INTEGER,
  RECIPIENT_PATTERN,
  RECIPIENT_SHORT,
} from "./recipient.js";

/**
 * The vocabulary of record schemas. One zod schema per operation is the source of both the
 * draft-07 JSON Schema that `discover` offers and the check every record passes when it is read
 * (./record-check.ts). Optional fields are nullish: sources send null for empty columns.
 */
export type RecordShape = z.core.$ZodShape;

/**
 * A strict object: with data activation the platform then refuses to map a field the call would
 * silently drop (`additionalProperties: false`). At read time extra fields are tolerated, since
 * classic connections hand over whole source rows.
 */
export function recordSchema(shape: RecordShape): RecordSchema {
  return z.strictObject(shape);
}

const ID = /^\d{1,32}$/;
const BOOLEAN_TEXT = /^(true|false)$/;

export const field = {
  /** Graph object ids: digit strings, or the integers sources often type them as. */
  id: (description: string) =>
    withMeta(z.union([z.string().check(z.regex(ID)), z.int().check(z.minimum(0))]), { description }),
  text: (description: string, maxLength?: number) =>
    withMeta(
      maxLength === undefined
        ? z.string().check(z.minLength(1))
        : z.string().check(z.minLength(1), z.maxLength(maxLength)),
      { description },
    ),
  /** A recipient's phone number (./recipient.ts): sources may type it as a number. */
  phone: (description: string) =>
    withMeta(
      z.union([
        z.string().check(z.maxLength(RECIPIENT_MAX_LENGTH), z.regex(RECIPIENT_PATTERN)),
        z.int().check(z.minimum(RECIPIENT_MIN_INTEGER), z.maximum(RECIPIENT_MAX_INTEGER)),
      ]),
      { description },
    ),
  /** A template's text parameter, within Meta's rule (./parameter-text.ts). */
  parameterText: (description: string) =>
    withMeta(z.string().check(z.minLength(1), z.regex(PARAMETER_TEXT_PATTERN)), { description }),
  /** Booleans, and the strings "true"/"false" that CSV and warehouse sources produce. */
  flag: (description: string) =>
    withMeta(z.union([z.boolean(), z.string().check(z.regex(BOOLEAN_TEXT))]), { description }),
  /** An object, or its JSON text (warehouse sources hand JSON columns over as strings). */
  json: (description: string) =>
    withMeta(z.union([z.looseObject({}), z.string().check(z.minLength(1))]), { description }),
  object: (description: string) => withMeta(z.looseObject({}), { description }),
  oneOf: <T extends readonly [string, ...string[]]>(values: T, description: string) =>
    withMeta(z.enum(values), { description }),
  /** An array of the given values, or its JSON text. */
  list: <T extends readonly [string, ...string[]]>(values: T, description: string) =>
    withMeta(z.union([z.array(z.enum(values)).check(z.minLength(1)), z.string().check(z.minLength(1))]), {
      description,
    }),
};

/** Marks a field optional (absent or null), keeping its description. */
export function optional<T extends z.ZodMiniType>(schema: T) {
  const description = z.globalRegistry.get(schema)?.description;
  return withMeta(z.nullish(schema), description === undefined ? {} : { description });
}

type Node = { [key: string]: Json };

/**
 * draft-07 JSON Schema of a record schema, in the form the platform's UI reads best: a union of
 * simple types becomes one `type` list (`["string", "integer"]`; type-specific keywords such as
 * `pattern` or `minimum` apply to their own type only, so merging them is exact).
 */
export function recordJsonSchema(schema: RecordSchema): Node {
  const raw = z.toJSONSchema(schema, { target: "draft-7", io: "input", unrepresentable: "throw" });
  const node = collapse(normalise(raw as Json));
  return node as Node;
}

function collapse(node: Json): Json {
  if (Array.isArray(node)) return node.map(collapse);
  if (node === null || typeof node !== "object") return node;
  const out: Node = {};
  for (const [key, value] of Object.entries(node)) out[key] = collapse(value);
  const branches = out.anyOf;
  if (!Array.isArray(branches) || !branches.every(isSimpleBranch)) return out;
  const merged: Node = {};
  const types: string[] = [];
  for (const branch of branches as Node[]) {
    for (const [key, value] of Object.entries(branch)) {
      if (key === "type") {
        for (const type of [value].flat() as string[]) if (!types.includes(type)) types.push(type);
      } else if (key in merged && JSON.stringify(merged[key]) !== JSON.stringify(value)) {
        return out; // two branches disagree on a keyword: keep the anyOf
      } else {
        merged[key] = value;
      }
    }
  }
  if (Array.isArray(merged.enum)) {
    // enum constrains every type: only "one of these, or null" merges exactly
    if (types.some((type) => type !== "null" && type !== "string")) return out;
    if (types.includes("null")) merged.enum = [...merged.enum, null];
  }
  const { anyOf: _, ...rest } = out;
  return { ...merged, ...rest, type: types.length === 1 ? types[0]! : types };
}

function isSimpleBranch(branch: Json): boolean {
  return (
    branch !== null &&
    typeof branch === "object" &&
    !Array.isArray(branch) &&
    branch.type !== undefined &&
    branch.anyOf === undefined
  );
}

/** What a field's JSON Schema expects, in words: for read-time errors and the docs tables. */
export function describeExpected(node: Node): string {
  if (node.pattern === RECIPIENT_PATTERN.source) return RECIPIENT_SHORT;
  if (node.pattern === PARAMETER_TEXT_PATTERN.source) {
    return "a non-empty string without line breaks, tabs or control characters, at most four spaces in a row";
  }
  const types = ([node.type].flat() as string[]).filter((type) => type !== "null");
  return types.map((type) => describeType(type, node)).join(" or ");
}

function describeType(type: string, node: Node): string {
  switch (type) {
    case "string": {
      if (Array.isArray(node.enum)) {
        return `one of ${node.enum
          .filter((v) => v !== null)
          .map((v) => JSON.stringify(v))
          .join(", ")}`;
      }
      const limits: string[] = [];
      if (typeof node.maxLength === "number") limits.push(`at most ${node.maxLength} characters`);
      if (node.pattern === BOOLEAN_TEXT.source) return '"true" or "false"';
      if (node.pattern === ID.source) return "a string of digits";
      if (typeof node.pattern === "string") limits.push(`matching ${node.pattern}`);
      return `a non-empty string${limits.length ? ` (${limits.join(", ")})` : ""}`;
    }
    case "integer":
      if (node.minimum === 0) return "a non-negative integer";
      return typeof node.minimum === "number" ? `an integer ≥ ${node.minimum}` : "an integer";
    case "array": {
      const items = node.items as Node | undefined;
      return Array.isArray(items?.enum) ? `a non-empty array of ${items.enum.join(", ")}` : "an array";
    }
    case "boolean":
      return "a boolean";
    default:
      return `an ${type}`;
  }
}
