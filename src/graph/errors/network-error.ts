import { ConnectorError, type ConnectorErrorOptions } from "../../errors/index.js";
import type { Classification } from "../classification.js";

/**
 * "no": the request certainly never reached the server (refused, DNS, connect timeout), so it is
 * safe to send again. "maybe": it may have been written and processed (reset, socket closed,
 * response timeout), so a non-idempotent call must not be repeated.
 */
export type ReachedServer = "no" | "maybe";

export interface NetworkErrorInit extends ConnectorErrorOptions {
  readonly method: string;
  readonly url: string;
  readonly reachedServer: ReachedServer;
  /** The low-level code (ECONNREFUSED, UND_ERR_SOCKET, …). */
  readonly cause?: unknown;
  readonly causeCode: string | undefined;
}

/** The connection failed before a complete HTTP answer arrived. */
export class NetworkError extends ConnectorError {
  readonly method: string;
  readonly url: string;
  readonly reachedServer: ReachedServer;
  readonly causeCode: string | undefined;
  /** Set once by the client that threw it (see classify). */
  classification: Classification | undefined;
  attempts = 1;

  constructor(message: string, init: NetworkErrorInit, code = "ERR_NETWORK") {
    super(code, "transient_error", `${init.method} ${init.url}: ${message}`, init);
    this.method = init.method;
    this.url = init.url;
    this.reachedServer = init.reachedServer;
    this.causeCode = init.causeCode;
  }
}
