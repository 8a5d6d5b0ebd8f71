/** One entry of the status log: what Meta's `statuses` webhook object says of a sent message. */
export interface MessageStatus {
  readonly id: string;
  readonly status: "sent";
  readonly timestamp: string;
  readonly recipient_id: string;
  /** Echoed as the send gave it; absent when it gave none. */
  readonly biz_opaque_callback_data?: string;
  /** Which edge took the send: "messages" or "marketing_messages". */
  readonly edge: "messages" | "marketing_messages";
}

/**
 * The messages the emulator accepted, as the status webhooks of Meta would report them (the
 * `sent` status of each, with its `biz_opaque_callback_data`), for tests and demos to join back
 * on; and whether the WABA is onboarded to the Marketing Messages API (a control setting).
 * Bounded: past the limit the oldest half is dropped.
 */
export class MessageStatuses {
  private entries: MessageStatus[] = [];
  marketingMessagesOnboarded: boolean;

  constructor(
    private readonly initialOnboarded: boolean,
    private readonly limit = 200_000,
  ) {
    this.marketingMessagesOnboarded = initialOnboarded;
  }

  record(status: MessageStatus): void {
    if (this.entries.length >= this.limit) this.entries.splice(0, Math.max(1, Math.floor(this.limit / 2)));
    this.entries.push(status);
  }

  list(): readonly MessageStatus[] {
    return [...this.entries];
  }

  reset(): void {
    this.entries = [];
    this.marketingMessagesOnboarded = this.initialOnboarded;
  }
}
