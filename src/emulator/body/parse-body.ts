import { GraphErrorReply } from "../graph-error-reply.js";
import { malformedBody } from "../graph-errors.js";
import { parseJsonBody } from "./json-body.js";
import { parseMultipartBody } from "./multipart-body.js";
import type { ParsedBody } from "./parsed-body.js";
import { parseUrlencodedBody } from "./urlencoded-body.js";

const NONE: ParsedBody = { kind: "none", fields: {}, files: new Map() };

/** Dispatch on the content type; an empty body is no parameters whatever the type says. */
export function parseBody(raw: Buffer, contentType: string | undefined): ParsedBody {
  if (raw.length === 0) return NONE;
  const type = (contentType ?? "").toLowerCase();
  if (type.startsWith("application/json")) return parseJsonBody(raw);
  if (type.startsWith("multipart/form-data")) return parseMultipartBody(raw, contentType ?? "");
  if (type.startsWith("application/x-www-form-urlencoded")) return parseUrlencodedBody(raw);
  if (type === "") {
    // Graph sniffs untyped bodies; a JSON object is the common case from curl users.
    if (raw[0] === 0x7b) return parseJsonBody(raw);
    return parseUrlencodedBody(raw);
  }
  throw new GraphErrorReply(malformedBody(`unsupported content type ${type.split(";")[0]}`));
}
