import { request } from "undici";
import { type EmulatorOptions, type RunningEmulator, startEmulator } from "../../../src/emulator/index.js";
import { MINIMAL_FLOW_JSON } from "../../support/flow-json.js";

export interface CallOptions {
  readonly json?: unknown;
  readonly form?: Record<string, string>;
  readonly multipart?: FormData;
  readonly raw?: { body: string | Buffer; contentType?: string };
  readonly token?: string | null;
  readonly version?: string;
}

export interface CallResult {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Record<string, unknown>;
}

/** One Graph call against the emulator; `token: null` sends no Authorization header. */
export async function call(
  emu: RunningEmulator,
  method: string,
  path: string,
  o: CallOptions = {},
): Promise<CallResult> {
  const headers: Record<string, string> = {};
  const token = o.token === undefined ? emu.token : o.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  let body: string | Buffer | undefined;
  if (o.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(o.json);
  } else if (o.form !== undefined) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams(o.form).toString();
  } else if (o.multipart !== undefined) {
    // Serialised by Node's own fetch classes: undici's request() cannot stream a Node Blob on every
    // Node major (it fails on Node 24 with undici's FormData, on Node 20 with the global one).
    const encoded = new Response(o.multipart);
    headers["content-type"] = encoded.headers.get("content-type") ?? "multipart/form-data";
    body = Buffer.from(await encoded.arrayBuffer());
  } else if (o.raw !== undefined) {
    if (o.raw.contentType !== undefined) headers["content-type"] = o.raw.contentType;
    body = o.raw.body;
  }
  const prefix = path.startsWith("/__emulator/") ? "" : `/${o.version ?? "v23.0"}`;
  const res = await request(`${emu.url}${prefix}${path}`, {
    method: method as "GET",
    headers,
    body,
  });
  const text = await res.body.text();
  return {
    status: res.statusCode,
    headers: res.headers,
    body: text === "" ? {} : (JSON.parse(text) as Record<string, unknown>),
  };
}

export function errorOf(r: CallResult): Record<string, unknown> {
  return (r.body.error ?? {}) as Record<string, unknown>;
}

export const VALID_FLOW_JSON = JSON.stringify(MINIMAL_FLOW_JSON);

export function flowJsonForm(content: string): FormData {
  const form = new FormData();
  form.append("file", new Blob([content], { type: "application/json" }), "flow.json");
  form.append("name", "flow.json");
  form.append("asset_type", "FLOW_JSON");
  return form;
}

export async function createFlow(
  emu: RunningEmulator,
  name: string,
  extra: Record<string, string> = {},
): Promise<string> {
  const form = new FormData();
  form.append("name", name);
  form.append("categories", '["OTHER"]');
  for (const [k, v] of Object.entries(extra)) form.append(k, v);
  const r = await call(emu, "POST", `/${emu.wabaId}/flows`, { multipart: form });
  if (r.status !== 200) throw new Error(`create failed: ${JSON.stringify(r.body)}`);
  return r.body.id as string;
}

export async function publishedFlow(emu: RunningEmulator, name: string): Promise<string> {
  const id = await createFlow(emu, name, { flow_json: VALID_FLOW_JSON, publish: "true" });
  return id;
}

export function flowMessage(params: Record<string, unknown>, to = "15550001111"): Record<string, unknown> {
  return {
    messaging_product: "whatsapp",
    recipient_type: "individual",
    to,
    type: "interactive",
    interactive: {
      type: "flow",
      body: { text: "Please fill in the form" },
      action: {
        name: "flow",
        parameters: { flow_message_version: "3", flow_cta: "Open", flow_token: "t-1", ...params },
      },
    },
  };
}

export async function withEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator(options);
}
