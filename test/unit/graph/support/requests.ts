import type { GraphRequest } from "../../../../src/graph/index.js";

/** A message send in phone number P's lane: not idempotent. */
export const sendRequest: GraphRequest = {
  method: "POST",
  path: "P/messages",
  body: { kind: "json", value: {} },
  idempotent: false,
  pacing: { kind: "send", phoneNumberId: "P", recipient: "R" },
};

/** An unpaced read: idempotent. */
export const readRequest: GraphRequest = {
  method: "GET",
  path: "F",
  body: { kind: "none" },
  idempotent: true,
  pacing: { kind: "none" },
};
