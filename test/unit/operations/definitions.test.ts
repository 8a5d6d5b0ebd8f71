import { describe, expect, it } from "vitest";
import {
  configSchema,
  connectorSpecification,
  destinationCatalog,
  OPERATION_DEFINITIONS,
} from "../../../src/operations/index.js";

type Node = Record<string, unknown>;
const { operations } = destinationCatalog();
const endpointOptions = (() => {
  const spec = connectorSpecification().connectionSpecification as Node;
  const streams = (spec.properties as Record<string, Node>).streams!;
  const endpoint = ((streams.items as Node).properties as Record<string, Node>).endpoint!;
  return (endpoint.oneOf as Node[]).map(
    (option) => ((option.properties as Record<string, Node>).template as Node).const,
  );
})();

describe("the ordered list of operation definitions", () => {
  it("is the spec's endpoint oneOf, in order", () => {
    expect(endpointOptions).toEqual(OPERATION_DEFINITIONS.map((d) => d.name));
  });

  it("is discover's catalog: every template with a record schema, advanced left out", () => {
    expect([...new Set(operations.map((op) => op.object_name))]).toEqual(
      OPERATION_DEFINITIONS.filter((d) => d.record !== undefined).map((d) => d.name),
    );
    expect(operations.some((op) => op.object_name === "advanced")).toBe(false);
  });

  it("declares each (object_name, sync_mode) once, and the SPEC lists every declared mode", () => {
    const pairs = operations.map((op) => `${op.object_name}/${op.sync_mode}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    expect([...connectorSpecification().supported_destination_sync_modes].sort()).toEqual(
      [...new Set(OPERATION_DEFINITIONS.flatMap((d) => d.syncModes))].sort(),
    );
  });

  it("parses a classic endpoint of every template through the assembled config schema", () => {
    for (const definition of OPERATION_DEFINITIONS.filter((d) => d.record !== undefined)) {
      const parsed = configSchema.parse({
        access_token: "t",
        waba_id: "1",
        streams: [{ stream_name: "s", endpoint: { template: definition.name } }],
      });
      expect(parsed.streams[0]!.endpoint.template).toBe(definition.name);
    }
  });
});

describe("discover's json_schema of every operation", () => {
  it.each(operations.map((op) => [`${op.object_name}/${op.sync_mode}`, op] as const))("%s", (_name, op) => {
    const schema = op.json_schema as Node;
    expect(schema.$schema).toBe("http://json-schema.org/draft-07/schema#");
    expect(schema.type).toBe("object");
    expect(schema.additionalProperties).toBe(false);
    const properties = schema.properties as Record<string, Node>;
    for (const [name, property] of Object.entries(properties)) {
      expect(property.type, name).toBeDefined();
      expect(typeof property.description, name).toBe("string");
      expect(property.anyOf, name).toBeUndefined();
    }
    for (const required of (schema.required as string[] | undefined) ?? [])
      expect(properties[required]).toBeDefined();
  });

  it("requires exactly the fields without which the call cannot be made", () => {
    const required = Object.fromEntries(operations.map((op) => [op.object_name, op.json_schema.required]));
    const expected: Readonly<Record<string, readonly string[] | undefined>> = {
      create_flow: ["name", "categories"],
      // flow_id or flow_name: the matching key the stream picks says which; plan checks one is there
      update_flow_json: undefined,
      update_flow_metadata: undefined,
      publish_flow: undefined,
      deprecate_flow: undefined,
      delete_flow: undefined,
      deploy_flow: ["name", "categories", "flow_json"],
      send_published_flow: ["to"],
      send_draft_flow: ["to"],
      send_flow_template: ["to", "template_name"],
      create_flow_template: ["name", "category", "body", "button_text"],
    };
    // Each template's own tests say what a new one requires; these are held here as well.
    for (const [name, fields] of Object.entries(expected)) expect(required[name], name).toEqual(fields);
  });

  it("gives matching keys to exactly the operations on an existing Flow", () => {
    for (const op of operations) {
      // An upsert by name: the name is the record's identity (created when missing).
      if (op.object_name === "deploy_flow") {
        expect(op.matching_keys).toEqual([["name"]]);
        continue;
      }
      const onExistingFlow = op.sync_mode === "update" || op.sync_mode === "soft_delete";
      expect(op.matching_keys, op.object_name).toEqual(
        onExistingFlow ? [["flow_id"], ["flow_name"]] : undefined,
      );
    }
  });
});
