import { defineOperation } from "./definition.js";
import { senderOptions } from "./flow-target.js";
import { sendFlowMessageOperation, sendRecordSchema } from "./send-flow-message.js";

/** send_draft_flow: see ./send-flow-message.ts for the request and the reading of the answer. */
export const sendDraftFlowDefinition = defineOperation({
  name: "send_draft_flow",
  title: "Send Draft Flow",
  description: "Like Send Published Flow with mode draft: for testing a Flow before publishing it.",
  options: senderOptions,
  record: sendRecordSchema,
  configurable: ["phone_number_id"],
  matchingKeys: [],
  syncModes: ["append"],
  sends: true,
  compile: (env, endpoint) => sendFlowMessageOperation(env, endpoint),
});
