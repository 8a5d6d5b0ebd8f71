import type { Json } from "../../config/index.js";
import type * as z from "../../zod.js";

type Node = { readonly [key: string]: Json };
type Test = (value: unknown) => boolean;

interface Field {
  readonly name: string;
  readonly test: Test;
  readonly required: boolean;
}

/**
 * A plain-function form of a record schema's read-time check, for the hot path: a zod parse of
 * every record costs more than planning it. It is only a fast "yes": what it accepts the schema
 * accepts, and anything else goes to zod, which decides and names the problem. Compiled from the
 * schema's own JSON Schema, and only when every check of the zod schema is one that JSON Schema
 * states exactly; a refinement or transform (invisible there) leaves the stream on zod alone.
 */
export function compileFastCheck(
  schema: z.ZodMiniObject,
  json: Node,
  relaxed: readonly string[],
): ((record: Readonly<Record<string, unknown>>) => boolean) | undefined {
  if (!describedExactly(schema)) return undefined;
  const properties = (json.properties ?? {}) as Record<string, Node>;
  const required = new Set(((json.required ?? []) as string[]).filter((name) => !relaxed.includes(name)));
  const fields: Field[] = [];
  for (const [name, node] of Object.entries(properties)) {
    const test = compileNode(node);
    if (test === undefined) return undefined;
    // A field the endpoint fixes is nullish at read time (see compileRecordCheck).
    const nullable = relaxed.includes(name);
    fields.push({
      name,
      test: nullable ? (value) => value === null || test(value) : test,
      required: required.has(name),
    });
  }
  // Runs for every record: an indexed loop over plain objects allocates nothing, where
  // destructuring each field's tuple takes an iterator per field.
  return (record) => {
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i]!;
      const value = record[field.name];
      if (value === undefined) {
        if (field.required) return false;
      } else if (!field.test(value)) return false;
    }
    return true;
  };
}

const ANNOTATIONS = new Set(["description", "title", "examples", "default"]);
const ZOD_TYPES = new Set(["object", "string", "number", "boolean", "enum", "array", "union"]);
const ZOD_WRAPPERS = new Set(["optional", "nullable", "default"]);
const ZOD_CHECKS = new Set(["min_length", "max_length", "string_format", "greater_than", "less_than"]);

/** Every part of the schema is a type, bound or pattern its JSON Schema carries. */
function describedExactly(schema: z.ZodMiniType): boolean {
  const def = schema._zod.def as unknown as {
    type: string;
    checks?: Array<{ _zod: { def: { check: string; format?: string } } }>;
    innerType?: z.ZodMiniType;
    options?: z.ZodMiniType[];
    element?: z.ZodMiniType;
    shape?: Record<string, z.ZodMiniType>;
    format?: string;
    catchall?: z.ZodMiniType;
  };
  if (ZOD_WRAPPERS.has(def.type)) return def.innerType !== undefined && describedExactly(def.innerType);
  if (!ZOD_TYPES.has(def.type)) return false;
  for (const check of def.checks ?? []) {
    const { check: kind, format } = check._zod.def;
    if (!ZOD_CHECKS.has(kind) && kind !== "number_format") return false;
    if (kind === "string_format" && format !== "regex") return false;
  }
  if (def.type === "number" && def.format !== undefined && def.format !== "safeint") return false;
  const children = [...(def.options ?? []), ...(def.element ? [def.element] : [])];
  if (def.type === "object") children.push(...Object.values(def.shape ?? {}));
  return children.every(describedExactly);
}

function compileNode(node: Node): Test | undefined {
  if (Array.isArray(node.anyOf)) {
    const branches = (node.anyOf as Node[]).map(compileNode);
    if (branches.some((branch) => branch === undefined)) return undefined;
    const tests = branches as Test[];
    return (value) => anyPasses(tests, value);
  }
  const types = [node.type].flat();
  const tests: Test[] = [];
  for (const type of types) {
    const test = typeTest(type, node);
    if (test === undefined) return undefined;
    tests.push(test);
  }
  for (const key of Object.keys(node)) {
    if (!ANNOTATIONS.has(key) && !KNOWN_KEYWORDS.has(key)) return undefined;
  }
  return tests.length === 1 ? tests[0] : (value) => anyPasses(tests, value);
}

const KNOWN_KEYWORDS = new Set([
  "type",
  "minLength",
  "maxLength",
  "pattern",
  "minimum",
  "maximum",
  "enum",
  "items",
  "minItems",
  "properties",
  "additionalProperties",
]);

/** One JSON type of a node, with the keywords that apply to that type (others ignore it). */
function typeTest(type: Json | undefined, node: Node): Test | undefined {
  const enumValues = Array.isArray(node.enum) ? node.enum : undefined;
  switch (type) {
    case "null":
      return (value) => value === null;
    case "boolean":
      return (value) => typeof value === "boolean";
    case "string": {
      const min = typeof node.minLength === "number" ? node.minLength : 0;
      const max = typeof node.maxLength === "number" ? node.maxLength : Number.POSITIVE_INFINITY;
      const pattern = typeof node.pattern === "string" ? new RegExp(node.pattern) : undefined;
      return (value) =>
        typeof value === "string" &&
        value.length >= min &&
        value.length <= max &&
        (pattern === undefined || pattern.test(value)) &&
        (enumValues === undefined || enumValues.includes(value));
    }
    case "integer":
    case "number": {
      if (enumValues !== undefined) return undefined;
      const min = typeof node.minimum === "number" ? node.minimum : Number.NEGATIVE_INFINITY;
      const max = typeof node.maximum === "number" ? node.maximum : Number.POSITIVE_INFINITY;
      const kind = type === "integer" ? Number.isSafeInteger : Number.isFinite;
      return (value) => typeof value === "number" && kind(value) && value >= min && value <= max;
    }
    case "object": {
      // Only objects that take any property: nested property checks are not compiled.
      const props = node.properties as Node | undefined;
      if (props !== undefined && Object.keys(props).length > 0) return undefined;
      if (node.additionalProperties !== undefined && node.additionalProperties !== true) return undefined;
      return (value) => typeof value === "object" && value !== null && !Array.isArray(value);
    }
    case "array": {
      const items = node.items === undefined ? () => true : compileNode(node.items as Node);
      if (items === undefined) return undefined;
      const min = typeof node.minItems === "number" ? node.minItems : 0;
      return (value) => Array.isArray(value) && value.length >= min && value.every(items);
    }
    default:
      return undefined;
  }
}

/** Whether one of the tests takes the value; a loop, not `some`, whose callback is a closure a call. */
function anyPasses(tests: readonly Test[], value: unknown): boolean {
  for (let i = 0; i < tests.length; i++) if (tests[i]!(value)) return true;
  return false;
}
