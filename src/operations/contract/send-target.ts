/** Who a planned message goes to, as the suppression list and the frequency cap key it. */
export interface SendTarget {
  /** The sender: suppression and caps are per number, as Meta's quality is. */
  readonly phoneNumberId: string;
  /** The recipient as sent (`+` and digits, see records/recipient.ts): one form per number. */
  readonly recipient: string;
  /**
   * A template send that may be marketing (its category is MARKETING, or the WABA's template list
   * did not say): what 131050, 131049 and 130472 refuse, and so what their suppression holds back.
   */
  readonly marketing: boolean;
  /** The record says the recipient opted in again (`clear_opt_out: true`). */
  readonly clearOptOut: boolean;
}

/** The fields a send's plan carries (messages/send-flow-message.ts, messages/send-flow-template.ts). */
interface SendPlanFields {
  readonly phoneNumberId: unknown;
  readonly recipient: unknown;
  readonly templateName: unknown;
  readonly category: unknown;
  readonly clearOptOut: unknown;
}

/**
 * The target of a send operation's plan; undefined for any other plan: only the send operations'
 * plans carry a sender and a recipient (`phoneNumberId`, `recipient`), and a template send's its
 * `templateName` and, when the template list knew it, its `category`.
 */
export function sendTargetOf(plan: unknown): SendTarget | undefined {
  if (typeof plan !== "object" || plan === null) return undefined;
  const send = plan as Partial<SendPlanFields>;
  if (typeof send.phoneNumberId !== "string" || typeof send.recipient !== "string") return undefined;
  const marketing =
    typeof send.templateName === "string" && (send.category === undefined || send.category === "MARKETING");
  return {
    phoneNumberId: send.phoneNumberId,
    recipient: send.recipient,
    marketing,
    clearOptOut: send.clearOptOut === true,
  };
}
