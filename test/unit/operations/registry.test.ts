import { describe, expect, it } from "vitest";
import { ConfigError } from "../../../src/errors/index.js";
import { describeGraphPlan, MASKED_AUTHORIZATION } from "../../../src/operations/contract/describe-plan.js";
import type { ResolvedStream } from "../../../src/operations/contract/resolved-stream.js";
import { compileOperations } from "../../../src/operations/index.js";
import { ctx, FakeClient, MINIMAL_FLOW_JSON, makeConfig, PREFIX } from "./support/fixtures.js";

const ALL = [
  { template: "create_flow" },
  { template: "update_flow_json" },
  { template: "update_flow_metadata" },
  { template: "publish_flow", flow_id: "1" },
  { template: "deprecate_flow" },
  { template: "delete_flow" },
  { template: "send_published_flow" },
  { template: "send_draft_flow" },
  { template: "advanced", url: "https://graph.facebook.com/v23.0/{message.flow_id}/publish" },
];

function streamsOf(config: ReturnType<typeof makeConfig>): Map<string, ResolvedStream> {
  return new Map(
    config.streams.map((mapping, i) => [
      mapping.stream_name,
      {
        name: mapping.stream_name,
        namespace: undefined,
        key: mapping.stream_name,
        endpoint: mapping.endpoint,
        configPath: `streams[${i}].endpoint`,
        syncMode: "append",
      },
    ]),
  );
}

describe("compileOperations", () => {
  it("compiles one operation per stream, for every template", () => {
    const config = makeConfig(ALL);
    const operations = compileOperations(config, streamsOf(config), { client: new FakeClient() });
    expect([...operations.values()].map((op) => op.name)).toEqual(ALL.map((e) => e.template));
  });

  it("streams that share a mapping share its operation", () => {
    const config = makeConfig([{ template: "publish_flow" }]);
    const mapping = config.streams[0]!;
    const streams = new Map<string, ResolvedStream>([
      [
        "a",
        {
          name: "a",
          namespace: undefined,
          key: "a",
          endpoint: mapping.endpoint,
          configPath: "streams[0].endpoint",
          syncMode: "append",
        },
      ],
      [
        "b",
        {
          name: "b",
          namespace: undefined,
          key: "b",
          endpoint: mapping.endpoint,
          configPath: "streams[0].endpoint",
          syncMode: "append",
        },
      ],
    ]);
    const operations = compileOperations(config, streams, { client: new FakeClient() });
    expect(operations.get("a")).toBe(operations.get("b"));
  });

  it("a bad advanced template fails before any record, naming the config path", () => {
    const config = makeConfig([
      { template: "create_flow" },
      { template: "advanced", url: "https://graph.facebook.com/x", body_template: '{"a": {message.b' },
    ]);
    expect(() => compileOperations(config, streamsOf(config), { client: new FakeClient() })).toThrow(
      ConfigError,
    );
    expect(() => compileOperations(config, streamsOf(config), { client: new FakeClient() })).toThrow(
      "streams[1].endpoint.body_template",
    );
  });
});

describe("describe (dry run)", () => {
  const config = makeConfig(ALL);
  const operations = compileOperations(config, streamsOf(config), { client: new FakeClient() });

  it("shows method, URL, masked Authorization and a JSON body", () => {
    const op = operations.get("s6")!;
    const plan = op.plan({ to: "15551234567", flow_id: "1", flow_cta: "Go", body: "Hi" }, ctx());
    const described = op.describe(plan);
    expect(described.request).toEqual({ method: "POST", url: `${PREFIX}106540352242922/messages` });
    expect(described.headers).toEqual({
      Authorization: MASKED_AUTHORIZATION,
      "Content-Type": "application/json",
    });
    expect(described.body).toMatchObject({ messaging_product: "whatsapp", to: "+15551234567" });
    expect(JSON.stringify(described)).not.toContain("test-token");
  });

  it("summarises multipart file parts by name, filename, size and content type", () => {
    const op = operations.get("s1")!;
    const text = JSON.stringify(MINIMAL_FLOW_JSON);
    const described = op.describe(op.plan({ flow_id: "5", file_content: text }, ctx()));
    expect(described.body).toEqual({
      parts: [
        {
          name: "file",
          filename: "flow.json",
          content_type: "application/json",
          size: Buffer.byteLength(text),
        },
        { name: "name", value: "flow.json" },
        { name: "asset_type", value: "FLOW_JSON" },
      ],
    });
    expect(described.headers["Content-Type"]).toBe("multipart/form-data");
  });

  it("body-less calls describe a null body and user headers of advanced", () => {
    const config2 = makeConfig([
      {
        template: "advanced",
        method: "DELETE",
        url: "https://graph.facebook.com/v23.0/{message.flow_id}",
        request_headers: "X-Team:growth",
      },
    ]);
    const op = compileOperations(config2, streamsOf(config2), { client: new FakeClient() }).get("s0")!;
    const described = describeGraphPlan(op.plan({ flow_id: "8" }, ctx()) as never);
    expect(described).toEqual({
      request: { method: "DELETE", url: `${PREFIX}8` },
      headers: { "X-Team": "growth", Authorization: MASKED_AUTHORIZATION },
      body: null,
    });
  });
});
