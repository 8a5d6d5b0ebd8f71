const DAY_MS = 24 * 3600 * 1000;

/**
 * Meta's 24-hour customer-service window per recipient: open from the customer's last message
 * for 24 hours; interactive (non-template) messages need one. In "open" mode (the default, for
 * tests and demos of in-window customers) every recipient's window is open.
 */
export class ServiceWindows {
  private readonly lastMessageAt = new Map<string, number>();

  constructor(
    public mode: "open" | "enforced",
    private readonly initialMode: "open" | "enforced",
  ) {}

  reset(): void {
    this.mode = this.initialMode;
    this.lastMessageAt.clear();
  }

  /** The customer wrote at `at` (default now): their window runs 24 hours from then. */
  open(recipient: string, at: number = Date.now()): void {
    this.lastMessageAt.set(recipient, at);
  }

  close(recipient: string): void {
    this.lastMessageAt.delete(recipient);
  }

  isOpen(recipient: string, now: number = Date.now()): boolean {
    if (this.mode === "open") return true;
    const at = this.lastMessageAt.get(recipient);
    return at !== undefined && now - at < DAY_MS;
  }

  list(
    now: number = Date.now(),
  ): Array<{ recipient: string; opened_at: string; expires_at: string; open: boolean }> {
    return [...this.lastMessageAt].map(([recipient, at]) => ({
      recipient,
      opened_at: new Date(at).toISOString(),
      expires_at: new Date(at + DAY_MS).toISOString(),
      open: now - at < DAY_MS,
    }));
  }
}
