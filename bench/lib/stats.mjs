export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Most timestamps (ms, integers) in one window [t, t + widthMs) at any t: the strict view. A
 * busiest window can always start at a timestamp, so only those are tried; `startsIn` keeps the
 * windows whose first timestamp lies in [from, to) (e.g. the first second of a run). `at` is
 * where the busiest starts, in ms after the first timestamp.
 */
export function busiestSlidingWindow(times, { widthMs = 1000, startsIn = [-Infinity, Infinity] } = {}) {
  const sorted = [...times].sort((a, b) => a - b);
  const [from, to] = startsIn;
  let count = 0;
  let at = 0;
  let hi = 0;
  for (let lo = 0; lo < sorted.length; lo++) {
    if (hi < lo) hi = lo;
    while (hi < sorted.length && sorted[hi] < sorted[lo] + widthMs) hi++;
    if (sorted[lo] < from || sorted[lo] >= to) continue;
    if (hi - lo > count) {
      count = hi - lo;
      at = sorted[lo] - sorted[0];
    }
  }
  return { count, at };
}

/** Most timestamps in one wall-clock second [k*1000, (k+1)*1000): how Meta's limiter counts. */
export function busiestAlignedWindow(times) {
  const counts = new Map();
  for (const t of times) {
    const second = Math.floor(t / 1000);
    counts.set(second, (counts.get(second) ?? 0) + 1);
  }
  return Math.max(0, ...counts.values());
}

/** Sends per second between the first and the last one: (n - 1) intervals over the span. */
export function spanRate(times) {
  if (times.length < 2) return 0;
  let first = Infinity;
  let last = -Infinity;
  for (const t of times) {
    if (t < first) first = t;
    if (t > last) last = t;
  }
  return last === first ? Infinity : ((times.length - 1) * 1000) / (last - first);
}

export const mb = (bytes) => bytes / (1024 * 1024);
export const round = (value, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
