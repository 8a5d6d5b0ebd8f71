import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError } from "../../../src/errors/index.js";
import { FLOW_JSON, sends, startHarness } from "./support/harness.js";

describe("account problems stop the sync with a config error", () => {
  it("a bad token: Graph error 190", async () => {
    const h = await startHarness({ publish: { template: "publish_flow" } }, { token: "not-the-token" });
    try {
      const error = await h.run("publish", { flow_id: "1" }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toContain(
        "the access token is invalid or has expired (Graph error 190)",
      );
      expect((error as Error).message).not.toContain("not-the-token");
    } finally {
      await h.close();
    }
  });

  it("a token without whatsapp_business_messaging cannot send", async () => {
    const h = await startHarness(
      { invites: { template: "send_draft_flow" } },
      { emulator: { permissions: ["whatsapp_business_management"] } },
    );
    try {
      const error = await h
        .run("invites", { to: "15551234567", flow_name: "x", flow_cta: "Go", body: "Hi" })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toContain(
        "the token lacks the whatsapp_business_messaging permission",
      );
    } finally {
      await h.close();
    }
  });
});

describe("unknown configured ids are config errors, unknown record ids rejections", () => {
  it("a WABA that does not exist", async () => {
    const h = await startHarness(
      { create: { template: "create_flow" } },
      { config: { waba_id: "999000999" } },
    );
    try {
      await expect(h.run("create", { name: "x", categories: ["OTHER"] })).rejects.toMatchObject({
        code: "ERR_WABA_NOT_FOUND",
        failureType: "config_error",
      });
    } finally {
      await h.close();
    }
  });

  it("a sender phone number that does not exist", async () => {
    const h = await startHarness({
      configured: { template: "send_draft_flow", phone_number_id: "999000999" },
      fromRecord: { template: "send_draft_flow" },
    });
    try {
      const record = { to: "15551234567", flow_name: "x", flow_cta: "Go", body: "Hi" };
      await expect(h.run("configured", record)).rejects.toMatchObject({ code: "ERR_PHONE_NUMBER_NOT_FOUND" });
      const outcome = await h.run("fromRecord", { ...record, phone_number_id: "999000999" });
      expect(outcome).toMatchObject({ kind: "rejected", response: { status: 400 } });
    } finally {
      await h.close();
    }
  });
});

describe("advanced against the emulator", () => {
  it("creates (multipart), publishes (no body) and sends (JSON) a flow", async () => {
    const h = await startHarness((url) => ({
      create: {
        template: "advanced",
        content_format: "multipart/form-data",
        url: `${url}/{config.api_version}/{config.waba_id}/flows`,
        body_template:
          '{"name": "{message.name}", "categories": ["OTHER"], "flow_json": {message.flow_json}}',
      },
      publish: { template: "advanced", url: `${url}/v23.0/{message.flow_id}/publish`, body_template: "{}" },
      send: {
        template: "advanced",
        url: `${url}/v23.0/{config.phone_number_id}/messages`,
        body_template:
          '{"messaging_product":"whatsapp","to":"{message.to}","type":"interactive","interactive":{"type":"flow",' +
          '"body":{"text":"Hi"},"action":{"name":"flow","parameters":{"flow_message_version":"3","flow_cta":"Go","flow_id":"{message.flow_id}"}}}}',
      },
    }));
    try {
      const created = await h.run("create", { name: "Manual", flow_json: FLOW_JSON });
      expect(created).toMatchObject({ kind: "succeeded", result: { flowId: expect.any(String) } });
      const flowId = created.kind === "succeeded" ? created.result!.flowId! : "";
      expect(await h.run("publish", { flow_id: flowId })).toMatchObject({ kind: "succeeded" });
      expect(h.emu.flows().find((flow) => flow.id === flowId)?.status).toBe("PUBLISHED");
      expect(await h.run("send", { to: "15551234567", flow_id: flowId })).toMatchObject({
        kind: "succeeded",
        result: { messageId: expect.stringMatching(/^wamid\./) },
      });
      h.emu.setFaults([{ route: "send", reset: "after-body", times: 1 }]);
      expect((await h.run("send", { to: "15551234567", flow_id: flowId })).kind).toBe("ambiguous");
      expect(sends(h.emu)).toBe(2);
      expect(() => h.plan("send", { flow_id: flowId })).toThrow(/record 1: .*message\.to/);
    } finally {
      await h.close();
    }
  });
});

interface Captured {
  readonly method: string;
  readonly url: string;
  readonly contentType: string;
  readonly body: string;
}

async function captureServer(): Promise<{ server: Server; url: string; requests: Captured[] }> {
  const requests: Captured[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      requests.push({
        method: req.method ?? "",
        url: req.url ?? "",
        contentType: String(req.headers["content-type"] ?? ""),
        body: Buffer.concat(chunks).toString("utf8"),
      });
      res.setHeader("content-type", "application/json");
      res.end(req.url?.endsWith("/messages") ? '{"messages":[{"id":"wamid.C"}]}' : '{"id":"1"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

/** The multipart boundary is random per request: compare bodies with it replaced. */
function normalised(request: Captured): Captured {
  const boundary = /boundary=(.+)$/.exec(request.contentType)?.[1];
  if (boundary === undefined) return request;
  return {
    ...request,
    contentType: request.contentType.replace(boundary, "B"),
    body: request.body.split(boundary).join("B"),
  };
}

describe("advanced and the templates put the same bytes on the wire", () => {
  let capture: Awaited<ReturnType<typeof captureServer>>;
  beforeAll(async () => {
    capture = await captureServer();
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => capture.server.close(() => resolve()));
  });

  async function harnessOn(streams: Record<string, Record<string, unknown>>) {
    // The emulator is started by the harness but unused here: base_url points at the capture server.
    return startHarness(streams, { config: { base_url: capture.url } });
  }

  it("create_flow (multipart/form-data)", async () => {
    const h = await harnessOn({
      template: { template: "create_flow" },
      manual: {
        template: "advanced",
        method: "POST",
        content_format: "multipart/form-data",
        url: `${capture.url}/{config.api_version}/{config.waba_id}/flows`,
        body_template:
          '{"name": "{message.name}", "categories": {message.categories}, "flow_json": {message.flow_json}}',
      },
    });
    try {
      const record = { name: "Sign up", categories: ["SIGN_UP"], flow_json: FLOW_JSON };
      capture.requests.length = 0;
      expect(await h.run("template", record)).toMatchObject({ kind: "succeeded" });
      expect(await h.run("manual", record)).toMatchObject({ kind: "succeeded" });
      const [a, b] = capture.requests.map(normalised);
      expect(a).toBeDefined();
      expect(b).toEqual(a);
      expect(a!.url).toBe(`/v23.0/${h.emu.wabaId}/flows`);
      expect(a!.contentType).toBe("multipart/form-data; boundary=B");
      expect(a!.body).toContain('Content-Disposition: form-data; name="categories"\r\n\r\n["SIGN_UP"]\r\n');
    } finally {
      await h.close();
    }
  });

  it("send_published_flow (JSON)", async () => {
    const h = await harnessOn({
      template: { template: "send_published_flow", callback_data_field: "flow_token" },
      manual: {
        template: "advanced",
        method: "POST",
        content_format: "json",
        url: `${capture.url}/v23.0/{config.phone_number_id}/messages`,
        body_template:
          '{"messaging_product":"whatsapp","recipient_type":"individual","to":"{message.to}","type":"interactive",' +
          '"interactive":{"type":"flow","body":{"text":"{message.body}"},"action":{"name":"flow","parameters":' +
          '{"flow_message_version":"3","flow_action":"navigate","flow_token":"{message.flow_token}","flow_id":"{message.flow_id}",' +
          '"flow_cta":"{message.flow_cta}","mode":"published","flow_action_payload":{"screen":"{message.screen}","data":{message.data}}}}},' +
          '"biz_opaque_callback_data":"{message.flow_token}"}',
      },
    });
    try {
      const record = {
        to: "+15551234567",
        flow_id: "77",
        flow_cta: "Open",
        body: 'Say "hi"',
        flow_token: "t",
        screen: "S",
        data: { a: [1] },
      };
      capture.requests.length = 0;
      expect(await h.run("template", record)).toMatchObject({
        kind: "succeeded",
        result: { messageId: "wamid.C" },
      });
      expect(await h.run("manual", record)).toMatchObject({
        kind: "succeeded",
        result: { messageId: "wamid.C" },
      });
      // The template's send reads its Flow's health first (the Flow health guard); the sends compare.
      const [a, b] = capture.requests.filter((r) => r.method === "POST");
      expect(b).toEqual(a);
      expect(a!.contentType).toBe("application/json");
      expect(JSON.parse(a!.body)).toMatchObject({
        to: "+15551234567",
        interactive: { body: { text: 'Say "hi"' } },
      });
    } finally {
      await h.close();
    }
  });
});
