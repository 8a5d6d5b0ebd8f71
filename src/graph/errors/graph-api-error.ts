import { ConnectorError } from "../../errors/index.js";
import type { Classification, ErrorKind } from "../classification.js";
import type { GraphErrorEnvelope } from "./graph-envelope.js";

/** What to do about each kind of answer, in Graph terms: the commands name the config fields. */
const HINTS: Readonly<Record<ErrorKind, string>> = {
  config:
    "Fix the access token, the app's permissions or the account in Meta Business Manager, then run the sync again",
  rate_limit: "Meta throttled the call; send more slowly or make fewer calls at once if this keeps happening",
  pause:
    "Meta limited this phone number for spam/quality reasons; check its quality rating in WhatsApp Manager",
  transient: "The Graph API had a temporary problem; the sync can be retried later",
  ambiguous:
    "The call may have been processed; it is not repeated, so check its effect before sending it again",
  reject: "Fix this record (see the Graph error message) and send it again",
};

export interface GraphApiErrorInit {
  readonly method: string;
  readonly url: string;
  readonly status: number;
  readonly envelope: GraphErrorEnvelope | undefined;
  /** The decoded body: only for the caller's own reporting (it may echo record content). */
  readonly body: unknown;
  readonly headers: Readonly<Record<string, string>>;
  /** The client's one reading of this answer; its failure type and hint follow from it. */
  readonly classification?: Classification;
}

/**
 * A non-2xx answer. Carries the Graph envelope fields (all undefined when the answer was not a
 * Graph error, e.g. an HTML 502 from a proxy) and the HTTP status.
 */
export class GraphApiError extends ConnectorError {
  readonly method: string;
  readonly url: string;
  readonly status: number;
  readonly graphCode: number | undefined;
  readonly subcode: number | undefined;
  readonly type: string | undefined;
  readonly graphMessage: string | undefined;
  readonly userTitle: string | undefined;
  readonly userMessage: string | undefined;
  readonly fbtraceId: string | undefined;
  readonly isTransient: boolean | undefined;
  readonly details: string | undefined;
  readonly body: unknown;
  readonly headers: Readonly<Record<string, string>>;
  classification: Classification | undefined;
  attempts = 1;

  constructor(init: GraphApiErrorInit) {
    const env = init.envelope;
    const what = env
      ? `Graph API error${env.code === undefined ? "" : ` ${env.code}`}${env.subcode === undefined ? "" : `/${env.subcode}`}: ${env.message ?? env.type ?? "no message"}${env.details ? ` (${env.details})` : ""}`
      : "an answer that is not a Graph API error envelope";
    const kind = init.classification?.kind;
    super(
      "ERR_GRAPH_API",
      kind === "config" ? "config_error" : "transient_error",
      `${init.method} ${init.url} failed with HTTP ${init.status} and ${what}`,
      {
        ...(kind === undefined ? {} : { hint: HINTS[kind] }),
        internal: env?.fbtraceId ? `fbtrace_id=${env.fbtraceId}` : undefined,
      },
    );
    this.method = init.method;
    this.url = init.url;
    this.status = init.status;
    this.graphCode = env?.code;
    this.subcode = env?.subcode;
    this.type = env?.type;
    this.graphMessage = env?.message;
    this.userTitle = env?.userTitle;
    this.userMessage = env?.userMessage;
    this.fbtraceId = env?.fbtraceId;
    this.isTransient = env?.isTransient;
    this.details = env?.details;
    this.body = init.body;
    this.headers = init.headers;
    this.classification = init.classification;
  }
}
