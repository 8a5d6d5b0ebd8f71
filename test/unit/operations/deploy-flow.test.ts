import { describe, expect, it } from "vitest";
import { RecordError } from "../../../src/errors/index.js";
import { parseConfig } from "../../../src/operations/catalog/connector-config.js";
import { deployFlowOperation } from "../../../src/operations/deploy-flow/deploy-flow.js";
import { isTrustedDownload } from "../../../src/operations/deploy-flow/deploy-flow-state.js";
import { FlowJsonRejectedError } from "../../../src/operations/errors/flow-json-rejected-error.js";
import {
  ctx,
  envWith,
  FakeClient,
  graphError,
  MINIMAL_FLOW_JSON,
  ok,
  PREFIX,
  WABA,
} from "./support/fixtures.js";

const c = ctx("flows", 2);
const row = { name: "Sign up", categories: ["SIGN_UP"], flow_json: MINIMAL_FLOW_JSON };
const noFlows = ok({ data: [] });
const listed = (status = "DRAFT") => ok({ data: [{ id: "77", name: "Sign up", status }] });
const node = (status: string, extra: Record<string, unknown> = {}) =>
  ok({ id: "77", name: "Sign up", status, categories: ["SIGN_UP"], validation_errors: [], ...extra });
const assets = (url = `${PREFIX}__asset`) =>
  ok({ data: [{ name: "flow.json", asset_type: "FLOW_JSON", download_url: url }] });

function run(client: FakeClient, record: Record<string, unknown> = row) {
  const op = deployFlowOperation(envWith(client));
  return op.execute(op.plan(record, c));
}

describe("deploy_flow plan", () => {
  it("checks the Flow JSON locally (publishable when publish is asked) before any call", () => {
    const client = new FakeClient();
    const op = deployFlowOperation(envWith(client));
    expect(() => op.plan({ ...row, flow_json: { version: "7.2" } }, c)).toThrow(FlowJsonRejectedError);
    expect(() => op.plan({ ...row, flow_json: undefined }, c)).toThrow('field "flow_json"');
    const plan = op.plan(row, c);
    expect(plan.key).toBe("flow-name:Sign up");
    expect(plan.summary).toEqual({ method: "POST", url: `${PREFIX}${WABA}/flows` });
    expect(client.requests).toEqual([]);
  });
});

describe("deploy_flow execution", () => {
  it("a new name is one create carrying the JSON; the sync then knows the Flow", async () => {
    const client = new FakeClient(noFlows, ok({ id: "88", success: true, validation_errors: [] }));
    const op = deployFlowOperation(envWith(client));
    const outcome = await op.execute(op.plan(row, c));
    expect(outcome).toMatchObject({
      kind: "succeeded",
      response: {
        body: { id: "88", flow: "created", flow_json: "uploaded", publish: "not_requested", writes: 1 },
      },
    });
    const parts = (client.requests[1]!.body as { readonly parts: readonly { name: string }[] }).parts.map(
      (p) => p.name,
    );
    expect(parts).toEqual(["name", "categories", "flow_json"]);
  });

  it("Meta's validation errors in the create's answer reject the record", async () => {
    const errors = [
      { error: "INVALID_PROPERTY", error_type: "JSON_SCHEMA_ERROR", message: "bad", pointers: [] },
    ];
    const outcome = await run(
      new FakeClient(noFlows, ok({ id: "88", success: true, validation_errors: errors })),
    );
    expect(outcome.kind === "rejected" && outcome.error).toBeInstanceOf(FlowJsonRejectedError);
  });

  it("a name taken since the scan (duplicate-name answer) is looked up and deployed as reused", async () => {
    const client = new FakeClient(
      noFlows,
      graphError(400, { code: 100, error_user_title: "Flow name is not unique" }),
      listed(),
      node("DRAFT"),
      assets(),
      ok(MINIMAL_FLOW_JSON),
    );
    const outcome = await run(client);
    expect(outcome).toMatchObject({ kind: "succeeded", response: { body: { flow: "reused", writes: 0 } } });
  });

  it("an unchanged Flow is only read: three GETs after the scan, no write", async () => {
    const client = new FakeClient(
      listed("PUBLISHED"),
      node("PUBLISHED"),
      assets(),
      ok(JSON.stringify(MINIMAL_FLOW_JSON)),
    );
    const outcome = await run(client, { ...row, publish: true });
    expect(client.requests.map((r) => r.method)).toEqual(["GET", "GET", "GET", "GET"]);
    expect(client.requests[3]!.url).toBe(`${PREFIX}__asset`);
    expect(outcome).toMatchObject({
      kind: "succeeded",
      resolution: "existing_flow",
      response: { body: { publish: "already_published", writes: 0 } },
      request: { method: "GET", url: `${PREFIX}77` },
    });
    expect(outcome.kind === "succeeded" && outcome.note).toBe(
      'deploy_flow "Sign up" (id 77): reused, Flow JSON unchanged, metadata unchanged, already published; 0 write(s)',
    );
  });

  it("a publish that did not take (status read back still DRAFT) rejects the record", async () => {
    const client = new FakeClient(
      listed(),
      node("DRAFT"),
      assets(),
      ok(MINIMAL_FLOW_JSON),
      ok({ success: true }),
      ok({ id: "77", status: "DRAFT" }),
    );
    const outcome = await run(client, { ...row, publish: true });
    expect(outcome.kind === "rejected" && outcome.error.code).toBe("ERR_FLOW_NOT_PUBLISHED");
    expect(client.requests[4]).toMatchObject({ method: "POST", path: "77/publish" });
  });

  it("a PUBLISHED Flow whose JSON cannot be read to compare is left untouched", async () => {
    const client = new FakeClient(
      listed("PUBLISHED"),
      node("PUBLISHED"),
      assets("https://evil.example/flow.json"),
    );
    const outcome = await run(client);
    expect(outcome.kind).toBe("rejected");
    if (outcome.kind !== "rejected") return;
    expect(outcome.error).toBeInstanceOf(RecordError);
    expect(outcome.error.code).toBe("ERR_DEPLOY_FLOW_UNVERIFIED");
    expect(outcome.error.message).toContain("its download_url is not on a Meta host");
    expect(client.requests).toHaveLength(3);
  });
});

describe("deploy_flow on a PUBLISHED Flow whose JSON differs", () => {
  const changed = { ...row, flow_json: { ...MINIMAL_FLOW_JSON, version: "7.1" }, publish: true };
  const readPublished = () => [
    listed("PUBLISHED"),
    node("PUBLISHED"),
    assets(),
    ok(JSON.stringify(MINIMAL_FLOW_JSON)),
  ];

  it("uploads the JSON and publishes the Flow again, same id, confirmed by the status read back", async () => {
    const client = new FakeClient(
      ...readPublished(),
      ok({ success: true, validation_errors: [] }),
      ok({ success: true }),
      ok({ id: "77", status: "PUBLISHED" }),
    );
    const outcome = await run(client, changed);
    expect(client.requests.slice(4).map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST 77/assets",
      "POST 77/publish",
      "GET 77",
    ]);
    expect(outcome).toMatchObject({
      kind: "succeeded",
      response: { body: { id: "77", status: "PUBLISHED", flow_json: "uploaded", publish: "republished" } },
    });
  });

  it("a re-publish Meta refuses rejects the record saying the Flow is DRAFT, with Meta's validation errors", async () => {
    const finding = {
      error: "INVALID_PROPERTY_VALUE",
      error_type: "FLOW_JSON_ERROR",
      message: "Invalid value found for property 'type'.",
      pointers: [{ path: "screens[0].layout.type" }],
    };
    const client = new FakeClient(
      ...readPublished(),
      ok({ success: true, validation_errors: [] }),
      graphError(400, { code: 139002, message: "(#139002) Publishing failed" }),
      ok({ id: "77", status: "DRAFT" }),
      ok({ id: "77", status: "DRAFT", validation_errors: [finding] }),
    );
    const outcome = await run(client, changed);
    expect(outcome.kind).toBe("rejected");
    if (outcome.kind !== "rejected") return;
    expect(outcome.error.code).toBe("ERR_DEPLOY_FLOW_LEFT_DRAFT");
    expect(outcome.error.message).toContain('Flow "Sign up" (id 77) was PUBLISHED');
    expect(outcome.error.message).toContain("It is DRAFT on Meta's side now");
    expect(outcome.error.message).toContain("Invalid value found for property 'type'.");
    expect(outcome.error.message).toContain("screens[0].layout.type");
    expect(outcome.error.hint).toContain("deploy the previous Flow JSON with publish: true");
    expect(client.requests.at(-1)).toMatchObject({
      method: "GET",
      path: "77",
      query: { fields: "id,status,validation_errors" },
    });
  });

  it("a refused edit that left the Flow PUBLISHED keeps its own rejection", async () => {
    const client = new FakeClient(
      ...readPublished(),
      graphError(400, { code: 139001, message: "(#139001) Flow can't be updated" }),
      ok({ id: "77", status: "PUBLISHED", validation_errors: [] }),
    );
    const outcome = await run(client, changed);
    expect(outcome.kind).toBe("rejected");
    if (outcome.kind !== "rejected") return;
    expect(outcome.error.code).not.toBe("ERR_DEPLOY_FLOW_LEFT_DRAFT");
    expect(client.requests.map((r) => r.method)).toEqual(["GET", "GET", "GET", "GET", "POST", "GET"]);
  });

  it("without publish: true, or with published_flow_changes: reject, nothing is written", async () => {
    const client = new FakeClient(...readPublished());
    const withoutPublish = await run(client, { ...changed, publish: false });
    expect(withoutPublish.kind === "rejected" && withoutPublish.error.code).toBe(
      "ERR_DEPLOY_FLOW_PUBLISH_REQUIRED",
    );
    const locked = new FakeClient(...readPublished());
    const op = deployFlowOperation(envWith(locked), "reject");
    const outcome = await op.execute(op.plan(changed, c));
    expect(outcome.kind === "rejected" && outcome.error.message).toContain("published_flow_changes: reject");
    expect([...client.requests, ...locked.requests].every((r) => r.method === "GET")).toBe(true);
  });
});

describe("the endpoint option published_flow_changes", () => {
  const config = (value: unknown) => ({
    access_token: "t",
    waba_id: "1",
    streams: [{ stream_name: "f", endpoint: { template: "deploy_flow", published_flow_changes: value } }],
  });

  it("takes update_in_place (the default) or reject; anything else is a config error naming the field", () => {
    expect(parseConfig(config("reject")).streams[0]?.endpoint).toMatchObject({
      published_flow_changes: "reject",
    });
    expect(() => parseConfig(config("sometimes"))).toThrow(
      /streams\[0\]\.endpoint\.published_flow_changes: must be one of "update_in_place", "reject"/,
    );
  });
});

describe("the asset is fetched only where the token may go", () => {
  const env = envWith(new FakeClient());
  it.each([
    [`${PREFIX}x`, true],
    ["https://lookaside.fbsbx.com/wa_flows/flow.json?sig=1", true],
    ["https://mmg.whatsapp.net/v/t62/flow.json", true],
    ["http://lookaside.fbsbx.com/flow.json", false],
    ["https://facebook.com.evil.example/flow.json", false],
    ["https://evil.example/flow.json", false],
    ["not a url", false],
  ])("%s: %s", (url, trusted) => {
    expect(isTrustedDownload(env, url)).toBe(trusted);
  });
});
