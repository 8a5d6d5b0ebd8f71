import { ConnectorError, type ConnectorErrorSubclassOptions } from "./connector-error.js";

/** The user must change the config, the catalog or the account (the platform will not retry). */
export class ConfigError extends ConnectorError {
  constructor(message: string, options: ConnectorErrorSubclassOptions = {}) {
    super(options.code ?? "ERR_CONFIG", "config_error", message, options);
  }
}
