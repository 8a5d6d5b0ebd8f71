import type { ParsedBody } from "./parsed-body.js";

export function parseUrlencodedBody(raw: Buffer): ParsedBody {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw.toString("utf8"))) fields[key] = value;
  return { kind: "urlencoded", fields, files: new Map() };
}
