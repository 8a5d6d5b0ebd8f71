/**
 * What a Graph error code means for us, from Meta's Graph API and Cloud API error-code docs.
 * Keyed by `error.code` (never by HTTP status alone: Meta sends rate limits as HTTP 400).
 *
 * - config: the token, the app's permissions or the account must be fixed: stop the sync.
 * - rate_limit: throttled before processing; pace and send again (safe even for sends).
 * - pause: spam/quality rate limit: slow down a lot before sending again.
 * - transient: a server-side failure that may have happened after processing.
 * - reject: this record's request is wrong or undeliverable; the others can go on.
 *
 * A reason says what happened and, where the user can act, what to do: it reaches the record's
 * rejection message (the template's name is added there by the operation that sent it).
 */
export type CodeKind = "config" | "rate_limit" | "pause" | "transient" | "reject";

export interface CodeEntry {
  readonly kind: CodeKind;
  readonly reason: string;
  /**
   * The code refuses the message template or the Flow the request names, not the record's own
   * values: every request naming the same one is refused alike until the account changes.
   */
  readonly refuses?: "template" | "flow";
}

const c = (kind: CodeKind, reason: string, refuses?: CodeEntry["refuses"]): CodeEntry =>
  refuses === undefined ? { kind, reason } : { kind, reason, refuses };

/**
 * Codes Meta lists for one recipient's message without a remedy of ours: the record is rejected
 * with Meta's own details (they name the cause), and the other records go on.
 */
const RECIPIENT_REFUSED = c(
  "reject",
  "Meta refused this message for this recipient: what Meta says with it names the cause; fix that record or leave the recipient out, the other records go on",
);

/**
 * The Marketing Messages API's own refusals: it carries only approved MARKETING templates, and a
 * template that is new (or unused for 7 days) needs about 10 minutes of ad sync first.
 */
const MARKETING_MESSAGES_REFUSED = c(
  "reject",
  "the Marketing Messages API refused this send: it takes only approved MARKETING templates (not utility or authentication ones), and a template created or unused for 7 days needs about 10 minutes of ad sync; check the template's category, or send the record again later",
);

const TABLE: ReadonlyMap<number, CodeEntry> = new Map<number, CodeEntry>([
  [0, c("config", "authentication failed (AuthException): renew the access token")],
  [3, c("config", "the app lacks the capability for this endpoint: check its permissions")],
  [10, c("config", "permission denied: grant whatsapp_business_management/messaging to the token")],
  [190, c("config", "the access token is invalid or expired: generate a new one")],
  [368, c("config", "the account is temporarily blocked for policy violations")],
  [131005, c("config", "access denied: check the token's permissions")],
  [131031, c("config", "the business account is locked")],
  [131037, c("config", "the phone number's display name needs approval")],
  [131042, c("config", "a payment problem on the business account")],
  [
    134011,
    c(
      "config",
      "a payment problem on the WhatsApp Business Account: no valid payment method, an unpaid balance or a credit line at its limit; fix the payment settings in WhatsApp Manager, then run the sync again",
    ),
  ],
  [131045, c("config", "the phone number's certificate is missing or wrong: register it again")],
  [133010, c("config", "the business phone number is not registered with Cloud API")],
  [139000, c("config", "blocked by integrity checks")],
  [4, c("rate_limit", "the app reached its API call rate limit")],
  [17, c("rate_limit", "the user-level API call rate limit was reached")],
  [32, c("rate_limit", "the page-level API call rate limit was reached")],
  [613, c("rate_limit", "the call rate limit was reached")],
  [80007, c("rate_limit", "the WhatsApp Business Account reached its rate limit")],
  [130429, c("rate_limit", "the phone number's message throughput was reached")],
  [
    131056,
    c("rate_limit", "too many messages to the same recipient (pair rate limit): only that recipient waits"),
  ],
  [133016, c("rate_limit", "too many register/deregister attempts for this number")],
  [
    131048,
    c(
      "pause",
      "spam rate limit or messaging limit reached: sending pauses; check the number's quality rating and messaging limit in WhatsApp Manager",
    ),
  ],
  [1, c("transient", "unknown API error or possible server error")],
  [2, c("transient", "the API service is temporarily unavailable")],
  [131000, c("transient", "something went wrong on Meta's side")],
  [131016, c("transient", "the service is temporarily unavailable")],
  [131057, c("transient", "the business account is in maintenance mode")],
  [133004, c("transient", "the server is temporarily unavailable")],
  [33, c("reject", "the object does not exist or the id is wrong")],
  [100, c("reject", "invalid parameter")],
  [130472, c("reject", "the recipient is part of a Meta experiment")],
  [
    130497,
    c(
      "reject",
      "the business account may not message users in the recipient's country: Meta's Business Messaging Policy limits the countries for this business category; do not resend to this recipient",
    ),
  ],
  [131008, c("reject", "a required parameter is missing")],
  [131009, c("reject", "a parameter value is invalid")],
  [131021, c("reject", "the recipient is the sender's own number")],
  [
    131026,
    c(
      "reject",
      "undeliverable: the recipient is not on WhatsApp, has not accepted the terms or runs an old client; do not resend",
    ),
  ],
  [
    131047,
    c(
      "reject",
      "the recipient has not written in the last 24 hours (no open customer-service window): reach them with a Flow template (send_flow_template) instead",
    ),
  ],
  [
    131049,
    c(
      "reject",
      "Meta's per-user marketing limit: this recipient got enough marketing messages; never retried, send later or another kind of message",
    ),
  ],
  [131050, c("reject", "the recipient stopped marketing messages")],
  [131051, c("reject", "unsupported message type")],
  [131052, c("reject", "the media could not be downloaded")],
  [131053, c("reject", "the media could not be uploaded")],
  [131055, c("reject", "the method is not allowed for this endpoint")],
  [131062, RECIPIENT_REFUSED],
  [131063, RECIPIENT_REFUSED],
  [131064, RECIPIENT_REFUSED],
  [
    132000,
    c(
      "reject",
      "the number of template parameters does not match the template's placeholders: send one value per {{n}} of the header and body",
    ),
  ],
  [
    132001,
    c(
      "reject",
      "the template does not exist in this language or is not APPROVED: check template_name and language, and its status in WhatsApp Manager",
      "template",
    ),
  ],
  [132005, c("reject", "the template text with its parameters is too long: shorten the parameter values")],
  [132007, c("reject", "the template's content violates a format policy: edit the template")],
  [
    132012,
    c(
      "reject",
      "a template parameter has the wrong format for its placeholder or button: check the parameter types",
    ),
  ],
  [
    132015,
    c("reject", "the template is paused for low quality: edit it or use another template", "template"),
  ],
  [132016, c("reject", "the template is disabled for low quality: create a new template", "template")],
  [132068, c("reject", "the Flow is blocked", "flow")],
  [132069, c("reject", "the Flow is throttled")],
  [134100, MARKETING_MESSAGES_REFUSED],
  [134101, MARKETING_MESSAGES_REFUSED],
  [134102, MARKETING_MESSAGES_REFUSED],
  [135000, c("reject", "generic user error")],
  [139001, c("reject", "the Flow could not be updated or is not in a state that allows it")],
  [139002, c("reject", "the Flow could not be published")],
  [139003, c("reject", "the Flow cannot be used by this account or is not editable")],
  [139004, c("reject", "the Flow or its asset could not be found or is invalid")],
]);

/** The table entry for a code; the 200–299 (permission) and 132000–132999 (template) families share one. */
export function lookupCode(code: number): CodeEntry | undefined {
  const entry = TABLE.get(code);
  if (entry) return entry;
  if (code >= 200 && code <= 299) return PERMISSION;
  if (code >= 132000 && code <= 132999) return TEMPLATE;
  return undefined;
}

/** What a Graph error code refuses as such (see CodeEntry.refuses), if anything. */
export function refusedByCode(code: number | undefined): CodeEntry["refuses"] {
  return code === undefined ? undefined : lookupCode(code)?.refuses;
}

const PERMISSION = c("config", "the app or token lacks a required permission");
const TEMPLATE = c(
  "reject",
  "Meta refused the message template: check the template's name, language, status and parameters",
);
