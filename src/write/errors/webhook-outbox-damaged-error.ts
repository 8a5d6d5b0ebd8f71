import { ConfigError } from "../../errors/index.js";

/** An outbox object that is not the JSON Lines of envelopes the connector wrote. */
export class WebhookOutboxDamagedError extends ConfigError {
  constructor(key: string, line: number) {
    super(`The response webhook outbox object "${key}" is damaged: line ${line} is not an envelope`, {
      code: "ERR_WEBHOOK_OUTBOX_DAMAGED",
      hint: "Repair the object or delete it (its envelopes are then never delivered); the next sync delivers the rest of the outbox before its records",
    });
  }
}
