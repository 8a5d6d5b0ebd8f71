import type { FakeClock } from "./fake-clock.js";

/** Asks for `n` grants at once (`acquire`, or a reservation); the clock's time of each is pushed as it comes. */
export function grantTimes(acquire: () => Promise<number> | null, n: number, clock: FakeClock): number[] {
  const grants: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = acquire();
    if (p === null) grants.push(clock.now());
    else void p.then(() => grants.push(clock.now()));
  }
  return grants;
}
