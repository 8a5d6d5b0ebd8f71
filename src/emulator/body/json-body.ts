import { GraphErrorReply } from "../graph-error-reply.js";
import { malformedBody } from "../graph-errors.js";
import type { ParsedBody } from "./parsed-body.js";

/** A JSON body must be an object; its top-level keys become the request's parameters. */
export function parseJsonBody(raw: Buffer): ParsedBody {
  let value: unknown;
  try {
    value = JSON.parse(raw.toString("utf8"));
  } catch {
    throw new GraphErrorReply(malformedBody("the request body is not valid JSON"));
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new GraphErrorReply(malformedBody("the JSON request body must be an object"));
  }
  return { kind: "json", fields: value as Record<string, unknown>, files: new Map() };
}
