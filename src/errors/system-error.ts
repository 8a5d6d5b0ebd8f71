import { ConnectorError, type ConnectorErrorSubclassOptions } from "./connector-error.js";

/** Corrupt input from the platform or a bug of ours. */
export class SystemError extends ConnectorError {
  constructor(message: string, options: ConnectorErrorSubclassOptions = {}) {
    super(options.code ?? "ERR_SYSTEM", "system_error", message, options);
  }
}
