/**
 * The spec checks of Airbyte's connector acceptance tests (airbytehq/airbyte,
 * airbyte-integrations/bases/connector-acceptance-test, tests/test_core.py, class TestSpec),
 * restated so that they run in this project's unit tests on spec/spec.json. Each returns the
 * problems it finds (empty: the acceptance test would pass).
 */
import type { SchemaNode } from "./airbyte-form-rules.js";

type Path = readonly (string | number)[];

/** Property names the acceptance tests treat as secrets (test_core.py's secret_property_names). */
const SECRET_PROPERTY_NAMES = new Set([
  "client_token",
  "access_token",
  "api_token",
  "token",
  "secret",
  "client_secret",
  "password",
  "key",
  "service_account_info",
  "service_account",
  "tenant_id",
  "certificate",
  "jwt",
  "credentials",
  "app_id",
  "appid",
  "refresh_token",
]);
const RESERVED = new Set(["anyOf", "oneOf", "allOf", "not", "properties", "items", "type", "prefixItems"]);
const FORBIDDEN = [
  "not",
  "anyOf",
  "patternProperties",
  "prefixItems",
  "allOf",
  "if",
  "then",
  "else",
  "dependentSchemas",
  "dependentRequired",
];

function isNode(value: unknown): value is SchemaNode {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Every [path, value] under `node` whose last key is one of `keys` (the tests' find_nodes / `**` globs). */
function find(node: unknown, keys: ReadonlySet<string>, path: Path = []): Array<[Path, unknown]> {
  const found: Array<[Path, unknown]> = [];
  const last = path.at(-1);
  if (typeof last === "string" && keys.has(last)) found.push([path, node]);
  const children: Array<[string | number, unknown]> = Array.isArray(node)
    ? node.map((child, i) => [i, child])
    : isNode(node)
      ? Object.entries(node)
      : [];
  for (const [key, child] of children) found.push(...find(child, keys, [...path, key]));
  return found;
}

function at(root: unknown, path: Path): unknown {
  let node = root;
  for (const segment of path) node = (node as Record<string | number, unknown>)[segment];
  return node;
}

const show = (path: Path) => `/${path.join("/")}`;

/** test_oneof_usage: the parent of a oneOf/anyOf is an object; options share exactly one const field. */
export function oneOfUsageProblems(spec: SchemaNode): string[] {
  const problems: string[] = [];
  for (const [path, variants] of find(spec, new Set(["oneOf", "anyOf"]))) {
    const parent = at(spec, path.slice(0, -1)) as SchemaNode;
    if (parent.type !== "object") {
      problems.push(`${show(path)}: the parent of a oneOf must have type "object"`);
    }
    if (!Array.isArray(variants) || !variants.every((v) => isNode(v) && isNode(v.properties))) {
      problems.push(`${show(path)}: every option must be an object with properties`);
      continue;
    }
    const props = variants.map((v) => (v as { properties: Record<string, SchemaNode> }).properties);
    const common = Object.keys(props[0] ?? {}).filter((k) => props.every((p) => k in p));
    if (common.length === 0) {
      problems.push(`${show(path)}: the options share no property`);
      continue;
    }
    const constCommon = common.filter((k) => props.every((p) => "const" in (p[k] as SchemaNode)));
    if (constCommon.length !== 1) {
      problems.push(
        `${show(path)}: the options must share exactly one const property (${constCommon.length})`,
      );
      continue;
    }
    props.forEach((p, n) => {
      const discriminator = p[constCommon[0]!] as SchemaNode;
      if ("default" in discriminator) problems.push(`${show(path)}[${n}].${constCommon[0]}: has a default`);
      if ("enum" in discriminator) problems.push(`${show(path)}[${n}].${constCommon[0]}: has an enum`);
    });
  }
  return problems;
}

/** test_secret_is_properly_marked: a property named like a secret that can hold one is airbyte_secret, and only such. */
export function secretMarkingProblems(spec: SchemaNode): string[] {
  const problems: string[] = [];
  for (const [path] of find(spec.properties, new Set(["type"]))) {
    const name = [...path.slice(0, -1)]
      .reverse()
      .find((part) => typeof part === "string" && !/^\d+$/.test(part) && !RESERVED.has(part));
    if (typeof name !== "string" || !SECRET_PROPERTY_NAMES.has(name.toLowerCase())) continue;
    const property = at(spec.properties, path.slice(0, -1)) as SchemaNode;
    const types = Array.isArray(property.type) ? property.type : [property.type];
    const canHoldSecret =
      types.some((t) => t === "string" || t === "integer" || t === "number") && !property.const;
    const marked = property.airbyte_secret === true;
    if (marked && !canHoldSecret)
      problems.push(`${show(path)}: marked airbyte_secret but cannot hold a secret`);
    if (!marked && canHoldSecret) problems.push(`${show(path)}: must be marked airbyte_secret`);
  }
  return problems;
}

/** test_property_type_is_not_array: one type per property, or one type and "null". */
export function propertyTypeProblems(spec: SchemaNode): string[] {
  return find(spec, new Set(["type"]))
    .filter(([path, type]) => path.at(-3) === "properties" && Array.isArray(type))
    .filter(([, type]) => {
      const types = type as unknown[];
      return types.length > 2 || (types.length === 2 && types[1] !== "null");
    })
    .map(([path]) => `${show(path)}: a property has one type (or one type and "null")`);
}

/** test_object_not_empty: every object below the root has properties or a oneOf. */
export function emptyObjectProblems(spec: SchemaNode): string[] {
  return find(spec, new Set(["type"]))
    .filter(([path, type]) => path.length > 1 && type === "object")
    .filter(([path]) => {
      const node = at(spec, path.slice(0, -1)) as SchemaNode;
      return !("oneOf" in node) && !(isNode(node.properties) && Object.keys(node.properties).length > 0);
    })
    .map(([path]) => `${show(path)}: an object without properties cannot be shown in the UI`);
}

/** test_array_type: array items are one object, string, number or integer type, or an enum. */
export function arrayTypeProblems(spec: SchemaNode): string[] {
  const problems: string[] = [];
  for (const [path, type] of find(spec, new Set(["type"]))) {
    if (type !== "array") continue;
    const items = (at(spec, path.slice(0, -1)) as SchemaNode).items;
    if (items === undefined) continue;
    if (Array.isArray(items)) problems.push(`${show(path)}: items must be a single schema`);
    else if (
      !["object", "string", "number", "integer"].includes((items as SchemaNode).type as string) &&
      !("enum" in (items as SchemaNode))
    )
      problems.push(`${show(path)}: items must be an object, string, number or integer, or an enum`);
  }
  return problems;
}

/** test_forbidden_complex_types, test_defined_refs_exist_in_json_spec_file, test_enum_usage, test_additional_properties_is_true. */
export function keywordProblems(spec: SchemaNode): string[] {
  const problems: string[] = [];
  for (const [path] of find(spec, new Set([...FORBIDDEN, "$ref"]))) {
    if (path.at(-2) !== "properties") problems.push(`${show(path)}: keyword not allowed in a spec`);
  }
  for (const [path, values] of find(spec, new Set(["enum"]))) {
    if (Array.isArray(values) && new Set(values.map((v) => JSON.stringify(v))).size !== values.length)
      problems.push(`${show(path)}: enum values must be distinct`);
  }
  for (const [path, value] of find(spec, new Set(["additionalProperties"]))) {
    if (value !== true) problems.push(`${show(path)}: additionalProperties may only be true`);
  }
  return problems;
}

/** Every TestSpec rule on a connectionSpecification, as one list of problems. */
export function acceptanceSpecProblems(spec: SchemaNode): string[] {
  return [
    ...oneOfUsageProblems(spec),
    ...secretMarkingProblems(spec),
    ...propertyTypeProblems(spec),
    ...emptyObjectProblems(spec),
    ...arrayTypeProblems(spec),
    ...keywordProblems(spec),
  ];
}
