import { ConfigError } from "../../errors/index.js";

/** The webhook refused a delivery in a way retrying cannot fix (400, 401, 403, 404…). */
export class WebhookRejectedError extends ConfigError {
  constructor(status: number) {
    super(`The response webhook answered HTTP ${status} to a delivery`, {
      code: "ERR_WEBHOOK_REJECTED",
      hint: "Check response_webhook.url and response_webhook.headers (authentication) in the config",
    });
  }
}
