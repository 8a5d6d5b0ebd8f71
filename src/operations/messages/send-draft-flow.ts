import { sendDefinition } from "./send-flow-message.js";

/** send_draft_flow: see ./send-flow-message.ts for the request and the reading of the answer. */
export const sendDraftFlowDefinition = sendDefinition(
  "send_draft_flow",
  "Send Draft Flow",
  "Like Send Published Flow with mode draft: for testing a Flow before publishing it.",
);
