import type { RouteName } from "./types.js";

const HOUR = 3600 * 1000;

/**
 * Meta's usage headers (x-business-use-case-usage keyed by WABA id, x-app-usage), as percent of
 * an hourly budget. The strings are cached and rebuilt only when a percentage changes, so the
 * hot path does no JSON work.
 */
export class UsageHeaders {
  private windowStart = 0;
  private calls = 0;
  private cachedPct = -1;
  private buc: Record<"management" | "messaging", string> = { management: "", messaging: "" };
  private app = "";

  constructor(
    private readonly wabaId: string,
    private readonly callsPerHour: number,
  ) {}

  reset(): void {
    this.windowStart = 0;
    this.calls = 0;
    this.cachedPct = -1;
  }

  /** Count one call and return [business use case header, app usage header]. */
  next(route: RouteName, now: number): [string, string] {
    if (now - this.windowStart >= HOUR) {
      this.windowStart = now;
      this.calls = 0;
    }
    this.calls += 1;
    const pct = Math.min(100, Math.floor((this.calls * 100) / this.callsPerHour));
    if (pct !== this.cachedPct) this.rebuild(pct);
    return [route === "send" ? this.buc.messaging : this.buc.management, this.app];
  }

  private rebuild(pct: number): void {
    this.cachedPct = pct;
    const entry = (type: string): string =>
      JSON.stringify({
        [this.wabaId]: [
          {
            type,
            call_count: pct,
            total_cputime: Math.floor(pct / 2),
            total_time: Math.floor(pct / 2),
            estimated_time_to_regain_access: pct >= 100 ? 60 : 0,
          },
        ],
      });
    this.buc = {
      management: entry("whatsapp_business_management"),
      messaging: entry("whatsapp_business_messaging"),
    };
    this.app = JSON.stringify({
      call_count: pct,
      total_cputime: Math.floor(pct / 2),
      total_time: Math.floor(pct / 2),
    });
  }
}
