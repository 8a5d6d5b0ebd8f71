import { TransientError } from "../../errors/index.js";

/** The response webhook kept failing: the records it carries are not settled. */
export class WebhookDeliveryError extends TransientError {
  constructor(attempts: number, problem: string) {
    super(`The response webhook could not be reached after ${attempts} attempts: ${problem}`, {
      code: "ERR_WEBHOOK_DELIVERY",
      hint: "Check that the webhook receiver is up and answers 2xx; the next sync resumes from the last checkpoint",
    });
  }
}
