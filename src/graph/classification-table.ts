/**
 * What a Graph error code means for us, from Meta's Graph API and Cloud API error-code docs.
 * Keyed by `error.code` (never by HTTP status alone: Meta sends rate limits as HTTP 400).
 *
 * - config: the token, the app's permissions or the account must be fixed: stop the sync.
 * - rate_limit: throttled before processing; pace and send again (safe even for sends).
 * - pause: spam/quality rate limit: slow down a lot before sending again.
 * - transient: a server-side failure that may have happened after processing.
 * - reject: this record's request is wrong or undeliverable; the others can go on.
 */
export type CodeKind = "config" | "rate_limit" | "pause" | "transient" | "reject";

export interface CodeEntry {
  readonly kind: CodeKind;
  readonly reason: string;
}

const c = (kind: CodeKind, reason: string): CodeEntry => ({ kind, reason });

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
  [131045, c("config", "the phone number's certificate is missing or wrong: register it again")],
  [133010, c("config", "the business phone number is not registered with Cloud API")],
  [139000, c("config", "blocked by integrity checks")],
  [4, c("rate_limit", "the app reached its API call rate limit")],
  [17, c("rate_limit", "the user-level API call rate limit was reached")],
  [32, c("rate_limit", "the page-level API call rate limit was reached")],
  [613, c("rate_limit", "the call rate limit was reached")],
  [80007, c("rate_limit", "the WhatsApp Business Account reached its rate limit")],
  [130429, c("rate_limit", "the phone number's message throughput was reached")],
  [131056, c("rate_limit", "too many messages to the same recipient (pair rate limit)")],
  [133016, c("rate_limit", "too many register/deregister attempts for this number")],
  [131048, c("pause", "spam rate limit: too many messages were blocked or flagged; check quality")],
  [1, c("transient", "unknown API error or possible server error")],
  [2, c("transient", "the API service is temporarily unavailable")],
  [131000, c("transient", "something went wrong on Meta's side")],
  [131016, c("transient", "the service is temporarily unavailable")],
  [131057, c("transient", "the business account is in maintenance mode")],
  [133004, c("transient", "the server is temporarily unavailable")],
  [33, c("reject", "the object does not exist or the id is wrong")],
  [100, c("reject", "invalid parameter")],
  [130472, c("reject", "the recipient is part of a Meta experiment")],
  [131008, c("reject", "a required parameter is missing")],
  [131009, c("reject", "a parameter value is invalid")],
  [131021, c("reject", "the recipient is the sender's own number")],
  [131026, c("reject", "the message is undeliverable to this recipient")],
  [131047, c("reject", "more than 24 hours since the recipient last replied: use a template")],
  [131049, c("reject", "Meta chose not to deliver this message (ecosystem engagement)")],
  [131050, c("reject", "the recipient stopped marketing messages")],
  [131051, c("reject", "unsupported message type")],
  [131052, c("reject", "the media could not be downloaded")],
  [131053, c("reject", "the media could not be uploaded")],
  [131055, c("reject", "the method is not allowed for this endpoint")],
  [132000, c("reject", "the template parameter count does not match")],
  [132001, c("reject", "the template does not exist in this language or is not approved")],
  [132005, c("reject", "the translated template text is too long")],
  [132007, c("reject", "the template format violates a policy")],
  [132012, c("reject", "a template parameter has the wrong format")],
  [132015, c("reject", "the template is paused for low quality")],
  [132016, c("reject", "the template is disabled for low quality")],
  [132068, c("reject", "the Flow is blocked")],
  [132069, c("reject", "the Flow is throttled")],
  [135000, c("reject", "generic user error")],
  [139001, c("reject", "the Flow could not be updated or is not in a state that allows it")],
  [139002, c("reject", "the Flow could not be published")],
  [139003, c("reject", "the Flow cannot be used by this account or is not editable")],
  [139004, c("reject", "the Flow or its asset could not be found or is invalid")],
]);

/** The table entry for a code; 200–299 (API permission family) share one entry. */
export function lookupCode(code: number): CodeEntry | undefined {
  const entry = TABLE.get(code);
  if (entry) return entry;
  if (code >= 200 && code <= 299) return PERMISSION;
  return undefined;
}

const PERMISSION = c("config", "the app or token lacks a required permission");
