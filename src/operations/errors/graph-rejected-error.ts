import { type ConfigLevelCause, RecordError } from "../../errors/index.js";

export interface GraphRejection {
  readonly status: number | undefined;
  readonly graphCode: number | undefined;
  readonly subcode: number | undefined;
  /** Meta's message; Graph messages name parameters, not their values. */
  readonly graphMessage: string | undefined;
  readonly details: string | undefined;
  /**
   * Meta's error_user_title / error_user_msg: for Flows errors the message is often only
   * "Invalid parameter" and these say which one ("Flow with specified ID does not exist").
   */
  readonly userTitle?: string | undefined;
  readonly userMessage?: string | undefined;
  readonly fbtraceId: string | undefined;
  /** Our own words for the code (the classification table), safe to show. */
  readonly reason: string;
  /** Set when Meta refused the template or Flow the request names as such. */
  readonly configCause?: ConfigLevelCause | undefined;
}

/** The Graph API refused one record's request for a reason of that record (a "reject" code). */
export class GraphRejectedError extends RecordError {
  readonly status: number | undefined;
  readonly graphCode: number | undefined;
  readonly subcode: number | undefined;
  readonly graphMessage: string | undefined;
  readonly details: string | undefined;
  readonly fbtraceId: string | undefined;

  /**
   * The message carries Meta's own words (message and error_data.details): without them a user
   * cannot tell which parameter to fix. Graph messages name parameters and at most a Flow name,
   * not recipients' data; our own text never adds record values.
   */
  constructor(label: string, request: string, rejection: GraphRejection) {
    const code =
      rejection.graphCode === undefined
        ? `HTTP ${rejection.status ?? "error"}`
        : `Graph error ${rejection.graphCode}${rejection.subcode === undefined ? "" : `/${rejection.subcode}`}`;
    const parts = [rejection.graphMessage, rejection.userTitle, rejection.userMessage, rejection.details];
    const meta = [...new Set(parts.filter((part) => part))].join(": ");
    super(
      `${label}: the Graph API rejected ${request} with ${code} (${rejection.reason})${meta ? `. Meta says: ${meta}` : ""}`,
      {
        code: "ERR_GRAPH_REJECTED",
        hint: "Fix the record (or the Flow it refers to) and send it again",
        internal: rejection.fbtraceId ? `fbtrace_id=${rejection.fbtraceId}` : undefined,
        configCause: rejection.configCause,
      },
    );
    this.status = rejection.status;
    this.graphCode = rejection.graphCode;
    this.subcode = rejection.subcode;
    this.graphMessage = rejection.graphMessage;
    this.details = rejection.details;
    this.fbtraceId = rejection.fbtraceId;
  }
}
