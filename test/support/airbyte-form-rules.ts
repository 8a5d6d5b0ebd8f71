/**
 * The rules Airbyte's webapp applies when it turns a connector's connectionSpecification into its
 * setup form (airbyte-platform, airbyte-webapp/src/core/form/schemaToFormBlock.ts), restated here
 * so that a spec the form cannot build fails a unit test instead of a user's browser:
 *
 * - a schema with a non-empty `oneOf` becomes a choice; each option is built with the PARENT's
 *   `type` put over its own, and must come out as a group of fields (an object), else the form
 *   fails with "oneOfWithNonObjects";
 * - the options must share at least one field whose `const` is set (truthy; an `enum` of one
 *   value with a `default` counts as that value), else "oneOfWithoutConst"; the first shared one,
 *   in the first option's field order, keys the dropdown;
 * - an array whose `items` are an object is a list of groups built from `items`;
 * - an object is a group of its `properties`; anything else is a single input.
 */
export type SchemaNode = { readonly [key: string]: unknown };

export type FormBlock =
  | {
      readonly kind: "group";
      readonly key: string;
      readonly path: string;
      readonly const: unknown;
      readonly fields: readonly FormBlock[];
    }
  | {
      readonly kind: "choice";
      readonly key: string;
      readonly path: string;
      readonly selectionKey: string;
      readonly options: readonly FormBlock[];
    }
  | { readonly kind: "list"; readonly key: string; readonly path: string; readonly item: FormBlock }
  | { readonly kind: "input"; readonly key: string; readonly path: string; readonly const: unknown };

export class FormBuildFailure extends Error {
  constructor(
    readonly reason: "oneOfWithNonObjects" | "oneOfWithoutConst",
    readonly path: string,
  ) {
    super(`${path || "(root)"}: ${reason}`);
  }
}

function isNode(value: unknown): value is SchemaNode {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The value the form treats as a field's `const` (what the dropdown of a oneOf is keyed on). */
function constOf(schema: SchemaNode): unknown {
  if (Array.isArray(schema.enum) && schema.enum.length === 1 && schema.default !== undefined) {
    return schema.default;
  }
  return schema.const;
}

function buildChoice(schema: SchemaNode, options: readonly unknown[], key: string, path: string): FormBlock {
  let shared: string[] | undefined;
  const blocks = options.map((option) => {
    if (!isNode(option)) throw new FormBuildFailure("oneOfWithNonObjects", path);
    const block = buildBlock({ ...option, type: schema.type }, key, path);
    if (block.kind !== "group") throw new FormBuildFailure("oneOfWithNonObjects", path);
    const constKeys = block.fields
      .filter((field) => "const" in field && Boolean(field.const))
      .map((field) => field.key);
    shared = shared === undefined ? constKeys : shared.filter((k) => constKeys.includes(k));
    return block;
  });
  const selectionKey = shared?.[0];
  if (selectionKey === undefined) throw new FormBuildFailure("oneOfWithoutConst", path);
  return { kind: "choice", key, path, selectionKey, options: blocks };
}

function buildBlock(schema: unknown, key: string, path: string): FormBlock {
  if (!isNode(schema)) return { kind: "input", key, path, const: undefined };
  if (Array.isArray(schema.oneOf) && schema.oneOf.length > 0)
    return buildChoice(schema, schema.oneOf, key, path);
  if (schema.type === "array" && isNode(schema.items) && schema.items.type === "object") {
    return { kind: "list", key, path, item: buildBlock(schema.items, key, path) };
  }
  if (schema.type === "object") {
    const properties = isNode(schema.properties) ? schema.properties : {};
    const fields = Object.entries(properties).map(([name, child]) =>
      buildBlock(child, name, path ? `${path}.${name}` : name),
    );
    return { kind: "group", key, path, const: constOf(schema), fields };
  }
  return { kind: "input", key, path, const: constOf(schema) };
}

/** The form the webapp builds from a connectionSpecification; throws FormBuildFailure when it cannot. */
export function buildWebappForm(connectionSpecification: SchemaNode): FormBlock {
  return buildBlock(connectionSpecification, "", "");
}

/** Every choice (oneOf) of a built form: its path and the field its dropdown is keyed on. */
export function formChoices(block: FormBlock): Array<[string, string]> {
  switch (block.kind) {
    case "choice":
      return [[block.path, block.selectionKey], ...block.options.flatMap(formChoices)];
    case "group":
      return block.fields.flatMap(formChoices);
    case "list":
      return formChoices(block.item);
    case "input":
      return [];
  }
}
