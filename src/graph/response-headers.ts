import type { Dispatcher } from "undici";

/** An answer's headers as undici hands them to a dispatch handler: lower-cased names. */
export type ResponseHeaders = Parameters<NonNullable<Dispatcher.DispatchHandler["onResponseStart"]>>[2];

/** One string per header: repeated headers (set-cookie) joined, as the Fetch API joins them. */
export function flattenHeaders(headers: ResponseHeaders): Record<string, string> {
  for (const key in headers) {
    if (typeof headers[key] !== "string") return copyJoined(headers);
  }
  return headers as Record<string, string>;
}

function copyJoined(headers: ResponseHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    if (value !== undefined) out[key] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}
