import type { Json } from "../../config/index.js";
import type { PlaceholderUse } from "../../placeholders/index.js";
import type { CompiledAdvanced } from "./advanced-compile.js";

type Node = { [key: string]: Json };

const DRAFT_07 = "http://json-schema.org/draft-07/schema#";
/** A placeholder rendered as text takes any scalar (numbers and booleans as their JSON text). */
const TEXT_TYPES: Json = ["string", "number", "integer", "boolean"];
/** A placeholder standing for a whole JSON value takes any JSON value. */
const VALUE_TYPES: Json = ["string", "number", "integer", "boolean", "object", "array", "null"];
const INDEX = /^(?:0|[1-9]\d*)$/;

/** The record fields below one dot path, and how the path itself is read. */
interface FieldTree {
  readonly children: Map<string, FieldTree>;
  /** The config fields (url, request_headers, body_template) that read this path. */
  readonly readers: Set<string>;
  asText: boolean;
  asValue: boolean;
}

const tree = (): FieldTree => ({ children: new Map(), readers: new Set(), asText: false, asValue: false });

/**
 * The record an advanced endpoint reads, as a draft-07 JSON Schema for discover: one required
 * property per `{message.x}` placeholder of its URL, headers and body template (the body only
 * for a method that sends one), since a missing field rejects the record. A dot path becomes
 * nested object properties (`{message.a.b}`: `a` is an object with a required `b`); a path whose
 * keys are all array indexes may also be an array, as the template reads either. `{message.json}`
 * reads the whole record: the schema is then open (`additionalProperties: true`), and still lists
 * the fields the other placeholders name. Otherwise it is closed, so the platform refuses to map
 * a field the call would drop. Every property has a `type`: Airbyte's FieldGenerator reads one.
 */
export function advancedRecordJsonSchema(compiled: CompiledAdvanced): Node {
  const root = tree();
  let wholeRecord = false;
  const read = (uses: readonly PlaceholderUse[], reader: string) => {
    for (const use of uses) {
      const [top, ...keys] = use.path.split(".");
      if (top !== "message") continue;
      if (keys.length === 1 && keys[0] === "json") {
        wholeRecord = true;
        continue;
      }
      let node = root;
      for (const key of keys) {
        const next = node.children.get(key) ?? tree();
        node.children.set(key, next);
        node = next;
      }
      node.readers.add(reader);
      if (use.jsonValue) node.asValue = true;
      else node.asText = true;
    }
  };
  read(compiled.url.uses, "url");
  read(compiled.headers.uses, "request_headers");
  if (compiled.body !== undefined) read(compiled.body.uses, "body_template");
  return {
    $schema: DRAFT_07,
    type: "object",
    ...objectKeywords(root, ["message"], wholeRecord),
  };
}

function objectKeywords(node: FieldTree, path: readonly string[], open: boolean): Node {
  const properties: Node = {};
  for (const [key, child] of node.children) properties[key] = fieldSchema(child, [...path, key]);
  const required = [...node.children.keys()];
  return {
    properties,
    ...(required.length === 0 ? {} : { required }),
    additionalProperties: open,
  };
}

function fieldSchema(node: FieldTree, path: readonly string[]): Node {
  const readers = [...node.readers];
  const description =
    readers.length === 0
      ? `Holds the fields read below it (${path.slice(1).join(".")}).`
      : `Fills {${path.join(".")}} in ${readers.join(", ")}.`;
  if (node.children.size === 0) {
    return { type: node.asText ? TEXT_TYPES : VALUE_TYPES, description };
  }
  // Read whole somewhere too (`{message.a}` beside `{message.a.b}`): its other keys travel as well.
  const open = node.asText || node.asValue;
  const keys = [...node.children.keys()];
  if (!keys.every((key) => INDEX.test(key))) {
    return { type: "object", ...objectKeywords(node, path, open), description };
  }
  const length = Math.max(...keys.map(Number)) + 1;
  return { type: ["object", "array"], ...objectKeywords(node, path, open), minItems: length, description };
}
