import { GraphErrorReply } from "../graph-error-reply.js";
import { invalidParameter, invalidValue } from "../graph-errors.js";
import type { Reply, RouteContext } from "../route-context.js";
import type { FlowRecord } from "../types.js";
import { requirePhone } from "./lookup.js";
import { readFlowMessage } from "./message-shape.js";

function sendable(flow: FlowRecord, mode: "draft" | "published"): string | undefined {
  if (mode === "draft") {
    return flow.status === "DRAFT"
      ? undefined
      : `Flow '${flow.id}' is ${flow.status}: mode draft sends only draft Flows`;
  }
  if (flow.status === "PUBLISHED" || flow.status === "THROTTLED") return undefined;
  return `Flow '${flow.id}' is ${flow.status}: only published Flows can be sent (use mode draft to test a draft)`;
}

/** POST /{phone}/messages with an interactive flow message; a unique wamid per accepted send. */
export function sendMessage(ctx: RouteContext): Reply {
  const phone = requirePhone(ctx);
  const msg = readFlowMessage(ctx.body.fields);
  ctx.note.recipient = msg.waId;
  const flow =
    msg.flowId !== undefined ? ctx.state.flows.get(msg.flowId) : ctx.state.flowByName(msg.flowName ?? "");
  if (flow === undefined) {
    const what = msg.flowId !== undefined ? `ID '${msg.flowId}'` : `name '${msg.flowName}'`;
    throw new GraphErrorReply(
      invalidParameter(`Flow with ${what} does not exist in this WhatsApp Business Account`),
    );
  }
  ctx.note.flowId = flow.id;
  const why = sendable(flow, msg.mode);
  if (why !== undefined) throw new GraphErrorReply(invalidValue(why));
  ctx.limits.check(phone, msg.waId);
  const wamid = ctx.wamids.next();
  ctx.note.wamid = wamid;
  return {
    status: 200,
    body: {
      messaging_product: "whatsapp",
      contacts: [{ input: msg.to, wa_id: msg.waId }],
      messages: [{ id: wamid }],
    },
  };
}
