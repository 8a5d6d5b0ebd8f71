import { ConnectorError, type FailureType } from "../../errors/index.js";

/** The response webhook failed while the outbox of earlier syncs was being delivered. */
export class WebhookOutboxError extends ConnectorError {
  constructor(cause: unknown, delivered: number, left: number, outbox: string) {
    const failureType: FailureType =
      cause instanceof ConnectorError && cause.failureType === "config_error"
        ? "config_error"
        : "transient_error";
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      "ERR_WEBHOOK_OUTBOX",
      failureType,
      `${reason}. The webhook outbox ${outbox} held envelopes of an earlier sync: ${delivered} were delivered, ${left} still wait there. No record of this sync was read or sent; the next sync delivers the outbox first`,
      { cause, ...(cause instanceof ConnectorError ? { internal: cause.code } : {}) },
    );
  }
}
