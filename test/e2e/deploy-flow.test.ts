import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { type CliResult, ofType } from "../support/cli.js";
import { MINIMAL_FLOW_JSON } from "../support/flow-json.js";
import {
  configFor,
  emulator,
  lines,
  states,
  streamState,
  type WebhookReceiver,
  webhookReceiver,
  write,
} from "./write-support.js";

/**
 * deploy_flow through the built CLI: a table of Flows deployed by one sync; the same table again
 * writes nothing (the emulator's journal holds only GETs); one changed JSON is one upload; a
 * PUBLISHED Flow whose JSON changed is updated in place and published again with publish: true,
 * left untouched without it (or when the endpoint forbids it), and never left DRAFT unsaid.
 */
let emu: RunningEmulator;
let hook: WebhookReceiver;

const titled = (title: string) => ({
  ...MINIMAL_FLOW_JSON,
  screens: [{ ...MINIMAL_FLOW_JSON.screens[0]!, title }],
});
const TABLE = [
  { name: "deploy_signup", categories: ["SIGN_UP"], flow_json: titled("Sign up"), publish: true },
  { name: "deploy_survey", categories: ["SURVEY", "OTHER"], flow_json: titled("Survey") },
  {
    name: "deploy_contact",
    categories: ["CONTACT_US"],
    // As a warehouse column hands it over: JSON text, formatted differently from what is stored.
    flow_json: JSON.stringify(titled("Contact"), null, 2),
    endpoint_uri: "https://flows.example.com/contact",
  },
];

/** The table as last deployed. */
let latest: Record<string, unknown>[] = TABLE;

const catalog = {
  streams: [
    {
      stream: { name: "flows", json_schema: {}, supported_sync_modes: ["full_refresh"] },
      sync_mode: "full_refresh",
      destination_sync_mode: "update",
      primary_key: [["name"]],
    },
  ],
};
const record = (data: Record<string, unknown>) =>
  JSON.stringify({ type: "RECORD", record: { stream: "flows", emitted_at: 1, data } });

async function deploy(
  table: Record<string, unknown>[],
  options: Record<string, unknown> = {},
): Promise<{ result: CliResult; since: number }> {
  const since = emu.journal().at(-1)?.seq ?? 0;
  hook.bodies.length = 0;
  const config = configFor(emu, {
    streams: [{ stream_name: "flows", endpoint: { template: "deploy_flow", ...options } }],
    response_webhook: { mode: "webhook", url: hook.url, batch_size: 1 },
  });
  const result = await write(config, lines(...table.map(record), streamState("flows", 1)), { catalog });
  expect(result.code).toBe(0);
  return { result, since };
}

function logs(result: CliResult, level: string): string[] {
  return ofType(result, "LOG")
    .map((m) => m.log as { level: string; message: string })
    .filter((l) => l.level === level)
    .map((l) => l.message);
}

const callsSince = (since: number) => emu.journal().filter((entry) => entry.seq > since);
const writesSince = (since: number) => callsSince(since).filter((entry) => entry.method !== "GET");
type Envelope = { outcome: string; response: { body: Record<string, unknown> } | null };
const bodies = () =>
  hook.bodies
    .map((b) => JSON.parse(b) as Envelope)
    .map((e) => e.response?.body)
    .sort((a, b) => String(a?.name).localeCompare(String(b?.name)));

beforeAll(async () => {
  emu = await emulator();
  hook = await webhookReceiver();
});
afterAll(async () => {
  await hook.close();
  await emu.close();
});

describe("deploy_flow: a table of Flows deployed by one sync", () => {
  it("creates the three Flows, publishing only the one that asks", async () => {
    const { result } = await deploy(TABLE);
    expect(states(result).at(-1)!.state.destinationStats).toEqual({ recordCount: 3 });
    const byName = new Map(emu.flows().map((f) => [f.name, f]));
    expect(byName.get("deploy_signup")).toMatchObject({ status: "PUBLISHED" });
    expect(byName.get("deploy_survey")).toMatchObject({ status: "DRAFT" });
    expect(byName.get("deploy_contact")).toMatchObject({ status: "DRAFT" });
    expect(bodies()).toMatchObject([
      { name: "deploy_contact", flow: "created", flow_json: "uploaded", publish: "not_requested", writes: 1 },
      { name: "deploy_signup", flow: "created", flow_json: "uploaded", publish: "published", writes: 2 },
      { name: "deploy_survey", flow: "created", flow_json: "uploaded", publish: "not_requested", writes: 1 },
    ]);
    expect(logs(result, "INFO").filter((l) => l.includes("deploy_flow"))).toHaveLength(3);
  });

  it("run again: nothing is written (the journal holds only GETs), and the report says so", async () => {
    const { result, since } = await deploy(TABLE);
    expect(callsSince(since).length).toBeGreaterThan(0);
    expect(writesSince(since)).toEqual([]);
    // One scan of the WABA's Flows answers all three names.
    expect(callsSince(since).filter((e) => e.route === "list_flows")).toHaveLength(1);
    expect(bodies()).toMatchObject([
      { flow: "reused", flow_json: "unchanged", metadata: "unchanged", publish: "not_requested", writes: 0 },
      {
        flow: "reused",
        flow_json: "unchanged",
        publish: "already_published",
        status: "PUBLISHED",
        writes: 0,
      },
      { flow: "reused", flow_json: "unchanged", metadata: "unchanged", writes: 0 },
    ]);
    const notes = logs(result, "INFO").filter((l) => l.includes("deploy_flow"));
    expect(notes.join("\n")).toContain('deploy_flow "deploy_signup"');
    expect(notes.every((l) => l.includes("reused, Flow JSON unchanged") && l.includes("0 write(s)"))).toBe(
      true,
    );
  });

  it("one changed JSON (of a DRAFT) is exactly one upload", async () => {
    const changed = TABLE.map((row) =>
      row.name === "deploy_survey" ? { ...row, flow_json: titled("Survey, second edition") } : row,
    );
    const { since } = await deploy(changed);
    latest = changed;
    const writes = writesSince(since);
    expect(writes.map((e) => `${e.method} ${e.route} ${e.flowId}`)).toEqual([
      `POST update_flow_json ${emu.flows().find((f) => f.name === "deploy_survey")!.id}`,
    ]);
    expect(bodies()[2]).toMatchObject({ name: "deploy_survey", flow_json: "uploaded", writes: 1 });
  });

  it("a PUBLISHED Flow changed without publish: true is left untouched, the record says to set it", async () => {
    const changed = latest.map((row) =>
      row.name === "deploy_signup"
        ? { name: row.name, categories: row.categories, flow_json: titled("Sign up, reworded") }
        : row,
    );
    const { result, since } = await deploy(changed);
    expect(writesSince(since)).toEqual([]);
    expect(states(result).at(-1)!.state.destinationStats).toMatchObject({ rejectedRecordCount: 1 });
    const signup = flowNamed("deploy_signup");
    expect(signup.status).toBe("PUBLISHED");
    const warning = logs(result, "WARN").join("\n");
    expect(warning).toContain(
      `Flow "deploy_signup" (id ${signup.id}) is PUBLISHED and the record changes it (Flow JSON) without publish: true`,
    );
    expect(warning).toContain("code=ERR_DEPLOY_FLOW_PUBLISH_REQUIRED");
  });

  it("published_flow_changes: reject leaves a changed PUBLISHED Flow untouched, naming the option", async () => {
    const changed = latest.map((row) =>
      row.name === "deploy_signup" ? { ...row, flow_json: titled("Sign up, reworded") } : row,
    );
    const { result, since } = await deploy(changed, { published_flow_changes: "reject" });
    expect(writesSince(since)).toEqual([]);
    const signup = flowNamed("deploy_signup");
    const warning = logs(result, "WARN").join("\n");
    expect(warning).toContain(`Flow "deploy_signup" (id ${signup.id}) is PUBLISHED`);
    expect(warning).toContain("published_flow_changes: reject");
    expect(warning).toContain(`clone_flow_id ${signup.id}`);
    expect(warning).toContain("code=ERR_DEPLOY_FLOW_PUBLISHED_LOCKED");
  });

  it("a PUBLISHED Flow changed with publish: true is updated in place and published again: same id, new JSON", async () => {
    const before = flowNamed("deploy_signup");
    const changed = latest.map((row) =>
      row.name === "deploy_signup" ? { ...row, flow_json: titled("Sign up, reworded") } : row,
    );
    const { result, since } = await deploy(changed);
    latest = changed;
    expect(states(result).at(-1)!.state.destinationStats).toEqual({ recordCount: 3 });
    expect(writesSince(since).map((e) => `${e.method} ${e.route} ${e.flowId}`)).toEqual([
      `POST update_flow_json ${before.id}`,
      `POST publish ${before.id}`,
    ]);
    expect(flowNamed("deploy_signup")).toMatchObject({ id: before.id, status: "PUBLISHED" });
    expect(await assetTitle(before.id)).toBe("Sign up, reworded");
    expect(bodies()[1]).toMatchObject({
      id: before.id,
      status: "PUBLISHED",
      flow_json: "uploaded",
      publish: "republished",
      writes: 2,
    });
  });

  it("a re-publish Meta refuses rejects the record saying the Flow is DRAFT; the next sync publishes it", async () => {
    const signup = flowNamed("deploy_signup");
    const changed = latest.map((row) =>
      row.name === "deploy_signup" ? { ...row, flow_json: titled("Sign up, third edition") } : row,
    );
    emu.setFaults([
      {
        route: "publish",
        status: 400,
        code: 139002,
        message: "(#139002) Publishing failed",
        details: "The Flow JSON has 1 validation error(s): fix them before publishing.",
        times: 1,
      },
    ]);
    const refused = await deploy(changed);
    emu.setFaults([]);
    expect(states(refused.result).at(-1)!.state.destinationStats).toMatchObject({ rejectedRecordCount: 1 });
    expect(flowNamed("deploy_signup")).toMatchObject({ id: signup.id, status: "DRAFT" });
    const warning = logs(refused.result, "WARN").join("\n");
    expect(warning).toContain(
      `Flow "deploy_signup" (id ${signup.id}) was PUBLISHED and the record changed it`,
    );
    expect(warning).toContain("139002");
    expect(warning).toContain(
      "It is DRAFT on Meta's side now, and cannot be sent until it is published again",
    );
    expect(warning).toContain("code=ERR_DEPLOY_FLOW_LEFT_DRAFT");

    // The JSON is in place: running the sync again is the publish alone.
    const { since } = await deploy(changed);
    latest = changed;
    expect(writesSince(since).map((e) => `${e.method} ${e.route}`)).toEqual(["POST publish"]);
    expect(flowNamed("deploy_signup")).toMatchObject({ id: signup.id, status: "PUBLISHED" });
  });

  it("Meta's validation errors after an edit reject the record with the errors, saying the Flow is DRAFT", async () => {
    const signup = flowNamed("deploy_signup");
    // A version newer than the local validator knows passes locally with a warning; this Meta
    // does not know it either, so the upload's answer lists the error (and the Flow is DRAFT).
    const changed = latest.map((row) =>
      row.name === "deploy_signup"
        ? { ...row, categories: ["SIGN_UP", "OTHER"], flow_json: { ...titled("Sign up"), version: "7.9" } }
        : row,
    );
    const { result, since } = await deploy(changed);
    expect(writesSince(since).map((e) => `${e.method} ${e.route}`)).toEqual([
      "POST update_metadata",
      "POST update_flow_json",
    ]);
    expect(flowNamed("deploy_signup")).toMatchObject({
      id: signup.id,
      status: "DRAFT",
      validation_errors: 1,
    });
    const warning = logs(result, "WARN").join("\n");
    expect(warning).toContain("INVALID_FLOW_JSON_VERSION");
    expect(warning).toContain('Flow JSON version "7.9" is not a valid version. It is DRAFT');
    expect(warning).toContain("It is DRAFT on Meta's side now");
    expect(warning).toContain("code=ERR_DEPLOY_FLOW_LEFT_DRAFT");
  });
});

function flowNamed(name: string) {
  return emu.flows().find((f) => f.name === name)!;
}

async function assetTitle(flowId: string): Promise<unknown> {
  const answer = await fetch(`${emu.url}/__emulator/assets/${flowId}/flow.json`);
  const json = (await answer.json()) as { screens: { title?: unknown }[] };
  return json.screens[0]?.title;
}
