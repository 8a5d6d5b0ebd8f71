import { SlidingWindow } from "./sliding-window.js";

/**
 * A send lane's count of when its granted requests were written to their connections (the
 * transport reports it): a request granted just before a stall of ours (a GC pause), or while
 * every connection waits for an answer, leaves late and bunches with the requests granted after
 * it. Its grant was in order; its arrival at Meta is not. So no window of writes holds more than
 * the rate either, the granted requests not yet written counting as leaving now.
 */
export class WriteWindow {
  private readonly writes: SlidingWindow;
  /** Granted requests the transport will report and has not yet written (nor given up). */
  private unwritten = 0;

  constructor(limit: number, windowMs: number) {
    this.writes = new SlidingWindow(limit, windowMs);
  }

  /** A granted request is on its way to the transport, which will report it. */
  expect(): void {
    this.unwritten++;
  }

  written(now: number): void {
    if (this.unwritten > 0) this.unwritten--;
    this.writes.record(now);
  }

  /** A granted request will not be written; true when it was one the window was waiting for. */
  givenUp(): boolean {
    if (this.unwritten === 0) return false;
    this.unwritten--;
    return true;
  }

  waitMs(now: number): number {
    return this.writes.waitMs(now, this.unwritten);
  }
}
