import type { GraphErrorSpec } from "../graph-errors.js";

/**
 * The send-time errors of Meta's Cloud API error-code table that the emulator answers, with
 * Meta's titles (in `message`) and a `details` naming what is wrong.
 */
const TITLES = {
  131047: "Re-engagement message",
  131048: "Spam rate limit hit",
  131050:
    "Unable to deliver the message. This recipient has chosen to stop receiving marketing messages on WhatsApp from your business",
  132000: "Number of parameters does not match the expected number of params",
  132001: "Template does not exist",
  132005: "Translated text too long",
  132012: "Parameter format does not match format in the created template",
  132015: "Template is Paused",
  132016: "Template is Disabled",
  132068: "Flow is blocked",
} as const;

export type SendErrorCode = keyof typeof TITLES;

export function sendError(code: SendErrorCode, details: string): GraphErrorSpec {
  // Meta answers a missing template with HTTP 404, every other one here with 400.
  return { status: code === 132001 ? 404 : 400, code, message: `(#${code}) ${TITLES[code]}`, details };
}

export function outsideWindow(): GraphErrorSpec {
  return sendError(
    131047,
    "Message failed to send because more than 24 hours have passed since the customer last replied to this number.",
  );
}
