import { ConnectorError } from "../../errors/index.js";
import type { Classification } from "../classification.js";
import { describeBody, describeExpectedAnswer, type ExpectedAnswer } from "../expected-answer.js";

export interface UnexpectedAnswerInit {
  readonly method: string;
  readonly url: string;
  readonly status: number;
  /** The decoded body: only for the caller's own reporting (it may echo record content). */
  readonly body: unknown;
  readonly expected: ExpectedAnswer;
}

/**
 * A 2xx answer without what the call's success must hold (see ExpectedAnswer): something other
 * than the Graph API answered (a proxy, a captive portal, a wrong base_url), or Meta answered in
 * a way it does not document. The request reached a server, so a send or a create may have been
 * processed (ambiguous) while an idempotent call may be repeated.
 */
export class UnexpectedAnswerError extends ConnectorError {
  readonly method: string;
  readonly url: string;
  readonly status: number;
  readonly body: unknown;
  readonly expected: ExpectedAnswer;
  /** "HTTP 200 with an HTML page, not a message id (…)": what was wrong, without the content. */
  readonly what: string;
  /** Set once by the client that threw it (see classify). */
  classification: Classification | undefined;
  attempts = 1;

  constructor(init: UnexpectedAnswerInit) {
    const what = `HTTP ${init.status} with ${describeBody(init.body)}, not ${describeExpectedAnswer(init.expected)}`;
    super("ERR_GRAPH_UNEXPECTED_ANSWER", "transient_error", `${init.method} ${init.url} answered ${what}`, {
      hint: "Something other than the Graph API may be answering (a proxy, or a wrong base_url); check base_url",
    });
    this.method = init.method;
    this.url = init.url;
    this.status = init.status;
    this.body = init.body;
    this.expected = init.expected;
    this.what = what;
  }
}
