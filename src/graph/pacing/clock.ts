/** Time as the pacer sees it: injectable so tests can drive it without real timers. */
export interface PacingClock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}
