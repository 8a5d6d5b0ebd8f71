import { ConnectorError, type ConnectorErrorSubclassOptions } from "./connector-error.js";

/** Worth retrying later: an outage or a rate limit that outlasted our retry budget. */
export class TransientError extends ConnectorError {
  constructor(message: string, options: ConnectorErrorSubclassOptions = {}) {
    super(options.code ?? "ERR_TRANSIENT", "transient_error", message, options);
  }
}
