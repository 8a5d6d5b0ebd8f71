import { describe, expect, it } from "vitest";
import { TransientError } from "../../../src/errors/index.js";
import type { ExpectedAnswer } from "../../../src/graph/index.js";
import { compileOperation } from "../../../src/operations/catalog/registry.js";
import { createOperationEnv } from "../../../src/operations/contract/operation-env.js";
import { ctx, FakeClient, MINIMAL_FLOW_JSON, makeConfig, ok } from "./support/fixtures.js";

/**
 * Only Meta's documented answer is a success (the client fails any other 2xx, see
 * GraphRequest.expect; the fake client does as it does). Each template's calls say which answer
 * they expect; a send or a create answered otherwise is ambiguous (never repeated; a create is
 * first looked up by name), a call that may repeat ends as a transient failure.
 */
const NOT_META = [
  ["an HTML page", ok("<html><body>Sign in to the Wi-Fi</body></html>")],
  ["an empty body", ok("")],
  ["an empty JSON object", ok({})],
  ["a JSON object of another shape", ok({ data: [] })],
] as const;

const FLOW = "10";
const records: Record<string, Record<string, unknown>> = {
  send_published_flow: { to: "+447700900123", flow_id: FLOW, flow_cta: "Go", body: "Hi" },
  send_draft_flow: { to: "+447700900123", flow_id: FLOW, flow_cta: "Go", body: "Hi" },
  send_flow_template: { to: "+447700900123", template_name: "spring", body_parameters: ["a"] },
  create_flow: { name: "Sign up", categories: ["OTHER"] },
  create_flow_template: {
    name: "spring",
    category: "MARKETING",
    body: "Hi",
    button_text: "Open",
    flow_id: FLOW,
  },
  deploy_flow: { name: "Sign up", categories: ["OTHER"], flow_json: MINIMAL_FLOW_JSON },
  update_flow_json: { flow_id: FLOW, flow_json: MINIMAL_FLOW_JSON },
  update_flow_metadata: { flow_id: FLOW, name: "New name" },
  publish_flow: { flow_id: FLOW },
  deprecate_flow: { flow_id: FLOW },
  delete_flow: { flow_id: FLOW },
};

function operation(template: string, client: FakeClient) {
  const op = compileOperation(createOperationEnv(makeConfig(), client), { template }, "streams[0].endpoint");
  const context = ctx("rows", 3, { template });
  return { op, plan: op.plan(records[template]!, context) };
}

describe("what each template's success looks like", () => {
  const expected: Record<string, ExpectedAnswer> = {
    send_published_flow: "message_id",
    send_draft_flow: "message_id",
    send_flow_template: "message_id",
    create_flow: "object_id",
    create_flow_template: "object_id",
    deploy_flow: "object_id",
    update_flow_json: "success_flag",
    update_flow_metadata: "success_flag",
    publish_flow: "success_flag",
    deprecate_flow: "success_flag",
    delete_flow: "success_flag",
  };
  it.each(Object.entries(expected))("%s expects %s", (template, answer) => {
    const { plan } = operation(template, new FakeClient());
    expect((plan as { request: { expect?: string } }).request.expect).toBe(answer);
  });
});

describe("a send answered with anything but a message id is ambiguous, and sent once", () => {
  for (const template of ["send_published_flow", "send_draft_flow", "send_flow_template"]) {
    it.each(NOT_META)(`${template}: %s`, async (what, answer) => {
      const client = new FakeClient(answer);
      const { op, plan } = operation(template, client);
      const outcome = await op.execute(plan);
      expect(outcome.kind).toBe("ambiguous");
      expect(outcome.kind === "ambiguous" && outcome.error.message).toContain(
        `may or may not have been processed (it was answered HTTP 200 with ${what}, not a message id`,
      );
      expect(client.requests).toHaveLength(1);
    });
  }

  it("a real answer is a success carrying the message id", async () => {
    const client = new FakeClient(ok({ messages: [{ id: "wamid.HBgL1" }] }));
    const { op, plan } = operation("send_published_flow", client);
    expect(await op.execute(plan)).toMatchObject({ kind: "succeeded", result: { messageId: "wamid.HBgL1" } });
  });
});

describe("a create answered without an id is looked up by name, else ambiguous; never created twice", () => {
  const notFound = () => ok({ data: [], paging: {} });
  const creates: Array<[string, (answer: ReturnType<typeof ok>) => FakeClient]> = [
    ["create_flow", (answer) => new FakeClient(answer, notFound())],
    ["create_flow_template", (answer) => new FakeClient(notFound(), answer, notFound())],
    ["deploy_flow", (answer) => new FakeClient(notFound(), answer, notFound())],
  ];
  for (const [template, scripted] of creates) {
    it.each(NOT_META)(`${template}: %s`, async (what, answer) => {
      const client = scripted(answer);
      const { op, plan } = operation(template, client);
      const outcome = await op.execute(plan);
      expect(outcome.kind).toBe("ambiguous");
      expect(outcome.kind === "ambiguous" && outcome.error.message).toContain(
        `answered HTTP 200 with ${what}, not an object id`,
      );
      expect(client.requests.filter((r) => r.method === "POST")).toHaveLength(1);
    });
  }
});

describe("a call that may repeat, answered otherwise, ends as a transient failure", () => {
  const calls: Array<[string, Array<ReturnType<typeof ok>>]> = [
    ["update_flow_json", []],
    ["update_flow_metadata", []],
    // The Flow's status is read back first: still not where the record wants it.
    ["publish_flow", [ok({ id: FLOW, status: "DRAFT" })]],
    ["deprecate_flow", [ok({ id: FLOW, status: "PUBLISHED" })]],
    ["delete_flow", [ok({ id: FLOW, status: "DRAFT" })]],
  ];
  for (const [template, readBack] of calls) {
    it.each(NOT_META)(`${template}: %s`, async (what, answer) => {
      const client = new FakeClient(answer, ...readBack);
      const { op, plan } = operation(template, client);
      const error = await op.execute(plan).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TransientError);
      expect((error as Error).message).toContain(
        `still failed after 1 attempt: HTTP 200 with ${what}, not a "success" flag: not the Graph API's answer`,
      );
      expect((error as Error).message).toContain("check base_url");
    });
  }
});
