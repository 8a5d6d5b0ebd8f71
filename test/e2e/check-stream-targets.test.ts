import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, type SeedTemplate, startEmulator } from "../../src/emulator/index.js";
import { runCli } from "../support/cli.js";
import { assertNoSecrets } from "../support/no-secrets.js";
import { assertProtocolLines } from "../support/protocol-schema.js";
import { tempDir } from "../support/temp-files.js";
import { PUBLISHED_FLOW, SPRING_PROMO } from "./write-support.js";

/**
 * `check` looks up what the streams fix (a template, a Flow) as `write` would meet it, so a
 * campaign that could send nothing fails here instead of in a sync that rejects every record.
 */
const TOKEN = "EAAG-check-targets-token-51c2";
const FLOW_ID = PUBLISHED_FLOW;
const WELCOME: SeedTemplate = { ...SPRING_PROMO, name: "welcome_flow" };
const PENDING: SeedTemplate = { ...SPRING_PROMO, name: "autumn_flow", status: "PENDING" };
const GERMAN: SeedTemplate = { ...SPRING_PROMO, name: "willkommen", language: "de" };

const dir = tempDir();
let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({
    token: TOKEN,
    flows: [{ id: FLOW_ID, name: "Order survey", status: "PUBLISHED" }],
    templates: [WELCOME, PENDING, GERMAN],
  });
});
afterAll(async () => {
  await emulator.close();
  dir.cleanup();
});

function config(streams: Array<Record<string, unknown>>): Record<string, unknown> {
  return {
    access_token: TOKEN,
    waba_id: emulator.wabaId,
    phone_number_id: emulator.phoneNumberIds[0],
    base_url: emulator.url,
    streams: streams.map((endpoint, i) => ({ stream_name: `s${i}`, endpoint })),
  };
}

async function check(streams: Array<Record<string, unknown>>): Promise<{ status: string; message?: string }> {
  const result = await runCli(["check", "--config", dir.file(`c-${Math.random()}.json`, config(streams))]);
  assertProtocolLines(result.lines);
  assertNoSecrets({ stdout: result.stdout, stderr: result.stderr }, [TOKEN]);
  expect(result.code).toBe(0);
  expect(result.messages.map((m) => m.type)).toEqual(["CONNECTION_STATUS"]);
  return result.messages[0]!.connectionStatus as { status: string; message?: string };
}

describe("check verifies the templates and Flows the streams fix", () => {
  it("succeeds when every fixed template is APPROVED and every fixed Flow exists", async () => {
    const status = await check([
      { template: "send_flow_template", template_name: "welcome_flow", language: "en_US" },
      // No fixed language: records say theirs, and the template is APPROVED in one.
      { template: "send_flow_template", template_name: "willkommen" },
      { template: "publish_flow", flow_id: FLOW_ID },
      { template: "update_flow_metadata", flow_name: "Order survey" },
      // delete_flow wants its Flow gone: one that does not exist already is.
      { template: "delete_flow", flow_id: "900000000000999" },
    ]);
    expect(status.status).toBe("SUCCEEDED");
    expect(status.message).toContain("Sender ");
  });

  it("fails on a misspelt template, naming the stream, field and value, and the templates it could send", async () => {
    const status = await check([
      { template: "send_published_flow" },
      { template: "send_flow_template", template_name: "welcom_flow", language: "en_US" },
    ]);
    expect(status).toEqual({
      status: "FAILED",
      message:
        `Stream "s1" (streams[1].endpoint.template_name): template "welcom_flow" (en_US) does not exist in WhatsApp Business Account ${emulator.wabaId}; ` +
        "APPROVED templates with a FLOW button: welcome_flow (en_US), willkommen (de). " +
        "Check template_name and language against WhatsApp Manager → Message templates (both are exact), or create the template with create_flow_template",
    });
  });

  it("fails on a template in a language it does not have", async () => {
    const status = await check([
      { template: "send_flow_template", template_name: "willkommen", language: "en_US" },
    ]);
    expect(status.status).toBe("FAILED");
    expect(status.message).toContain('template "willkommen" (en_US) does not exist');
  });

  it("fails on a PENDING template: wait for Meta's review", async () => {
    const status = await check([
      { template: "send_flow_template", template_name: "autumn_flow", language: "en_US" },
    ]);
    expect(status).toEqual({
      status: "FAILED",
      message:
        'Stream "s0" (streams[0].endpoint.template_name): template "autumn_flow" (en_US) is PENDING: only APPROVED templates can be sent. ' +
        "Wait for Meta's review to approve it, then run the sync again",
    });
  });

  it("fails on a fixed flow_id that does not exist", async () => {
    const status = await check([{ template: "publish_flow", flow_id: "900000000000555" }]);
    expect(status).toEqual({
      status: "FAILED",
      message:
        'Stream "s0" (streams[0].endpoint.flow_id): Flow 900000000000555 does not exist or the token cannot access it. ' +
        "Check the Flow's ID or exact name in WhatsApp Manager → Flows, or create the Flow first (create_flow or deploy_flow)",
    });
  });

  it("fails on a fixed flow_name that no Flow of the WABA has, and names every such stream at once", async () => {
    const status = await check([
      { template: "update_flow_json", flow_name: "Order servey" },
      { template: "send_flow_template", template_name: "autumn_flow", language: "en_US" },
    ]);
    expect(status.status).toBe("FAILED");
    expect(status.message).toContain(
      `Stream "s0" (streams[0].endpoint.flow_name): no Flow named "Order servey" exists under WhatsApp Business Account ${emulator.wabaId}`,
    );
    expect(status.message).toContain('Stream "s1" (streams[1].endpoint.template_name)');
  });

  it("refuses a stream fixing its Flow both by ID and by name, as write does", async () => {
    const status = await check([{ template: "publish_flow", flow_id: FLOW_ID, flow_name: "Order survey" }]);
    expect(status.status).toBe("FAILED");
    expect(status.message).toContain("streams[0].endpoint: flow_id and flow_name are both set");
  });
});
