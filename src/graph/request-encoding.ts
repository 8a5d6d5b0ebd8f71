import { encodeMultipart } from "./multipart.js";
import type { GraphBody } from "./types.js";

/** Headers a caller may never set: authentication and framing are ours. */
const RESERVED = new Set([
  "authorization",
  "user-agent",
  "content-type",
  "content-length",
  "host",
  "transfer-encoding",
]);

export interface EncodedBody {
  readonly payload: string | Buffer | undefined;
  readonly contentType: string | undefined;
}

const NO_BODY: EncodedBody = { payload: undefined, contentType: undefined };

export function encodeBody(body: GraphBody): EncodedBody {
  switch (body.kind) {
    case "none":
      return NO_BODY;
    case "json":
      return { payload: JSON.stringify(body.value), contentType: "application/json" };
    case "form":
      return {
        payload: new URLSearchParams(body.fields).toString(),
        contentType: "application/x-www-form-urlencoded",
      };
    case "multipart": {
      const encoded = encodeMultipart(body.parts);
      return { payload: encoded.body, contentType: encoded.contentType };
    }
  }
}

/**
 * The headers of one attempt. Caller headers come first (lower-cased) and ours are written after,
 * so no caller header can replace Authorization or User-Agent.
 */
export function buildHeaders(
  fixed: { readonly authorization: string; readonly userAgent: string },
  contentType: string | undefined,
  extra: Readonly<Record<string, string>> | undefined,
): Record<string, string> {
  const headers: Record<string, string> = {};
  if (extra !== undefined) {
    for (const key in extra) {
      const lower = key.toLowerCase();
      if (!RESERVED.has(lower)) headers[lower] = extra[key]!;
    }
  }
  headers.authorization = fixed.authorization;
  headers["user-agent"] = fixed.userAgent;
  if (headers.accept === undefined) headers.accept = "application/json";
  if (contentType !== undefined) headers["content-type"] = contentType;
  return headers;
}

/** JSON when it looks like JSON (Graph sometimes says text/javascript), else the text itself. */
export function decodeBody(text: string, contentType: () => string | undefined): unknown {
  if (text === "") return text;
  const first = text.charCodeAt(0);
  const looksJson = first === 123 /* { */ || first === 91; /* [ */
  // The Content-Type is asked for only when the text does not say it is JSON.
  if (!looksJson && !(contentType()?.includes("json") ?? false)) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
