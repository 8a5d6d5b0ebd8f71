import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { withObjectOneOfParents } from "../../../src/config/spec.js";
import { connectorSpecification, OPERATION_DEFINITIONS } from "../../../src/operations/index.js";
import { acceptanceSpecProblems } from "../../support/acceptance-spec-rules.js";
import { buildWebappForm, FormBuildFailure, formChoices } from "../../support/airbyte-form-rules.js";
import { ROOT } from "../../support/cli.js";

type Node = Record<string, unknown>;
// The rules run on the file Airbyte reads (spec/spec.json); the first test keeps it equal to the code.
const committed = JSON.parse(readFileSync(join(ROOT, "spec", "spec.json"), "utf8")) as {
  connectionSpecification: Node;
  supported_destination_sync_modes: string[];
  documentationUrl: string;
};
const root = committed.connectionSpecification;

/** Every property schema of the spec with its JSON path, descending into objects, arrays and oneOf. */
function properties(node: Node, path: string): Array<[string, Node]> {
  const out: Array<[string, Node]> = [];
  const props = node.properties as Record<string, Node> | undefined;
  for (const [name, child] of Object.entries(props ?? {})) {
    out.push([`${path}.${name}`, child], ...properties(child, `${path}.${name}`));
  }
  if (node.items && typeof node.items === "object") out.push(...properties(node.items as Node, `${path}[]`));
  for (const [i, option] of ((node.oneOf as Node[] | undefined) ?? []).entries()) {
    out.push(...properties(option, `${path}.oneOf[${i}]`));
  }
  return out;
}

function walk(node: unknown, visit: (node: Node, path: string) => void, path = "$"): void {
  if (Array.isArray(node)) {
    for (const [i, child] of node.entries()) walk(child, visit, `${path}[${i}]`);
  } else if (node && typeof node === "object") {
    visit(node as Node, path);
    for (const [key, child] of Object.entries(node)) walk(child, visit, `${path}.${key}`);
  }
}

describe("the Airbyte spec derived from the config schema", () => {
  it("is committed as spec/spec.json, unchanged (run `npm run spec:update` after a schema change)", () => {
    expect(committed).toEqual(JSON.parse(JSON.stringify(connectorSpecification())));
  });

  it("lists every sync mode an operation declares, and names its documentation", () => {
    expect(committed.supported_destination_sync_modes).toEqual(["append", "update", "soft_delete"]);
    expect(committed.documentationUrl).toMatch(/^https:\/\//);
  });

  it("is a form Airbyte's webapp can build: every oneOf a choice keyed by its one const field", () => {
    expect(() => buildWebappForm(root)).not.toThrow();
    expect(formChoices(buildWebappForm(root))).toEqual([
      ["streams.endpoint", "template"],
      ["response_webhook", "mode"],
      ["object_storage_config", "storage_type"],
    ]);
  });

  it("passes the spec rules of Airbyte's connector acceptance tests (TestSpec)", () => {
    expect(acceptanceSpecProblems(root)).toEqual([]);
  });

  it('gives every oneOf parent "type": "object", at any depth', () => {
    const parents: string[] = [];
    walk(root, (node, path) => {
      if (!node.oneOf) return;
      parents.push(path);
      expect(node.type, path).toBe("object");
    });
    expect(parents).toEqual([
      "$.properties.streams.items.properties.endpoint",
      "$.properties.response_webhook",
      "$.properties.object_storage_config",
    ]);
  });

  it("is derived with an object parent for a oneOf of objects, and refuses a oneOf of anything else", () => {
    const options = [
      { type: "object", properties: { mode: { const: "a" } } },
      { type: "object", properties: { mode: { const: "b" } } },
    ];
    expect(withObjectOneOfParents({ properties: { x: { oneOf: options, default: { oneOf: 1 } } } })).toEqual({
      properties: { x: { type: "object", oneOf: options, default: { oneOf: 1 } } },
    });
    expect(() => withObjectOneOfParents({ properties: { x: { oneOf: [{ type: "string" }] } } })).toThrow(
      "$.properties.x: a oneOf in the spec must choose between objects",
    );
  });

  it("has exactly the design's top-level fields", () => {
    expect(Object.keys(root.properties as Node).sort()).toEqual(
      [
        "access_token",
        "api_version",
        "base_url",
        "dry_run",
        "guardrails",
        "max_rejected_records",
        "object_storage_config",
        "on_record_error",
        "phone_number_id",
        "response_webhook",
        "streams",
        "template_language",
        "throughput",
        "waba_id",
      ].sort(),
    );
    expect(root.required).toEqual(["access_token", "waba_id"]);
  });

  it("gives every field a title, a description and an order, except oneOf discriminators' descriptions", () => {
    for (const [path, node] of properties(root, "$")) {
      expect(typeof node.title, `${path} title`).toBe("string");
      expect(typeof node.description, `${path} description`).toBe("string");
      expect(typeof node.order, `${path} order`).toBe("number");
    }
  });

  it("marks every secret airbyte_secret", () => {
    const secrets = properties(root, "$")
      .filter(([, node]) => node.airbyte_secret === true)
      .map(([path]) => path);
    expect(secrets).toEqual([
      "$.access_token",
      // the advanced endpoint's header values (its index in the template list may change)
      expect.stringMatching(/^\$\.streams\[\]\.endpoint\.oneOf\[\d+\]\.request_headers$/),
      "$.response_webhook.oneOf[1].headers",
      "$.response_webhook.oneOf[1].signing_secret",
      "$.object_storage_config.oneOf[1].access_key_id",
      "$.object_storage_config.oneOf[1].secret_access_key",
    ]);
  });

  it("uses no anyOf/allOf/not/if/patternProperties/$ref, and additionalProperties only as true", () => {
    walk(root, (node, path) => {
      for (const banned of [
        "anyOf",
        "allOf",
        "not",
        "if",
        "then",
        "else",
        "patternProperties",
        "$ref",
        "$defs",
        "definitions",
      ]) {
        expect(node[banned], `${path}.${banned}`).toBeUndefined();
      }
      if ("additionalProperties" in node)
        expect(node.additionalProperties, `${path}.additionalProperties`).toBe(true);
    });
  });

  it("makes every oneOf option an object sharing exactly one const discriminator without default or enum", () => {
    let oneOfs = 0;
    walk(root, (node, path) => {
      const options = node.oneOf as Node[] | undefined;
      if (!options) return;
      oneOfs++;
      const constKeys = options.map((option) =>
        Object.entries(option.properties as Record<string, Node>)
          .filter(([, prop]) => "const" in prop)
          .map(([key]) => key),
      );
      for (const keys of constKeys) expect(keys, path).toEqual(constKeys[0]);
      expect(constKeys[0], path).toHaveLength(1);
      const key = constKeys[0]![0]!;
      const values = new Set<unknown>();
      for (const option of options) {
        expect(option.type).toBe("object");
        expect(option.required, `${path} option requires its discriminator`).toContain(key);
        const discriminator = (option.properties as Record<string, Node>)[key]!;
        expect(discriminator.default, `${path}.${key} default`).toBeUndefined();
        expect(discriminator.enum, `${path}.${key} enum`).toBeUndefined();
        values.add(discriminator.const);
      }
      expect(values.size, `${path} const values are distinct`).toBe(options.length);
    });
    expect(oneOfs).toBe(3);
  });

  it("lists the endpoint templates in the definitions' order", () => {
    const endpoint = (((root.properties as Node).streams as Node).items as Node).properties as Record<
      string,
      Node
    >;
    const templates = (endpoint.endpoint!.oneOf as Node[]).map(
      (o) => ((o.properties as Record<string, Node>).template as Node).const,
    );
    expect(templates).toEqual(OPERATION_DEFINITIONS.map((definition) => definition.name));
  });
});

/** The ported rules must be able to fail, or a passing spec proves nothing. */
describe("the ported webapp and acceptance-test rules", () => {
  const option = (mode: string, extra: Node = {}) => ({
    type: "object",
    required: ["mode"],
    properties: { mode: { type: "string", const: mode }, ...extra },
  });
  const specWith = (field: Node): Node => ({ type: "object", properties: { field } });

  it("refuse a oneOf whose parent has no type, as the webapp and test_oneof_usage do", () => {
    const bare = specWith({ oneOf: [option("a"), option("b")] });
    expect(() => buildWebappForm(bare)).toThrow(FormBuildFailure);
    expect(() => buildWebappForm(bare)).toThrow("field: oneOfWithNonObjects");
    expect(acceptanceSpecProblems(bare)).toEqual([
      '/properties/field/oneOf: the parent of a oneOf must have type "object"',
    ]);
    // The same oneOf nested in an array's items, as streams[].endpoint is.
    const nested = specWith({
      type: "array",
      items: { type: "object", properties: { endpoint: { oneOf: [option("a"), option("b")] } } },
    });
    expect(() => buildWebappForm(nested)).toThrow("field.endpoint: oneOfWithNonObjects");
    expect(acceptanceSpecProblems(nested)).toHaveLength(1);
  });

  it("accept the same oneOf once its parent is an object", () => {
    const fixed = specWith({ type: "object", oneOf: [option("a"), option("b")] });
    expect(formChoices(buildWebappForm(fixed))).toEqual([["field", "mode"]]);
    expect(acceptanceSpecProblems(fixed)).toEqual([]);
  });

  it("refuse options without one shared const field, or with a default on it", () => {
    const noConst = specWith({
      type: "object",
      oneOf: [option("a"), { type: "object", properties: { mode: { type: "string" } } }],
    });
    expect(() => buildWebappForm(noConst)).toThrow("field: oneOfWithoutConst");
    expect(acceptanceSpecProblems(noConst)).toEqual([
      "/properties/field/oneOf: the options must share exactly one const property (0)",
    ]);
    const withDefault = specWith({
      type: "object",
      oneOf: [
        option("a"),
        { ...option("b"), properties: { mode: { type: "string", const: "b", default: "b" } } },
      ],
    });
    expect(acceptanceSpecProblems(withDefault)).toEqual(["/properties/field/oneOf[1].mode: has a default"]);
  });

  it("refuse unmarked secrets, banned keywords, closed objects, empty objects and nested arrays", () => {
    expect(
      acceptanceSpecProblems({
        type: "object",
        properties: {
          access_token: { type: "string" },
          enabled: { type: "boolean", airbyte_secret: true },
          either: { anyOf: [{ type: "string" }, { type: "number" }] },
          closed: { type: "object", properties: { a: { type: "string" } }, additionalProperties: false },
          empty: { type: "object" },
          lists: { type: "array", items: { type: "array" } },
          both: { type: ["string", "number"] },
        },
      }),
    ).toEqual([
      '/properties/either/anyOf: the parent of a oneOf must have type "object"',
      "/properties/either/anyOf: every option must be an object with properties",
      "/access_token/type: must be marked airbyte_secret",
      '/properties/both/type: a property has one type (or one type and "null")',
      "/properties/empty/type: an object without properties cannot be shown in the UI",
      "/properties/lists/type: items must be an object, string, number or integer, or an enum",
      "/properties/either/anyOf: keyword not allowed in a spec",
      "/properties/closed/additionalProperties: additionalProperties may only be true",
    ]);
  });
});
