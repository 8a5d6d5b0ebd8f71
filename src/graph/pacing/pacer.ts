import type { PacingLane } from "../types.js";
import { usageSpacingMs } from "../usage-headers.js";
import type { PacingClock } from "./clock.js";
import { PauseMeter } from "./pause-meter.js";
import { RateLane } from "./rate-lane.js";
import { MIN_TIMER_MS, SEND_STARTUP_MS, SEND_WINDOW_MS } from "./tuning.js";
import type { WriteReport } from "./write-report.js";

type SendLane = Extract<PacingLane, { readonly kind: "send" }>;

export interface PacerSettings {
  /** Sends per second per phone number; 0 = unpaced. */
  readonly messagesPerSecond: number;
  /** Optional cap on management calls per hour per WABA; undefined/0 = unpaced. */
  readonly managementCallsPerHour?: number | undefined;
  /** Per phone number, a rate that replaces `messagesPerSecond` (each sender's throughput level). */
  readonly sendRates?: ReadonlyMap<string, number> | undefined;
}

/**
 * The pacing lanes of one client: a bucket per phone number for sends, one per WABA for
 * management calls, per-recipient holds after pair rate limits (131056) and the slow-downs that
 * Meta's answers call for (130429 slows a phone number down; usage headers space a WABA's calls).
 * Requests reach it through the pacing interceptor (./paced-dispatch.ts).
 */
export class Pacer {
  private readonly clock: PacingClock;
  private readonly settings: PacerSettings;
  private readonly sendLanes = new Map<string, RateLane>();
  private readonly managementLanes = new Map<string, RateLane>();
  private readonly recipientHolds = new Map<string, number>();
  private readonly paused: PauseMeter;

  constructor(clock: PacingClock, settings: PacerSettings) {
    this.clock = clock;
    this.settings = settings;
    this.paused = new PauseMeter(() => clock.now());
  }

  /** Wall-clock milliseconds during which at least one call waited in a lane. */
  get pausedMs(): number {
    return this.paused.totalMs;
  }

  /** null when the call may go now; otherwise a promise of the milliseconds waited. */
  acquire(lane: PacingLane, signal?: AbortSignal): Promise<number> | null {
    const wait = this.laneWait(lane, signal);
    if (wait === null) return null;
    const resume = this.paused.begin();
    wait.then(resume, resume);
    return wait;
  }

  /**
   * A send's grant taken before its request exists (the send ledger stores the call's intent
   * between its grant and its request, so an intent is only stored once the pace allows the
   * call): null when granted at once, otherwise a promise of the wait. The next request of the
   * lane through the transport takes the grant instead of waiting for one (`takeReserved`);
   * `release` gives back one that no request will use.
   */
  reserve(lane: SendLane, signal?: AbortSignal): Promise<number> | null {
    const rate = this.sendLane(lane.phoneNumberId);
    const wait = this.acquire(lane, signal);
    if (wait === null) {
      rate.holdReserved();
      return null;
    }
    return wait.then((ms) => {
      rate.holdReserved();
      return ms;
    });
  }

  /**
   * Sends per second of every send lane in use, together (each at the rate in force): how fast a
   * sync's sends can go once each of its senders has sent.
   */
  sendLanesRate(): number {
    const now = this.clock.now();
    let total = 0;
    for (const lane of this.sendLanes.values()) {
      const rate = lane.currentRate(now);
      if (Number.isFinite(rate)) total += rate;
    }
    return total;
  }

  /** A grant taken by `reserve` that no request will use. */
  release(lane: SendLane): void {
    this.sendLane(lane.phoneNumberId).dropReserved();
  }

  /** A send takes a grant its lane holds (see `reserve`); false when it holds none. */
  takeReserved(lane: PacingLane): boolean {
    if (lane.kind !== "send") return false;
    return this.sendLanes.get(lane.phoneNumberId)?.takeReserved() ?? false;
  }

  /**
   * A granted send is written once its lane's writes' window has room (requests whose grants
   * were held together leave together, and no window of writes may hold more than the rate):
   * where it reports its write, counted from now, or a promise of it; undefined when nothing
   * counts its writes (an unpaced lane). A caller that takes one must report, or the lane holds a
   * window for the write that never came.
   */
  writeSlot(
    lane: SendLane,
    signal?: AbortSignal,
  ): WriteReport | undefined | Promise<WriteReport | undefined> {
    const rate = this.sendLane(lane.phoneNumberId);
    if (rate.writeWaitMs() <= 0) return rate.expectWrite();
    const resume = this.paused.begin();
    const waited = (async () => {
      for (;;) {
        await this.clock.sleep(Math.max(MIN_TIMER_MS, Math.ceil(rate.writeWaitMs())), signal);
        // Checked and counted in one step: requests waiting together take the room one by one.
        if (rate.writeWaitMs() <= 0) return rate.expectWrite();
      }
    })();
    waited.then(resume, resume);
    return waited;
  }

  /** 130429: the phone number's throughput was exceeded. */
  throughputExceeded(phoneNumberId: string): void {
    this.sendLane(phoneNumberId).slowDown();
  }

  /** 131056: hold only this recipient for `ms`. */
  holdRecipient(phoneNumberId: string, recipient: string, ms: number): void {
    const key = recipientKey(phoneNumberId, recipient);
    const until = this.clock.now() + ms;
    if ((this.recipientHolds.get(key) ?? 0) < until) this.recipientHolds.set(key, until);
  }

  /** Meta asked for a pause (Retry-After, regain-access time): hold the whole lane. */
  blockLane(lane: PacingLane, ms: number): void {
    const rate = this.laneOf(lane);
    if (rate === undefined) return;
    rate.blockedUntil = Math.max(rate.blockedUntil, this.clock.now() + ms);
  }

  /** Usage headers of a management answer: space the WABA's calls as usage nears 100 %. */
  usageReported(lane: PacingLane, percent: number): void {
    const rate = this.laneOf(lane);
    if (rate === undefined) return;
    rate.minSpacingMs = usageSpacingMs(percent);
    rate.poke();
  }

  private laneWait(lane: PacingLane, signal: AbortSignal | undefined): Promise<number> | null {
    if (lane.kind === "none") return null;
    if (lane.kind === "send") {
      if (this.recipientHolds.size > 0) {
        const until = this.recipientHolds.get(recipientKey(lane.phoneNumberId, lane.recipient));
        if (until !== undefined) return this.afterHold(lane, until, signal);
      }
      return this.sendLane(lane.phoneNumberId).acquire(signal);
    }
    return this.managementLane(lane.wabaId).acquire(signal);
  }

  private laneOf(lane: PacingLane): RateLane | undefined {
    if (lane.kind === "send") return this.sendLane(lane.phoneNumberId);
    if (lane.kind === "management") return this.managementLane(lane.wabaId);
    return undefined;
  }

  private async afterHold(
    lane: { phoneNumberId: string; recipient: string },
    until: number,
    signal: AbortSignal | undefined,
  ): Promise<number> {
    const start = this.clock.now();
    if (until > start) await this.clock.sleep(until - start, signal);
    else this.recipientHolds.delete(recipientKey(lane.phoneNumberId, lane.recipient));
    const rest = this.sendLane(lane.phoneNumberId).acquire(signal);
    if (rest !== null) await rest;
    return this.clock.now() - start;
  }

  private sendLane(phoneNumberId: string): RateLane {
    let lane = this.sendLanes.get(phoneNumberId);
    if (lane === undefined) {
      const rate = this.settings.sendRates?.get(phoneNumberId) ?? this.settings.messagesPerSecond;
      lane = new RateLane(this.clock, {
        ratePerSecond: rate > 0 ? rate : Infinity,
        windowMs: SEND_WINDOW_MS,
        startupMs: SEND_STARTUP_MS,
        countWrites: true,
      });
      this.sendLanes.set(phoneNumberId, lane);
    }
    return lane;
  }

  private managementLane(wabaId: string): RateLane {
    let lane = this.managementLanes.get(wabaId);
    if (lane === undefined) {
      const perHour = this.settings.managementCallsPerHour ?? 0;
      lane = new RateLane(this.clock, {
        ratePerSecond: perHour > 0 ? perHour / 3600 : Infinity,
        capacity: 1,
      });
      this.managementLanes.set(wabaId, lane);
    }
    return lane;
  }
}

function recipientKey(phoneNumberId: string, recipient: string): string {
  return `${phoneNumberId}\u0000${recipient}`;
}
