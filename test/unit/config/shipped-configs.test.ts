import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../../src/operations/index.js";
import { ROOT } from "../../support/cli.js";
import {
  committedSpec,
  compileSpecSchema,
  type SchemaNode,
  specErrors,
} from "../../support/spec-validator.js";

/**
 * Every config the project ships or documents validates against spec/spec.json, as the platform
 * validates a saved config, and the connector's parser agrees. The configs are found, not listed:
 * the JSON files of integration_tests/, the demo's configs, and every ```json block of the docs
 * that is a config or a part of one, so a new example is covered the day it is written.
 */

type Json = Record<string, unknown>;
const spec = committedSpec.connectionSpecification;
const readJson = (path: string): unknown => JSON.parse(readFileSync(join(ROOT, path), "utf8"));
const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** A whole config: an object holding the spec's required top-level fields. */
const isWholeConfig = (value: unknown): value is Json =>
  isObject(value) && (spec.required as string[]).every((key) => key in value);

function integrationConfigs(): Array<[string, unknown]> {
  return readdirSync(join(ROOT, "integration_tests"))
    .filter((name) => name.endsWith(".json"))
    .map((name): [string, unknown] => [`integration_tests/${name}`, readJson(`integration_tests/${name}`)])
    .filter(([name, value]) => name.endsWith("config.json") || isWholeConfig(value));
}

interface DemoConfigModule {
  sampleConfigAt(sample: unknown, options: { token: string; graphUrl: string }): Json;
  demoRunConfig(
    sample: unknown,
    options: { token: string; graphUrl: string; webhookUrl: string; signingSecret: string },
  ): Json;
}
const demo = (await import(
  new URL("../../../scripts/demo-config.mjs", import.meta.url).href
)) as DemoConfigModule;

function demoConfigs(): Array<[string, Json]> {
  const sample = readJson("integration_tests/sample_config.json");
  const token = "EAAG-demo-token-not-real";
  return [
    [
      "the demo's run config",
      demo.demoRunConfig(sample, {
        token,
        graphUrl: "http://127.0.0.1:41234",
        webhookUrl: "http://127.0.0.1:41235/webhook",
        signingSecret: "demo-webhook-signing-secret",
      }),
    ],
    ["the demo's by-hand config", demo.sampleConfigAt(sample, { token, graphUrl: "http://127.0.0.1:8787" })],
  ];
}

/** Every object schema of the spec a documented block could be (the root, an option, a nested object). */
function objectSchemas(node: unknown, path = "$"): Array<[string, SchemaNode]> {
  if (!isObject(node)) return [];
  const found: Array<[string, SchemaNode]> =
    node.type === "object" && isObject(node.properties) ? [[path, node]] : [];
  for (const [name, child] of Object.entries(isObject(node.properties) ? node.properties : {})) {
    found.push(...objectSchemas(child, `${path}.${name}`));
  }
  if (isObject(node.items)) found.push(...objectSchemas(node.items, `${path}[]`));
  for (const [i, option] of ((node.oneOf as unknown[] | undefined) ?? []).entries()) {
    found.push(...objectSchemas(option, `${path}.oneOf[${i}]`));
  }
  return found;
}
const schemas = objectSchemas(spec);

/** The spec object a documented JSON object is a part of: its keys all declared there, its required ones present. */
function schemaOf(value: Json): [string, SchemaNode] | undefined {
  const keys = Object.keys(value);
  if (keys.length === 0) return undefined;
  return schemas.find(([, schema]) => {
    const declared = schema.properties as SchemaNode;
    return (
      keys.every((key) => key in declared) &&
      ((schema.required as string[] | undefined) ?? []).every((key) => key in value)
    );
  });
}

interface DocBlock {
  readonly where: string;
  readonly text: string;
}

function jsonBlocks(file: string): DocBlock[] {
  const lines = readFileSync(join(ROOT, file), "utf8").split("\n");
  const blocks: DocBlock[] = [];
  let start = -1;
  lines.forEach((line, i) => {
    if (start < 0 && /^\s*```json\s*$/.test(line)) start = i + 1;
    else if (start >= 0 && /^\s*```\s*$/.test(line)) {
      blocks.push({ where: `${file}:${start}`, text: lines.slice(start, i).join("\n") });
      start = -1;
    }
  });
  return blocks;
}

const docFiles = [
  "README.md",
  ...readdirSync(join(ROOT, "docs"))
    .filter((name) => name.endsWith(".md"))
    .map((name) => `docs/${name}`),
];
const docBlocks = docFiles.flatMap(jsonBlocks);

/** Documented JSON that is a config (whole, or a part the spec describes), with the schema it must meet. */
function documentedConfigs(): Array<{ where: string; value: Json; schemaPath: string; schema: SchemaNode }> {
  const found = [];
  for (const block of docBlocks) {
    let value: unknown;
    try {
      value = JSON.parse(block.text);
    } catch {
      // Records and request bodies abbreviate with "…"; a config must be copyable as it stands.
      if (/"(access_token|waba_id|stream_name)"\s*:/.test(block.text)) {
        throw new Error(`${block.where}: a documented config is not valid JSON`);
      }
      continue;
    }
    if (!isObject(value)) continue;
    const match = isWholeConfig(value) ? (["$", spec] as [string, SchemaNode]) : schemaOf(value);
    if (match) found.push({ where: block.where, value, schemaPath: match[0], schema: match[1] });
  }
  return found;
}

describe("configs the project ships or documents validate against spec/spec.json", () => {
  it("finds the integration_tests configs, the demo's and the documented ones", () => {
    expect(integrationConfigs().map(([name]) => name)).toEqual(
      expect.arrayContaining([
        "integration_tests/sample_config.json",
        "integration_tests/invalid_config.json",
      ]),
    );
    const documented = documentedConfigs();
    expect(documented.filter((d) => d.schemaPath === "$").length).toBeGreaterThan(0);
    // The advanced endpoint's example is one option of streams[].endpoint.
    expect(documented.map((d) => d.schemaPath)).toContainEqual(
      expect.stringMatching(/^\$\.streams\[\]\.endpoint\.oneOf\[\d+\]$/),
    );
  });

  it.each(integrationConfigs().filter(([name]) => !name.includes("invalid")))(
    "%s validates and the connector accepts it",
    (_name, config) => {
      expect(specErrors(config)).toEqual([]);
      expect(() => parseConfig(config)).not.toThrow();
    },
  );

  it("integration_tests/invalid_config.json is invalid for one reason only: a waba_id that is not numeric", () => {
    const invalid = readJson("integration_tests/invalid_config.json") as Json;
    expect(specErrors(invalid)).toEqual([
      { instancePath: "/waba_id", keyword: "pattern", message: 'must match pattern "^\\d+$"' },
    ]);
    expect(() => parseConfig(invalid)).toThrow(
      /^Invalid config: waba_id: must be the numeric WhatsApp Business Account ID\. /,
    );
    // With a numeric WABA ID it is valid: nothing else in it is what acceptance tests see fail.
    expect(specErrors({ ...invalid, waba_id: "102290129340398" })).toEqual([]);
  });

  it.each(demoConfigs())("%s validates and the connector accepts it", (_name, config) => {
    expect(specErrors(config)).toEqual([]);
    expect(() => parseConfig(config)).not.toThrow();
  });

  it("every default and example of the spec validates against its own field, as the form offers them", () => {
    const problems: string[] = [];
    const visit = (node: unknown, path: string): void => {
      if (!isObject(node)) return;
      const samples = [
        ...("default" in node ? [node.default] : []),
        ...(Array.isArray(node.examples) ? node.examples : []),
      ];
      if (samples.length > 0 && path !== "$") {
        const validate = compileSpecSchema(node);
        for (const sample of samples) {
          if (!validate(sample))
            problems.push(`${path}: ${JSON.stringify(sample)} ${JSON.stringify(validate.errors)}`);
        }
      }
      for (const [name, child] of Object.entries(isObject(node.properties) ? node.properties : {})) {
        visit(child, `${path}.${name}`);
      }
      if (isObject(node.items)) visit(node.items, `${path}[]`);
      for (const [i, option] of ((node.oneOf as unknown[] | undefined) ?? []).entries()) {
        visit(option, `${path}.oneOf[${i}]`);
      }
    };
    visit(spec, "$");
    expect(problems).toEqual([]);
  });

  it.each(documentedConfigs().map((d) => [d.where, d] as const))(
    "the config documented at %s validates",
    (_where, { value, schemaPath, schema }) => {
      const validate = compileSpecSchema(schema);
      expect(validate(value), `${schemaPath}: ${JSON.stringify(validate.errors)}`).toBe(true);
      if (schemaPath === "$") expect(() => parseConfig(value)).not.toThrow();
    },
  );
});
