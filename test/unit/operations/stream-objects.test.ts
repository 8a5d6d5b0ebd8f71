import { describe, expect, it } from "vitest";
import { ConfigError } from "../../../src/errors/index.js";
import { parseConfig } from "../../../src/operations/catalog/connector-config.js";
import { destinationCatalog } from "../../../src/operations/catalog/destination-catalog.js";
import type { DestinationOperation } from "../../../src/operations/catalog/destination-operation.js";
import { streamObjectName, streamObjectNames } from "../../../src/operations/catalog/stream-object-names.js";
import { configuredStreamOperations } from "../../../src/operations/catalog/stream-objects.js";
import { templateObjectName } from "../../../src/operations/catalog/template-objects.js";
import { envWith, FakeClient, PHONE, WABA } from "./support/fixtures.js";
import { validateConnection } from "./support/platform-validation.js";

/** discover's objects for the endpoints of `streams[]`, derived as discover derives them. */
const STATIC = JSON.parse(JSON.stringify(destinationCatalog().operations)) as DestinationOperation[];

function configWith(streams: unknown[]) {
  return parseConfig({ access_token: "t", waba_id: WABA, phone_number_id: PHONE, streams });
}

function objectsOf(streams: unknown[]): DestinationOperation[] {
  const config = configWith(streams);
  return configuredStreamOperations(config, envWith(new FakeClient(), config), STATIC);
}

function onlyObject(endpoint: Record<string, unknown>): DestinationOperation {
  const objects = objectsOf([{ stream_name: "rows", endpoint }]);
  expect(objects).toHaveLength(1);
  return objects[0]!;
}

function thrown(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected an error");
}

const GRAPH = "https://graph.facebook.com";

describe("configured-stream object names", () => {
  it("are stream__<stream_name>, stream__<namespace>__<stream_name>, and stream__* for a * entry", () => {
    expect(streamObjectName({ stream_name: "invites" })).toBe("stream__invites");
    expect(streamObjectName({ stream_name: "invites", namespace: "crm" })).toBe("stream__crm__invites");
    expect(streamObjectName({ stream_name: "invites", namespace: "" })).toBe("stream__invites");
    expect(streamObjectName({ stream_name: "*" })).toBe("stream__*");
    expect(streamObjectName({ stream_name: "*", namespace: "crm" })).toBe("stream__crm__*");
  });

  it.each([
    ["the same stream twice", [{ stream_name: "a" }, { stream_name: "a" }], "stream__a"],
    [
      "a __ in a name meeting a namespace",
      [{ stream_name: "crm__invites" }, { stream_name: "invites", namespace: "crm" }],
      "stream__crm__invites",
    ],
  ])("refuse %s as a config_error naming both entries", (_name, streams, object) => {
    const error = thrown(() => streamObjectNames(streams));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain(`streams[0] and streams[1] would both be offered as object "${object}"`);
    expect(error.message).toMatch(/change its stream_name or namespace/);
  });

  it("never meet the templates' own objects or the live template objects", () => {
    const objects = objectsOf([
      { stream_name: "send_flow_template", endpoint: { template: "send_flow_template" } },
      { stream_name: "*", endpoint: { template: "publish_flow" } },
    ]);
    const taken = new Set([
      ...STATIC.map((op) => op.object_name),
      templateObjectName({ name: "stream", language: "en_US" }),
    ]);
    for (const object of objects) expect(taken.has(object.object_name)).toBe(false);
    const all = [...STATIC, ...objects].map((op) => `${op.object_name}/${op.sync_mode}`);
    expect(new Set(all).size).toBe(all.length);
  });
});

describe("a template with fixed options", () => {
  it("send_flow_template with template_name and language: its record schema without them", () => {
    const object = onlyObject({
      template: "send_flow_template",
      template_name: "spring_promo",
      language: "en_US",
    });
    const own = STATIC.find((op) => op.object_name === "send_flow_template")!;
    const ownFields = Object.keys(own.json_schema.properties as object);
    expect(object).toMatchObject({ object_name: "stream__rows", sync_mode: "append" });
    expect(Object.keys(object.json_schema.properties as object)).toEqual(
      ownFields.filter((field) => field !== "template_name" && field !== "language"),
    );
    expect(own.json_schema.required).toEqual(["to", "template_name"]);
    expect(object.json_schema.required).toEqual(["to"]);
    expect(object.json_schema.additionalProperties).toBe(false);
    expect(object.json_schema.$schema).toBe("http://json-schema.org/draft-07/schema#");
    expect(object.json_schema.title).toBe('Send Flow Template: streams[0] (stream "rows")');
    expect(object.json_schema.description).toMatch(
      /The stream fixes template_name "spring_promo", language "en_US"\.$/,
    );
  });

  it("publish_flow with a flow_id: neither flow_id nor flow_name is read, so no field and no matching key", () => {
    const object = onlyObject({ template: "publish_flow", flow_id: "1234567890" });
    expect(object.sync_mode).toBe("update");
    expect(object.json_schema.properties).toEqual({});
    expect(object.json_schema.required).toBeUndefined();
    expect(object.matching_keys).toBeUndefined();
  });

  it("update_flow_json without a flow_id: the template's own fields and matching keys", () => {
    const object = onlyObject({ template: "update_flow_json" });
    const own = STATIC.find((op) => op.object_name === "update_flow_json")!;
    expect(object.json_schema.properties).toEqual(own.json_schema.properties);
    expect(object.matching_keys).toEqual([["flow_id"], ["flow_name"]]);
    expect(object.sync_mode).toBe("update");
  });

  it("a send with a fixed sender: phone_number_id is not a field", () => {
    const object = onlyObject({ template: "send_published_flow", phone_number_id: "111" });
    expect(Object.keys(object.json_schema.properties as object)).not.toContain("phone_number_id");
    expect(object.json_schema.required).toEqual(["to"]);
  });
});

describe("an advanced endpoint", () => {
  it("lists each {message.x} of its URL, headers and body as a required field, closed", () => {
    const object = onlyObject({
      template: "advanced",
      url: `${GRAPH}/{config.api_version}/{message.flow_id}/publish?tag={message.tag}`,
      request_headers: "X-Trace:{message.trace_id}",
      body_template: '{"name": "Flow {message.name}", "categories": {message.categories}}',
    });
    expect(object).toMatchObject({ object_name: "stream__rows", sync_mode: "append" });
    expect(object.matching_keys).toBeUndefined();
    const schema = object.json_schema;
    expect(schema.$schema).toBe("http://json-schema.org/draft-07/schema#");
    expect(schema.type).toBe("object");
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(["flow_id", "tag", "trace_id", "name", "categories"]);
    const properties = schema.properties as Record<string, { type: unknown; description: string }>;
    const text = ["string", "number", "integer", "boolean"];
    expect(properties.flow_id).toEqual({ type: text, description: "Fills {message.flow_id} in url." });
    expect(properties.trace_id!.description).toBe("Fills {message.trace_id} in request_headers.");
    expect(properties.name!.type).toEqual(text);
    // Standing for a whole JSON value, it may be any value.
    expect(properties.categories!.type).toEqual([...text, "object", "array", "null"]);
    expect(schema.title).toBe('Advanced (manual HTTP request): streams[0] (stream "rows")');
    expect(schema.description).toMatch(/: POST to graph\.facebook\.com\./);
  });

  it("turns dot paths into nested objects, open where the object itself is read too", () => {
    const schema = onlyObject({
      template: "advanced",
      url: `${GRAPH}/v23.0/{message.flow.id}/publish`,
      body_template: '{"a": "{message.flow.owner.name}", "whole": {message.meta}, "x": {message.meta.kind}}',
    }).json_schema;
    expect(schema.required).toEqual(["flow", "meta"]);
    const properties = schema.properties as Record<string, Record<string, unknown>>;
    expect(properties.flow).toMatchObject({
      type: "object",
      required: ["id", "owner"],
      additionalProperties: false,
      properties: {
        id: { description: "Fills {message.flow.id} in url." },
        owner: { type: "object", required: ["name"], additionalProperties: false },
      },
    });
    expect(properties.meta).toMatchObject({ type: "object", required: ["kind"], additionalProperties: true });
  });

  it("lets a path of array indexes be an array or an object", () => {
    const schema = onlyObject({
      template: "advanced",
      body_template: '{"first": {message.items.0}, "second": {message.items.1}}',
      url: `${GRAPH}/v23.0/x`,
    }).json_schema;
    expect((schema.properties as Record<string, unknown>).items).toMatchObject({
      type: ["object", "array"],
      required: ["0", "1"],
      minItems: 2,
    });
  });

  it("with {message.json} reads the whole record: an open object that still names its other fields", () => {
    const schema = onlyObject({
      template: "advanced",
      url: `${GRAPH}/v23.0/{message.flow_id}/publish`,
    }).json_schema;
    expect(schema.additionalProperties).toBe(true);
    expect(Object.keys(schema.properties as object)).toEqual(["flow_id"]);
    const bare = onlyObject({
      template: "advanced",
      url: `${GRAPH}/v23.0/x`,
      request_headers: "",
    }).json_schema;
    expect(bare).toMatchObject({ type: "object", properties: {}, additionalProperties: true });
    expect(bare.required).toBeUndefined();
  });

  it("reads no body for GET and DELETE, and no {config.*} value from the record", () => {
    const schema = onlyObject({
      template: "advanced",
      method: "GET",
      url: `${GRAPH}/{config.api_version}/{config.waba_id}/flows?fields={message.fields}`,
      body_template: '{"ignored": "{message.never}"}',
    }).json_schema;
    expect(Object.keys(schema.properties as object)).toEqual(["fields"]);
    expect(schema.additionalProperties).toBe(false);
  });

  it("refuses what write refuses, naming the field: a malformed template, a host not allowed", () => {
    const syntax = thrown(() => onlyObject({ template: "advanced", url: `${GRAPH}/v23.0/{message.a` }));
    expect(syntax).toBeInstanceOf(ConfigError);
    expect(syntax.message).toMatch(/^streams\[0\]\.endpoint\.url: unclosed placeholder/);
    const host = thrown(() => onlyObject({ template: "advanced", url: "https://example.com/{message.a}" }));
    expect(host).toBeInstanceOf(ConfigError);
    expect(host.message).toMatch(/^streams\[0\]\.endpoint\.url: .*example\.com/);
  });
});

describe("Airbyte's connection validation over configured-stream objects", () => {
  it("a UI-like mapping of every required field passes, and one without a required field fails", () => {
    const objects = objectsOf([
      { stream_name: "campaign", endpoint: { template: "send_flow_template", template_name: "promo" } },
      { stream_name: "go_live", endpoint: { template: "publish_flow" } },
      {
        stream_name: "raw",
        endpoint: {
          template: "advanced",
          url: `${GRAPH}/v23.0/{message.flow_id}/deprecate`,
          body_template: "{}",
        },
      },
    ]);
    const catalog = [...STATIC, ...objects];
    for (const [index, object] of objects.entries()) {
      const key = object.matching_keys?.[0];
      const required = (object.json_schema.required ?? []) as string[];
      const mapped = {
        name: `stream_${index}`,
        destination_object_name: object.object_name,
        destination_sync_mode: object.sync_mode,
        fields: [...new Set([...required, ...(key ?? [])])],
        ...(key ? { primary_key: [key] } : {}),
      };
      expect(validateConnection(catalog, [mapped])).toEqual([]);
      for (const field of required) {
        expect(
          validateConnection(catalog, [{ ...mapped, fields: mapped.fields.filter((f) => f !== field) }]),
        ).toContain(`stream_${index}: required field ${field} not mapped`);
      }
    }
  });
});
