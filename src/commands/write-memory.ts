import { setFlagsFromString } from "node:v8";

/**
 * V8 settings for `write`, applied before its modules load, for a peak RSS that stays flat and
 * low over a long sync (issue 14: ≤ 120 MB at 100k and 1M records; it was ~160 MB):
 *
 * - Undici's HTTP parser is WebAssembly. V8 tiers its hot state-machine function up to TurboFan
 *   in the background, a one-off ~35 MB transient (measured with VmHWM after the first response);
 *   the baseline compiler's code parses responses at ~2 % of the CPU of a sync.
 * - Records, plans and requests live a few tens of ms, long enough to be promoted: the old space
 *   then grew to ~3× its live ~18 MB before each full GC. A smaller growing factor bounds that
 *   at the price of more frequent, short, incremental full GCs.
 *
 * Both take effect at run time. A semi-space size would not (it is fixed when the heap is made):
 * the image sets one in NODE_OPTIONS (Dockerfile), where Node 24 otherwise takes 64 MB ones.
 */
export const WRITE_V8_FLAGS = ["--liftoff-only", "--heap-growing-percent=50"] as const;

export function limitWriteMemory(): void {
  for (const flag of WRITE_V8_FLAGS) setFlagsFromString(flag);
}
