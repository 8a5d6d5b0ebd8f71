import { GraphErrorReply } from "./graph-error-reply.js";
import type { RateLimitOptions } from "./types.js";

interface Window {
  start: number;
  count: number;
}

const PRUNE_AT = 100_000;

/**
 * Meta's send limits: throughput per business number (130429, fixed 1-second windows) and the
 * business→consumer pair rate (131056). Both answer HTTP 400, as Meta does. Off unless set;
 * `throughputByLevel` takes each number's rate from its throughput level.
 */
export class RateLimiter {
  private readonly perPhone = new Map<string, Window>();
  private readonly pairs = new Map<string, Window>();
  private limits: RateLimitOptions;

  /** `levelRate`: the messages per second a phone number's throughput level allows. */
  constructor(
    limits: RateLimitOptions,
    private readonly levelRate: (phone: string) => number = () => 0,
  ) {
    this.limits = { ...limits };
  }

  get options(): RateLimitOptions {
    return { ...this.limits };
  }

  set(limits: RateLimitOptions): void {
    this.limits = { ...this.limits, ...limits };
    this.reset();
  }

  reset(): void {
    this.perPhone.clear();
    this.pairs.clear();
  }

  /** Count one send, or throw the rate-limit error without counting it. */
  check(phone: string, recipient: string, now: number = Date.now()): void {
    const mps =
      this.limits.messagesPerSecond ?? (this.limits.throughputByLevel ? this.levelRate(phone) : undefined);
    let phoneWindow: Window | undefined;
    if (mps !== undefined && mps > 0) {
      const second = Math.floor(now / 1000) * 1000;
      phoneWindow = this.perPhone.get(phone);
      if (phoneWindow === undefined || phoneWindow.start !== second) {
        phoneWindow = { start: second, count: 0 };
        this.perPhone.set(phone, phoneWindow);
      }
      if (phoneWindow.count >= mps) {
        throw new GraphErrorReply({
          status: 400,
          code: 130429,
          message: "(#130429) Rate limit hit",
          details: `Cloud API message throughput has been reached: more than ${mps} messages per second from this phone number.`,
        });
      }
    }
    const perPair = this.limits.pairRatePerWindow;
    if (perPair !== undefined && perPair > 0) {
      const windowMs = this.limits.pairWindowMs ?? 6000;
      const key = `${phone}>${recipient}`;
      let pair = this.pairs.get(key);
      if (pair === undefined || now - pair.start >= windowMs) {
        if (this.pairs.size >= PRUNE_AT) this.prune(now, windowMs);
        pair = { start: now, count: 0 };
        this.pairs.set(key, pair);
      }
      if (pair.count >= perPair) {
        throw new GraphErrorReply({
          status: 400,
          code: 131056,
          message: "(#131056) (Business Account, Consumer Account) pair rate limit hit",
          details:
            "Message failed to send because there were too many messages sent from this phone number to the same phone number in a short period of time.",
        });
      }
      pair.count += 1;
    }
    if (phoneWindow !== undefined) phoneWindow.count += 1;
  }

  private prune(now: number, windowMs: number): void {
    for (const [key, w] of this.pairs) if (now - w.start >= windowMs) this.pairs.delete(key);
  }
}
