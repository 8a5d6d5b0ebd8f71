import { config, type core, globalRegistry, locales, type ZodMiniType } from "zod/mini";

/**
 * The schema library every layer writes its schemas in: zod's tree-shakable form (`zod/mini`),
 * whose bundle holds only the schema kinds the connector uses. zod's chained form ships every
 * kind and method and costs each command its load at start-up (bench/README.md, "zod/mini").
 * Same core: the same parsing, issues and JSON Schema.
 */
export * from "zod/mini";

// zod/mini leaves issue messages to the caller's locale, where zod's chained form sets English on
// first use; the connector's errors quote some of them (config-issues.ts), so every schema module,
// by importing this one, gets English before its first parse.
config(locales.en());

/**
 * A copy of `schema` carrying `meta` (description, title, examples) into its JSON Schema: zod's
 * `.meta()`. A copy, so that a schema shared between fields keeps each field's own description.
 */
export function withMeta<T extends ZodMiniType>(schema: T, meta: core.GlobalMeta): T {
  const copy = schema.clone();
  globalRegistry.add(copy, meta);
  return copy;
}
