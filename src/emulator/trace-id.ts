// A cheap unique id per response: a random instance prefix plus a counter, base-36 encoded, so
// that no per-request crypto is spent while ids still look like Meta's opaque fbtrace ids.
const prefix = Math.random().toString(36).slice(2, 8);
let counter = 0;

export function nextTraceId(): string {
  counter += 1;
  return `A${prefix}${counter.toString(36)}`;
}
