import { GraphErrorReply } from "../graph-error-reply.js";
import { invalidParameter, invalidValue, missingParam } from "../graph-errors.js";

type Obj = Record<string, unknown>;

export interface FlowMessage {
  readonly to: string;
  readonly waId: string;
  readonly flowId: string | undefined;
  readonly flowName: string | undefined;
  readonly mode: "draft" | "published";
}

const path = (keys: readonly string[]): string =>
  keys[0] +
  keys
    .slice(1)
    .map((k) => `['${k}']`)
    .join("");

function get(obj: Obj, keys: readonly string[]): unknown {
  let cur: unknown = obj;
  for (const k of keys) {
    if (cur === null || typeof cur !== "object" || Array.isArray(cur)) return undefined;
    cur = (cur as Obj)[k];
  }
  return cur;
}

function need(obj: Obj, keys: readonly string[]): unknown {
  const value = get(obj, keys);
  if (value === undefined || value === null || value === "")
    throw new GraphErrorReply(missingParam(path(keys)));
  return value;
}

function str(obj: Obj, keys: readonly string[], required: boolean, max?: number): string | undefined {
  const value = required ? need(obj, keys) : get(obj, keys);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string")
    throw new GraphErrorReply(invalidParameter(`${path(keys)} must be a string`));
  if (max !== undefined && [...value].length > max) {
    throw new GraphErrorReply(invalidValue(`${path(keys)} must be at most ${max} characters long`));
  }
  return value;
}

function oneOf(obj: Obj, keys: readonly string[], allowed: readonly string[], fallback: string): string {
  const value = str(obj, keys, false) ?? fallback;
  if (!allowed.includes(value)) {
    throw new GraphErrorReply(
      invalidValue(`${path(keys)} must be one of ${allowed.join(", ")} - got "${value}"`),
    );
  }
  return value;
}

/** The envelope every send shares: product, recipient (digits as `wa_id`) and message type. */
export function readEnvelope(body: Obj): { to: string; waId: string; type: string } {
  oneOf(body, ["messaging_product"], ["whatsapp"], String(need(body, ["messaging_product"])));
  const to = str(body, ["to"], true)!;
  const waId = to.replace(/[\s+()-]/g, "");
  if (!/^\d{5,15}$/.test(waId))
    throw new GraphErrorReply(invalidParameter(`to: "${to}" is not a phone number`));
  oneOf(body, ["recipient_type"], ["individual"], "individual");
  return { to, waId, type: str(body, ["type"], true)! };
}

/** Check a Cloud API interactive flow message body the way the send endpoint does. */
export function readFlowMessage(body: Obj): FlowMessage {
  const { to, waId, type } = readEnvelope(body);
  if (type !== "interactive")
    throw new GraphErrorReply(invalidParameter("type must be interactive or template"));
  const i = ["interactive"];
  oneOf(body, [...i, "type"], ["flow"], String(need(body, [...i, "type"])));
  str(body, [...i, "body", "text"], true, 1024);
  if (get(body, [...i, "header"]) !== undefined) str(body, [...i, "header", "text"], true, 60);
  if (get(body, [...i, "footer"]) !== undefined) str(body, [...i, "footer", "text"], true, 60);
  oneOf(body, [...i, "action", "name"], ["flow"], String(need(body, [...i, "action", "name"])));
  const p = [...i, "action", "parameters"];
  need(body, p);
  oneOf(body, [...p, "flow_message_version"], ["3"], String(need(body, [...p, "flow_message_version"])));
  str(body, [...p, "flow_cta"], true, 30);
  str(body, [...p, "flow_token"], false);
  const flowId = str(body, [...p, "flow_id"], false);
  const flowName = str(body, [...p, "flow_name"], false);
  if ((flowId === undefined) === (flowName === undefined)) {
    throw new GraphErrorReply(
      invalidParameter(`exactly one of ${path([...p, "flow_id"])} and flow_name is required`),
    );
  }
  const action = oneOf(body, [...p, "flow_action"], ["navigate", "data_exchange"], "navigate");
  const payload = get(body, [...p, "flow_action_payload"]);
  if (payload !== undefined && action === "navigate")
    str(body, [...p, "flow_action_payload", "screen"], true);
  const mode = oneOf(body, [...p, "mode"], ["draft", "published"], "published") as FlowMessage["mode"];
  return { to, waId, flowId, flowName, mode };
}
