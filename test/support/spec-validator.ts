import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { ROOT } from "./cli.js";

/**
 * spec/spec.json's connectionSpecification as a JSON Schema validator, as the platform and the
 * acceptance tests (test_config_match_spec) validate a saved config. Strict mode, with Airbyte's
 * annotation keywords declared, so that a keyword JSON Schema does not know (a typo such as
 * "requried") fails here instead of being ignored.
 */
const AIRBYTE_KEYWORDS = [
  "airbyte_secret",
  "airbyte_hidden",
  "always_show",
  "order",
  "group",
  "multiline",
  "pattern_descriptor",
];

export type SchemaNode = Record<string, unknown>;

export const committedSpec = JSON.parse(readFileSync(join(ROOT, "spec", "spec.json"), "utf8")) as {
  connectionSpecification: SchemaNode;
};

export function compileSpecSchema(schema: SchemaNode): ValidateFunction {
  const ajv = new Ajv({ strict: true, allErrors: true });
  ajv.addVocabulary(AIRBYTE_KEYWORDS);
  return ajv.compile(schema);
}

const validateConfig = compileSpecSchema(committedSpec.connectionSpecification);

/** The spec's errors for a config: instance path and what failed; empty when it validates. */
export function specErrors(
  config: unknown,
): Array<Pick<ErrorObject, "instancePath" | "keyword" | "message">> {
  if (validateConfig(config)) return [];
  return (validateConfig.errors ?? []).map(({ instancePath, keyword, message }) => ({
    instancePath,
    keyword,
    message,
  }));
}
