/**
 * Recipients who stopped marketing messages from the business (WhatsApp's "stop promotions"):
 * Meta refuses a MARKETING template to them with 131050, while utility templates and messages
 * inside a customer-service window still reach them. Set through the control API.
 */
export class MarketingOptOuts {
  private readonly recipients = new Set<string>();

  reset(): void {
    this.recipients.clear();
  }

  optOut(waId: string): void {
    this.recipients.add(waId);
  }

  optIn(waId: string): void {
    this.recipients.delete(waId);
  }

  has(waId: string): boolean {
    return this.recipients.has(waId);
  }

  list(): string[] {
    return [...this.recipients];
  }
}
