import { ConnectorError, type FailureType } from "../../errors/index.js";
import type { GraphErrorEnvelope } from "./graph-envelope.js";

export interface GraphApiErrorInit {
  readonly method: string;
  readonly url: string;
  readonly status: number;
  readonly envelope: GraphErrorEnvelope | undefined;
  /** The decoded body: only for the caller's own reporting (it may echo record content). */
  readonly body: unknown;
  readonly headers: Readonly<Record<string, string>>;
  readonly failureType: FailureType;
  readonly hint: string;
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
  attempts = 1;

  constructor(init: GraphApiErrorInit) {
    const env = init.envelope;
    const what = env
      ? `Graph API error${env.code === undefined ? "" : ` ${env.code}`}${env.subcode === undefined ? "" : `/${env.subcode}`}: ${env.message ?? env.type ?? "no message"}${env.details ? ` (${env.details})` : ""}`
      : "an answer that is not a Graph API error envelope";
    super(
      "ERR_GRAPH_API",
      init.failureType,
      `${init.method} ${init.url} failed with HTTP ${init.status} and ${what}`,
      {
        hint: init.hint,
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
  }
}
