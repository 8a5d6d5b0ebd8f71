import * as z from "../zod.js";

const DOCUMENTATION_URL =
  "https://github.com/destination-whatsapp-flows/destination-whatsapp-flows/blob/main/docs/whatsapp-flows.md";

export interface ConnectorSpecification {
  readonly documentationUrl: string;
  readonly changelogUrl?: string;
  readonly connectionSpecification: Record<string, unknown>;
  readonly supportsNormalization: boolean;
  readonly supportsDBT: boolean;
  readonly supported_destination_sync_modes: readonly string[];
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * zod speaks JSON Schema; Airbyte's UI wants a few of its own conventions on top. Rather than keep
 * a hand-written spec that drifts, derive it and normalise what zod emits differently:
 * - `additionalProperties: {}` (zod's "anything") becomes `true`, which Airbyte's tests require;
 * - the ±2^53 bounds zod adds to every integer are noise in a form, so they go.
 */
export function normalise(node: Json): Json {
  if (Array.isArray(node)) return node.map(normalise);
  if (node === null || typeof node !== "object") return node;
  const out: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(node)) {
    if (
      key === "additionalProperties" &&
      value !== null &&
      typeof value === "object" &&
      !Array.isArray(value)
    ) {
      out[key] = Object.keys(value).length === 0 ? true : normalise(value);
    } else if (
      (key === "maximum" || key === "minimum") &&
      Math.abs(Number(value)) === Number.MAX_SAFE_INTEGER
    ) {
      // drop
    } else {
      out[key] = normalise(value);
    }
  }
  return out;
}

/** Keywords whose values are data (a default, examples), not schemas. */
const DATA_KEYWORDS = new Set(["default", "examples", "const", "enum"]);

/**
 * Airbyte's webapp builds each `oneOf` option of the setup form with its parent's `type` (not the
 * option's own), so a `oneOf` under a parent without `"type": "object"` cannot render at all, and
 * the acceptance tests' `test_oneof_usage` requires the same. zod emits a discriminated union as a
 * bare `oneOf`: every such parent whose options are objects is marked an object here, for every
 * union of the config at once; a `oneOf` of anything else has no form and is refused.
 */
export function withObjectOneOfParents(node: Json, path = "$"): Json {
  if (Array.isArray(node)) return node.map((child, i) => withObjectOneOfParents(child, `${path}[${i}]`));
  if (node === null || typeof node !== "object") return node;
  const out: { [key: string]: Json } = {};
  const options = node.oneOf;
  if (Array.isArray(options)) {
    const allObjects = options.every(
      (option) =>
        option !== null && typeof option === "object" && !Array.isArray(option) && option.type === "object",
    );
    if (!allObjects || (node.type !== undefined && node.type !== "object")) {
      throw new Error(
        `${path}: a oneOf in the spec must choose between objects (Airbyte's form renders no other)`,
      );
    }
    out.type = "object";
  }
  for (const [key, value] of Object.entries(node)) {
    if (key === "type" && out.type !== undefined) continue;
    out[key] = DATA_KEYWORDS.has(key) ? value : withObjectOneOfParents(value, `${path}.${key}`);
  }
  return out;
}

function buildConnectionSpecification(configSchema: z.ZodMiniType): Record<string, unknown> {
  const schema = z.toJSONSchema(configSchema, { target: "draft-7", io: "input", unrepresentable: "throw" });
  const normalised = withObjectOneOfParents(normalise(schema as Json));
  if (normalised === null || typeof normalised !== "object" || Array.isArray(normalised)) {
    throw new Error("config schema did not produce a JSON object schema");
  }
  return normalised;
}

/**
 * The SPEC for a config schema (the connector's: src/operations/catalog/connector-config.ts) and the
 * destination sync modes its operations declare.
 */
export function buildSpecification(
  configSchema: z.ZodMiniType,
  syncModes: readonly string[],
): ConnectorSpecification {
  return {
    documentationUrl: DOCUMENTATION_URL,
    connectionSpecification: buildConnectionSpecification(configSchema),
    supportsNormalization: false,
    supportsDBT: false,
    supported_destination_sync_modes: syncModes,
  };
}
