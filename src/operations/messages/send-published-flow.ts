import { sendDefinition } from "./send-flow-message.js";

/** send_published_flow: see ./send-flow-message.ts for the request and the reading of the answer. */
export const sendPublishedFlowDefinition = sendDefinition(
  "send_published_flow",
  "Send Published Flow",
  "POST /{phone_number_id}/messages: an interactive Flow message (mode published). Record: a full Cloud API message body, or the shorthand to, flow_id or flow_name, flow_cta, body, …",
);
