import { GraphErrorReply } from "../graph-error-reply.js";
import { invalidParameter, invalidValue } from "../graph-errors.js";
import type { Reply, RouteContext } from "../route-context.js";
import { outsideWindow, sendError } from "../templates/send-errors.js";
import { checkTemplateComponents, sendableTemplate } from "../templates/template-send.js";
import type { FlowRecord } from "../types.js";
import { requirePhone } from "./lookup.js";
import { readEnvelope, readFlowMessage } from "./message-shape.js";

function sendable(flow: FlowRecord, mode: "draft" | "published"): string | undefined {
  if (mode === "draft") {
    return flow.status === "DRAFT"
      ? undefined
      : `Flow '${flow.id}' is ${flow.status}: mode draft sends only draft Flows`;
  }
  if (flow.status === "PUBLISHED" || flow.status === "THROTTLED") return undefined;
  return `Flow '${flow.id}' is ${flow.status}: only published Flows can be sent (use mode draft to test a draft)`;
}

function accepted(ctx: RouteContext, to: string, waId: string, extra: object = {}): Reply {
  const wamid = ctx.wamids.next();
  ctx.note.wamid = wamid;
  const callbackData = ctx.body.fields.biz_opaque_callback_data;
  ctx.statuses.record({
    id: wamid,
    status: "sent",
    timestamp: String(Math.floor(Date.now() / 1000)),
    recipient_id: waId,
    ...(typeof callbackData === "string" ? { biz_opaque_callback_data: callbackData } : {}),
    edge: ctx.segments[1] === "marketing_messages" ? "marketing_messages" : "messages",
  });
  return {
    status: 200,
    body: {
      messaging_product: "whatsapp",
      contacts: [{ input: to, wa_id: waId }],
      messages: [{ id: wamid, ...extra }],
    },
  };
}

/** Meta's `biz_opaque_callback_data`: a string of at most 512 characters, echoed in status webhooks. */
function checkCallbackData(ctx: RouteContext): void {
  const data = ctx.body.fields.biz_opaque_callback_data;
  if (data === undefined) return;
  if (typeof data !== "string") {
    throw new GraphErrorReply(invalidParameter("biz_opaque_callback_data must be a string"));
  }
  if (data.length > 512) {
    throw new GraphErrorReply(invalidValue("biz_opaque_callback_data must be at most 512 characters long"));
  }
}

/** An interactive flow message: needs the recipient's customer-service window open (131047). */
function sendInteractive(ctx: RouteContext, phone: string): Reply {
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
  // A health set BLOCKED by the control API refuses the send as Meta does a blocked Flow.
  if (flow.health?.canSendMessage === "BLOCKED") {
    throw new GraphErrorReply(
      sendError(132068, `Flow '${flow.id}' is in blocked state: its health_status says it cannot be sent.`),
    );
  }
  if (!ctx.windows.isOpen(msg.waId)) throw new GraphErrorReply(outsideWindow());
  ctx.limits.check(phone, msg.waId);
  return accepted(ctx, msg.to, msg.waId);
}

/**
 * A template message: the template must exist in the language and be APPROVED, its parameters
 * must match; outside a customer-service window it counts against the messaging limit.
 */
function sendTemplate(ctx: RouteContext, phone: string, to: string, waId: string): Reply {
  ctx.note.recipient = waId;
  const template = ctx.body.fields.template;
  const t = sendableTemplate(ctx.templates, template);
  ctx.note.template = `${t.name}:${t.language}`;
  checkTemplateComponents(t, template as Record<string, unknown>, ctx.state);
  if (t.category === "MARKETING" && ctx.optOuts.has(waId)) {
    throw new GraphErrorReply(
      sendError(
        131050,
        "The recipient stopped marketing messages from this business; utility messages still reach them.",
      ),
    );
  }
  if (!ctx.windows.isOpen(waId) && !ctx.phones.admitBusinessInitiated(waId)) {
    // Meta documents no code of its own for a reached messaging limit; 131048 ("restrictions on
    // how many messages can be sent from this phone number") is the one its answers fit.
    throw new GraphErrorReply(
      sendError(
        131048,
        `Message failed to send because the business reached its messaging limit (${ctx.phones.messagingLimit}) of unique customers outside a customer-service window in 24 hours.`,
      ),
    );
  }
  ctx.limits.check(phone, waId);
  return accepted(ctx, to, waId, { message_status: "accepted" });
}

/**
 * POST /{phone}/marketing_messages: template messages only, for a WABA onboarded to the Marketing
 * Messages API; one that is not is answered with a permission error.
 */
export function sendMarketingMessage(ctx: RouteContext): Reply {
  const phone = requirePhone(ctx);
  if (!ctx.statuses.marketingMessagesOnboarded) {
    throw new GraphErrorReply({
      status: 403,
      code: 200,
      type: "OAuthException",
      message:
        "(#200) This WhatsApp Business Account is not onboarded to the Marketing Messages API: accept its terms in WhatsApp Manager",
    });
  }
  const envelope = readEnvelope(ctx.body.fields);
  checkCallbackData(ctx);
  if (envelope.type !== "template") {
    throw new GraphErrorReply(invalidParameter("Message must be a template message."));
  }
  return sendTemplate(ctx, phone, envelope.to, envelope.waId);
}

/** POST /{phone}/messages: interactive flow messages and template messages; a unique wamid each. */
export function sendMessage(ctx: RouteContext): Reply {
  const phone = requirePhone(ctx);
  const envelope = readEnvelope(ctx.body.fields);
  checkCallbackData(ctx);
  if (envelope.type === "template") return sendTemplate(ctx, phone, envelope.to, envelope.waId);
  return sendInteractive(ctx, phone);
}
