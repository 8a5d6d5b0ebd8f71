import type { Handler } from "./route-context.js";
import { listAssets, uploadFlowJson } from "./routes/assets.js";
import { createFlow } from "./routes/create-flow.js";
import { getFlow, listFlows, updateMetadata } from "./routes/flows.js";
import { deleteFlow, deprecateFlow, publishFlow } from "./routes/lifecycle.js";
import { sendMarketingMessage, sendMessage } from "./routes/messages.js";
import { getPhoneNumber } from "./routes/phone-number.js";
import { createTemplate, listTemplates } from "./routes/templates.js";
import { getWaba, listPhoneNumbers } from "./routes/waba.js";
import type { RouteName } from "./types.js";

export interface Route {
  readonly name: RouteName;
  readonly handler: Handler | undefined;
  readonly permission: "whatsapp_business_management" | "whatsapp_business_messaging";
}

const M = "whatsapp_business_management";
const route = (
  name: RouteName,
  handler: Handler | undefined,
  permission: Route["permission"] = M,
): Route => ({
  name,
  handler,
  permission,
});

const UNKNOWN = route("unknown", undefined);
const NODE: Record<string, Route> = {
  GET: route("get_flow", getFlow),
  POST: route("update_metadata", updateMetadata),
  DELETE: route("delete", deleteFlow),
};
const WABA = route("waba", getWaba);
const PHONE = route("phone_number", getPhoneNumber);
// Edge routes, keyed by "METHOD edge"; the object id is checked by the handler.
const EDGES: Record<string, Route> = {
  "GET flows": route("list_flows", listFlows),
  "POST flows": route("create", createFlow),
  "GET phone_numbers": route("phone_numbers", listPhoneNumbers),
  "GET assets": route("list_assets", listAssets),
  "POST assets": route("update_flow_json", uploadFlowJson),
  "POST publish": route("publish", publishFlow),
  "POST deprecate": route("deprecate", deprecateFlow),
  "POST messages": route("send", sendMessage, "whatsapp_business_messaging"),
  "POST marketing_messages": route("marketing_send", sendMarketingMessage, "whatsapp_business_messaging"),
  "GET message_templates": route("list_templates", listTemplates),
  "POST message_templates": route("create_template", createTemplate),
};

/** The route of a request from its shape alone: a split path, no regular expressions. */
export function resolveRoute(
  method: string,
  segments: readonly string[],
  wabaId: string,
  isPhone: (id: string) => boolean,
): Route {
  if (segments.length === 1) {
    if (segments[0] === wabaId && method === "GET") return WABA;
    if (method === "GET" && isPhone(segments[0]!)) return PHONE;
    return NODE[method] ?? UNKNOWN;
  }
  if (segments.length === 2) return EDGES[`${method} ${segments[1]}`] ?? UNKNOWN;
  return UNKNOWN;
}
