import { defineOperation } from "./definition.js";
import { senderOptions } from "./flow-target.js";
import { sendFlowMessageOperation, sendRecordSchema } from "./send-flow-message.js";

/** send_published_flow: see ./send-flow-message.ts for the request and the reading of the answer. */
export const sendPublishedFlowDefinition = defineOperation({
  name: "send_published_flow",
  title: "Send Published Flow",
  description:
    "POST /{phone_number_id}/messages: an interactive Flow message (mode published). Record: a full Cloud API message body, or the shorthand to, flow_id or flow_name, flow_cta, body, …",
  options: senderOptions,
  record: sendRecordSchema,
  configurable: ["phone_number_id"],
  matchingKeys: [],
  syncModes: ["append"],
  sends: true,
  compile: (env, endpoint) => sendFlowMessageOperation(env, endpoint),
});
