import { describe, expect, it } from "vitest";
import { RecordError } from "../../../src/errors/index.js";
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
