import { ConfigError } from "../errors/index.js";

/** The advanced endpoint's URL points somewhere the config does not allow (SSRF guard). */
export class HostNotAllowedError extends ConfigError {
  constructor(message: string, hint: string) {
    super(message, { code: "ERR_HOST_NOT_ALLOWED", hint });
  }
}
