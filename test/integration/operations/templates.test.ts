import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { RecordError } from "../../../src/errors/index.js";
import { FlowJsonRejectedError } from "../../../src/operations/errors/flow-json-rejected-error.js";
import { FLOW_JSON, type Harness, sends, startHarness } from "./support/harness.js";

const STREAMS = {
  create: { template: "create_flow" },
  assets: { template: "update_flow_json" },
  meta: { template: "update_flow_metadata" },
  publish: { template: "publish_flow" },
  deprecate: { template: "deprecate_flow" },
  delete: { template: "delete_flow" },
  invites: { template: "send_published_flow" },
  drafts: { template: "send_draft_flow" },
};

let h: Harness;
beforeAll(async () => {
  h = await startHarness(STREAMS);
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => h.emu.reset());

async function createDraft(name: string, flowJson = true): Promise<string> {
  const outcome = await h.run("create", {
    name,
    categories: ["OTHER"],
    ...(flowJson ? { flow_json: FLOW_JSON } : {}),
  });
  if (outcome.kind !== "succeeded" || outcome.result?.flowId === undefined)
    throw new Error(`create failed: ${outcome.kind}`);
  return outcome.result.flowId;
}

function statusOf(id: string): string | undefined {
  return h.emu.flows().find((flow) => flow.id === id)?.status;
}

describe("each template succeeds against the emulator", () => {
  it("create_flow with flow_json and publish", async () => {
    const outcome = await h.run("create", {
      name: "Sign up",
      categories: '["SIGN_UP"]',
      flow_json: FLOW_JSON,
      publish: true,
    });
    expect(outcome).toMatchObject({ kind: "succeeded", response: { status: 200 } });
    const id = outcome.kind === "succeeded" ? outcome.result?.flowId : undefined;
    expect(statusOf(id!)).toBe("PUBLISHED");
  });

  it("update_flow_json, update_flow_metadata, publish, deprecate, delete", async () => {
    const id = await createDraft("Lifecycle", false);
    expect(
      await h.run("assets", { flow_id: id, file_content: JSON.stringify(FLOW_JSON, null, 2) }),
    ).toMatchObject({ kind: "succeeded" });
    expect(await h.run("meta", { flow_id: id, name: "Lifecycle 2", categories: ["SURVEY"] })).toMatchObject({
      kind: "succeeded",
    });
    expect(h.emu.flows().find((f) => f.id === id)).toMatchObject({
      name: "Lifecycle 2",
      categories: ["SURVEY"],
    });
    expect(await h.run("publish", { flow_id: id })).toMatchObject({
      kind: "succeeded",
      result: { flowId: id },
    });
    expect(statusOf(id)).toBe("PUBLISHED");
    expect(await h.run("deprecate", { flow_id: id })).toMatchObject({ kind: "succeeded" });
    expect(statusOf(id)).toBe("DEPRECATED");
    const draft = await createDraft("To delete");
    expect(await h.run("delete", { flow_id: draft })).toMatchObject({ kind: "succeeded" });
    expect(statusOf(draft)).toBeUndefined();
  });

  it("send_published_flow and send_draft_flow return the wamid", async () => {
    const published = await h.run("create", {
      name: "Invite",
      categories: ["OTHER"],
      flow_json: FLOW_JSON,
      publish: true,
    });
    const flowId = published.kind === "succeeded" ? published.result?.flowId : undefined;
    const outcome = await h.run("invites", {
      to: "15551234567",
      flow_id: flowId,
      flow_cta: "Open",
      body: "Hello",
      screen: "WELCOME",
      data: { x: 1 },
    });
    expect(outcome).toMatchObject({
      kind: "succeeded",
      result: { messageId: expect.stringMatching(/^wamid\./) },
    });
    await createDraft("Draft one");
    const draft = await h.run("drafts", {
      to: "15551234567",
      flow_name: "Draft one",
      flow_cta: "Try",
      body: "Test",
    });
    expect(draft).toMatchObject({
      kind: "succeeded",
      result: { messageId: expect.stringMatching(/^wamid\./) },
    });
  });
});

describe("bad input gets a clear error, before any call", () => {
  it("a send with a too long flow_cta", () => {
    expect(() =>
      h.plan("invites", { to: "15551234567", flow_id: "1", flow_cta: "x".repeat(31), body: "b" }, 12),
    ).toThrow(
      /stream "invites" record 12: field "flow_cta" must be a non-empty string \(at most 30 characters\)/,
    );
    expect(h.emu.journal()).toHaveLength(0);
  });

  it("an update with invalid Flow JSON is rejected locally with Meta-style errors", () => {
    expect(() => h.plan("assets", { flow_id: "1", file_content: "{ nope" })).toThrow(FlowJsonRejectedError);
    expect(() => h.plan("create", { name: "x", categories: ["OTHER"], flow_json: { screens: [] } })).toThrow(
      FlowJsonRejectedError,
    );
    expect(h.emu.journal()).toHaveLength(0);
  });

  it("a create without categories", () => {
    expect(() => h.plan("create", { name: "x" })).toThrow(RecordError);
  });

  it("a publish of an unknown flow is rejected with Meta's 100/33", async () => {
    const outcome = await h.run("publish", { flow_id: "999999" });
    expect(outcome.kind).toBe("rejected");
    if (outcome.kind === "rejected") expect(outcome.error.message).toContain("Graph error 100/33");
  });

  it("a send to a flow that does not exist is rejected", async () => {
    const outcome = await h.run("invites", {
      to: "15551234567",
      flow_id: "424242",
      flow_cta: "Open",
      body: "Hello",
    });
    expect(outcome.kind).toBe("rejected");
  });
});

describe("idempotent outcomes", () => {
  it("create of an existing name resolves to that flow, never a duplicate", async () => {
    const id = await createDraft("Taken");
    const outcome = await h.run("create", { name: "Taken", categories: ["OTHER"] });
    expect(outcome).toMatchObject({ kind: "succeeded", resolution: "existing_flow", result: { flowId: id } });
    expect(h.emu.flows().filter((flow) => flow.name === "Taken")).toHaveLength(1);
  });

  it("create whose answer was lost (reset after body) is found by name", async () => {
    h.emu.setFaults([{ route: "create", reset: "after-body", times: 1 }]);
    const outcome = await h.run("create", { name: "Lost answer", categories: ["OTHER"] });
    expect(outcome).toMatchObject({ kind: "succeeded", resolution: "existing_flow" });
    expect(h.emu.journal().filter((entry) => entry.route === "create")).toHaveLength(1);
    expect(h.emu.flows().filter((flow) => flow.name === "Lost answer")).toHaveLength(1);
  });

  it("create whose answer was lost before it was processed stays ambiguous, not re-sent", async () => {
    h.emu.setFaults([{ route: "create", reset: "before-body", times: 1 }]);
    const outcome = await h.run("create", { name: "Never made", categories: ["OTHER"] });
    expect(outcome.kind).toBe("ambiguous");
    expect(h.emu.flows().filter((flow) => flow.name === "Never made")).toHaveLength(0);
  });

  it("deprecate of an already deprecated flow succeeds", async () => {
    const created = await h.run("create", {
      name: "Old",
      categories: ["OTHER"],
      flow_json: FLOW_JSON,
      publish: true,
    });
    const id = created.kind === "succeeded" ? created.result!.flowId! : "";
    expect(await h.run("deprecate", { flow_id: id })).toMatchObject({ kind: "succeeded" });
    expect(await h.run("deprecate", { flow_id: id })).toMatchObject({
      kind: "succeeded",
      resolution: "already_deprecated",
    });
  });

  it("delete of a vanished flow succeeds", async () => {
    const id = await createDraft("Gone");
    expect(await h.run("delete", { flow_id: id })).toMatchObject({ kind: "succeeded" });
    expect(await h.run("delete", { flow_id: id })).toMatchObject({
      kind: "succeeded",
      resolution: "already_deleted",
    });
  });

  it("a publish whose answer was lost is confirmed by the flow's status", async () => {
    const id = await createDraft("Publish me");
    h.emu.setFaults([{ route: "publish", reset: "after-body", times: 1 }]);
    const outcome = await h.run("publish", { flow_id: id });
    expect(outcome).toMatchObject({ kind: "succeeded", resolution: "confirmed_by_status" });
    expect(statusOf(id)).toBe("PUBLISHED");
  });

  it("a send hit by a reset after its body is ambiguous and sent at most once", async () => {
    const created = await h.run("create", {
      name: "Once",
      categories: ["OTHER"],
      flow_json: FLOW_JSON,
      publish: true,
    });
    const flowId = created.kind === "succeeded" ? created.result?.flowId : undefined;
    h.emu.setFaults([{ route: "send", reset: "after-body", times: 1 }]);
    const outcome = await h.run("invites", {
      to: "15551234567",
      flow_id: flowId,
      flow_cta: "Open",
      body: "Hello",
    });
    expect(outcome.kind).toBe("ambiguous");
    expect(sends(h.emu)).toBe(1);
  });

  it("a send refused by a 131000 server error is ambiguous and not re-sent", async () => {
    h.emu.setFaults([{ route: "send", status: 500, code: 131000 }]);
    const outcome = await h.run("drafts", {
      to: "15551234567",
      flow_name: "whatever",
      flow_cta: "Open",
      body: "Hello",
    });
    expect(outcome).toMatchObject({ kind: "ambiguous", response: { status: 500 } });
    expect(sends(h.emu)).toBe(1);
  });

  it("rate limits beyond the retry budget stop the sync as transient", async () => {
    h.emu.setFaults([{ route: "send", status: 400, code: 130429 }]);
    await expect(
      h.run("drafts", { to: "15551234567", flow_name: "x", flow_cta: "Open", body: "Hello" }),
    ).rejects.toMatchObject({
      failureType: "transient_error",
    });
    expect(sends(h.emu)).toBe(3);
  });
});
