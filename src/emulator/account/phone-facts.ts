import type { MessagingLimitTier, PhoneNumberFacts, QualityRating, ThroughputLevel } from "../types.js";

const DAY_MS = 24 * 3600 * 1000;

/** Messages per second of each throughput level (Meta: 80 by default, 1,000 once upgraded). */
export const LEVEL_MPS: Readonly<Record<ThroughputLevel, number>> = { STANDARD: 80, HIGH: 1000 };
export const THROUGHPUT_LEVELS = Object.keys(LEVEL_MPS) as ThroughputLevel[];
export const QUALITY_RATINGS: readonly QualityRating[] = ["GREEN", "YELLOW", "RED", "NA"];

/** Unique recipients of business-initiated messages per moving 24 hours (Meta's tiers). */
const TIER_RECIPIENTS: Readonly<Record<MessagingLimitTier, number>> = {
  TIER_250: 250,
  TIER_2K: 2000,
  TIER_10K: 10_000,
  TIER_100K: 100_000,
  TIER_UNLIMITED: Number.POSITIVE_INFINITY,
};
export const MESSAGING_LIMIT_TIERS = Object.keys(TIER_RECIPIENTS) as MessagingLimitTier[];

interface Facts {
  throughputLevel: ThroughputLevel;
  qualityRating: QualityRating;
}

/**
 * What Meta knows about the business's numbers: each number's throughput level and quality
 * rating, and the portfolio's messaging limit, shared by all its numbers, with the count of
 * unique recipients reached outside a customer-service window in the last 24 hours.
 */
export class PhoneFacts {
  private readonly facts = new Map<string, Facts>();
  private readonly reached = new Map<string, number>();
  messagingLimit: MessagingLimitTier;

  constructor(
    private readonly phoneNumberIds: readonly string[],
    private readonly initial: Readonly<Record<string, PhoneNumberFacts>>,
    private readonly initialLimit: MessagingLimitTier,
  ) {
    this.messagingLimit = initialLimit;
    this.reset();
  }

  reset(): void {
    this.messagingLimit = this.initialLimit;
    this.reached.clear();
    for (const id of this.phoneNumberIds) {
      const seed = this.initial[id] ?? {};
      this.facts.set(id, {
        throughputLevel: seed.throughputLevel ?? "STANDARD",
        qualityRating: seed.qualityRating ?? "GREEN",
      });
    }
  }

  of(phone: string): Readonly<Facts> {
    return this.facts.get(phone) ?? { throughputLevel: "STANDARD", qualityRating: "GREEN" };
  }

  set(phone: string, change: PhoneNumberFacts): void {
    const current = this.facts.get(phone);
    if (current === undefined) return;
    if (change.throughputLevel !== undefined) current.throughputLevel = change.throughputLevel;
    if (change.qualityRating !== undefined) current.qualityRating = change.qualityRating;
  }

  levelRate(phone: string): number {
    return LEVEL_MPS[this.of(phone).throughputLevel];
  }

  /**
   * Whether a business-initiated message to `recipient` fits the messaging limit; counts it when
   * it does. A recipient already reached in the last 24 hours costs nothing more.
   */
  admitBusinessInitiated(recipient: string, now: number = Date.now()): boolean {
    const last = this.reached.get(recipient);
    if (last !== undefined && now - last < DAY_MS) return true;
    // The map is in the order recipients were reached, oldest first (a re-reach moves to the end),
    // so the expired ones are at its head: pruning stops at the first recent one. Scanning the
    // whole map per new recipient made a 100k campaign O(n²) and slowed the emulator to 600/s.
    for (const [r, at] of this.reached) {
      if (now - at < DAY_MS) break;
      this.reached.delete(r);
    }
    if (this.reached.size >= TIER_RECIPIENTS[this.messagingLimit]) return false;
    this.reached.delete(recipient);
    this.reached.set(recipient, now);
    return true;
  }

  reachedCount(): number {
    return this.reached.size;
  }
}
