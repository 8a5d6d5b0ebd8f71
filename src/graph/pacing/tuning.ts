/**
 * Every tuned number of the pacer, in one place. What each one does is said here; the
 * measurement that chose it is in bench/README.md ("Pacing constants"), which a change to any of
 * them must update.
 */

/** A send lane holds no window this long to more than its rate (a margin for the way to Meta). */
export const SEND_WINDOW_MS = 1008;

/** Grants of a send lane's first moments count as this much later (connections still opening). */
export const SEND_STARTUP_MS = 40;

/** A lane without a grant for this long starts afresh: its transport may have gone cold. */
export const IDLE_RESTART_MS = 1000;

/** A rate lane's bucket holds this long's worth of grants: a late timer catches up, no burst. */
export const BUCKET_MS = 50;

/** A throughput error this long after the previous one (or the first) is taken as jitter. */
export const CALM_MS = 10_000;

/** Throughput errors closer together than this count as one. */
export const ERROR_BURST_MS = 1000;

/** The rate kept after a throughput error in a calm spell (jitter at the limit). */
export const JITTER_FACTOR = 0.9;

/** The rate kept after a throughput error soon after another (the rate is above Meta's). */
export const OVER_LIMIT_FACTOR = 0.5;

/** A slowed rate never falls under this share of the base rate. */
export const SLOWEST_SHARE = 1 / 64;

/**
 * A slowed rate climbs back each second by 1/RECOVERY_SECONDS of its reference: the base rate
 * after jitter (back within a second), the slowed rate itself after a halving (so a rate far above
 * the number's settles under it instead of climbing back each second).
 */
export const RECOVERY_SECONDS = 10;

/** Meta's pair rate limit (131056): about one message per 6 s to the same recipient. */
export const RECIPIENT_HOLD_MS = 6000;

/** The shortest timer a lane arms: a wait under a millisecond is rounded up to it. */
export const MIN_TIMER_MS = 1;
