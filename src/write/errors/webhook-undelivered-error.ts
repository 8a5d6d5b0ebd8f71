import { ConnectorError, type FailureType } from "../../errors/index.js";

export interface Undelivered {
  /** Envelopes reported in LOG lines and not kept anywhere. */
  readonly lost: number;
  /** Envelopes stored in the outbox for the next sync. */
  readonly kept: number;
  /** The outbox's location, when there is one. */
  readonly outbox: string | undefined;
}

/** What the envelopes that were not delivered became, for the end of the sync. */
export function undeliveredSummary({ lost, kept, outbox }: Undelivered): string {
  const parts: string[] = [];
  if (kept > 0) {
    parts.push(
      `${kept} response webhook envelope(s) were not delivered and are stored in the webhook outbox ${outbox}: the next sync delivers them before its own records`,
    );
  }
  if (lost > 0) {
    parts.push(
      `${lost} response webhook envelope(s) were not delivered and are not kept anywhere: each record is named in a WARN LOG line above (stream, record, input line, key)`,
    );
  }
  return `${parts.join("; ")}. Their calls were made and their records are checkpointed, so they are not sent again`;
}

/**
 * The response webhook failed: its cause (retries ran out, or a refusal) and what became of the
 * envelopes it did not take. A refusal stays a config_error; anything else is transient.
 */
export class WebhookUndeliveredError extends ConnectorError {
  constructor(cause: unknown, undelivered: Undelivered) {
    const failureType: FailureType =
      cause instanceof ConnectorError && cause.failureType === "config_error"
        ? "config_error"
        : "transient_error";
    const reason = cause instanceof Error ? cause.message : String(cause);
    super("ERR_WEBHOOK_UNDELIVERED", failureType, `${reason}. ${undeliveredSummary(undelivered)}`, {
      cause,
      ...(cause instanceof ConnectorError ? { internal: cause.code } : {}),
    });
  }
}
