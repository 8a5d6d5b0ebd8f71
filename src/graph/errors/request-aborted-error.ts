import { ConnectorError } from "../../errors/index.js";
import type { Classification } from "../classification.js";

/** The caller aborted the request (shutdown, SIGTERM drain bound); never retried. */
export class RequestAbortedError extends ConnectorError {
  readonly method: string;
  readonly url: string;
  /** Set once by the client that threw it (see classify). */
  classification: Classification | undefined;
  attempts = 1;

  constructor(method: string, url: string, cause?: unknown) {
    super("ERR_ABORTED", "transient_error", `${method} ${url} was aborted before it completed`, {
      hint: "The sync was stopped before an answer arrived, so the outcome of this call is unknown",
      cause,
    });
    this.method = method;
    this.url = url;
  }
}
