import { GraphErrorReply } from "../graph-error-reply.js";
import { malformedBody } from "../graph-errors.js";
import type { FilePart, ParsedBody } from "./parsed-body.js";

const MAX_PARTS = 64;
const MAX_HEADER_BYTES = 8 * 1024;
const CRLF = Buffer.from("\r\n");
const HEADER_END = Buffer.from("\r\n\r\n");
// RFC 2046 bchars; a boundary outside them is refused rather than guessed at.
const BOUNDARY_RE = /^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/;

function fail(what: string): never {
  throw new GraphErrorReply(malformedBody(`malformed multipart body: ${what}`));
}

/** The boundary parameter of a multipart/form-data content type. */
export function multipartBoundary(contentType: string): string {
  const match = /;\s*boundary=(?:"([^"]*)"|([^;\s]*))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  if (boundary === undefined || boundary === "") fail("the content type has no boundary");
  if (!BOUNDARY_RE.test(boundary)) fail("the boundary is not a valid RFC 2046 boundary");
  return boundary;
}

interface Disposition {
  name: string;
  filename: string | undefined;
}

function parseDisposition(value: string): Disposition {
  const [kind, ...rest] = value.split(";");
  if (kind?.trim().toLowerCase() !== "form-data") fail("a part's Content-Disposition is not form-data");
  const params = new Map<string, string>();
  for (const raw of rest) {
    const eq = raw.indexOf("=");
    if (eq < 0) continue;
    const key = raw.slice(0, eq).trim().toLowerCase();
    let val = raw.slice(eq + 1).trim();
    if (val.startsWith('"')) {
      if (!val.endsWith('"') || val.length < 2)
        fail("a part's Content-Disposition has an unterminated quote");
      val = val.slice(1, -1).replace(/\\(.)/g, "$1");
    }
    params.set(key, val);
  }
  const name = params.get("name");
  if (name === undefined || name === "") fail("a part has no name");
  return { name, filename: params.get("filename") };
}

function parseHeaders(block: string): { disposition: Disposition; contentType: string | undefined } {
  let disposition: Disposition | undefined;
  let contentType: string | undefined;
  for (const line of block.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon <= 0) fail("a part header line has no name");
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === "content-disposition") disposition = parseDisposition(value);
    else if (key === "content-type") contentType = value;
  }
  if (disposition === undefined) fail("a part has no Content-Disposition header");
  return { disposition, contentType };
}

/**
 * A small strict multipart/form-data parser (RFC 7578): the body must start with the first
 * delimiter, every part needs a form-data Content-Disposition with a name, and the closing
 * delimiter must be there. Anything else is a Graph error, never a guess.
 */
export function parseMultipartBody(raw: Buffer, contentType: string): ParsedBody {
  const boundary = multipartBoundary(contentType);
  const delimiter = Buffer.from(`--${boundary}`);
  const nextDelimiter = Buffer.from(`\r\n--${boundary}`);
  const fields: Record<string, unknown> = {};
  const files = new Map<string, FilePart>();
  // A leading CRLF before the first delimiter is tolerated: some clients emit one.
  let pos = raw.subarray(0, 2).equals(CRLF) ? 2 : 0;
  if (!raw.subarray(pos, pos + delimiter.length).equals(delimiter))
    fail("the body does not start with the boundary");
  pos += delimiter.length;
  for (let parts = 0; ; parts++) {
    const after = raw.subarray(pos, pos + 2).toString("latin1");
    if (after === "--") break;
    if (after !== "\r\n") fail("the boundary is not followed by CRLF");
    if (parts >= MAX_PARTS) fail(`more than ${MAX_PARTS} parts`);
    pos += 2;
    const headerEnd = raw.indexOf(HEADER_END, pos);
    if (headerEnd < 0 || headerEnd - pos > MAX_HEADER_BYTES) fail("a part's headers are not terminated");
    const { disposition, contentType: partType } = parseHeaders(raw.toString("utf8", pos, headerEnd));
    const bodyStart = headerEnd + 4;
    const bodyEnd = raw.indexOf(nextDelimiter, bodyStart);
    if (bodyEnd < 0) fail("the closing boundary is missing");
    const data = raw.subarray(bodyStart, bodyEnd);
    if (disposition.filename !== undefined) {
      files.set(disposition.name, { filename: disposition.filename, contentType: partType, data });
    } else {
      fields[disposition.name] = data.toString("utf8");
    }
    pos = bodyEnd + nextDelimiter.length;
  }
  return { kind: "multipart", fields, files };
}
