import { Chunks, type PlaceholderUse, scanText, usesOf } from "./chunks.js";
import { encodeHeaderValue, headerTextProblem } from "./encoders.js";
import { invalidTokenIndex, reservedHeaderReason } from "./header-name.js";
import type { PlaceholderConfigKey, PlaceholderContext } from "./placeholder-context.js";
import { PlaceholderSyntaxError } from "./placeholder-syntax-error.js";

const FORMAT_HINT =
  'Write headers as comma-separated name:value pairs, e.g. "X-Trace:{message.id},X-Team:growth"';

/** One parsed `name:value` pair of `request_headers`, its value compiled. */
export interface HeaderTemplate {
  readonly name: string;
  readonly value: Chunks;
}

/**
 * Parses `request_headers` ("h1:v1,h2:v2"): names must be RFC 7230 tokens and not reserved
 * (Authorization, Host, framing and hop-by-hop headers), each name at most once; values may hold
 * placeholders. Empty pairs (e.g. a trailing comma) are ignored.
 */
function parseRequestHeaders(source: string, field = "request_headers"): HeaderTemplate[] {
  const headers: HeaderTemplate[] = [];
  const seen = new Set<string>();
  let start = 0;
  while (start <= source.length) {
    const comma = source.indexOf(",", start);
    const end = comma >= 0 ? comma : source.length;
    const pair = source.slice(start, end);
    if (pair.trim() !== "") headers.push(parsePair(source, start, end, field, seen));
    start = end + 1;
  }
  return headers;
}

function parsePair(
  source: string,
  start: number,
  end: number,
  field: string,
  seen: Set<string>,
): HeaderTemplate {
  const colon = source.indexOf(":", start);
  if (colon < 0 || colon >= end) {
    throw new PlaceholderSyntaxError(field, source, start, "a header without ':'", FORMAT_HINT);
  }
  const rawName = source.slice(start, colon);
  const name = rawName.trim();
  const nameAt = start + rawName.indexOf(name.charAt(0));
  const bad = invalidTokenIndex(name);
  if (bad >= 0) {
    const problem = name === "" ? "an empty header name" : "a header name that is not an HTTP token";
    throw new PlaceholderSyntaxError(
      field,
      source,
      name === "" ? start : nameAt + bad,
      problem,
      `${FORMAT_HINT}; names cannot hold placeholders, spaces or separators`,
    );
  }
  const reason = reservedHeaderReason(name);
  if (reason !== undefined) {
    throw new PlaceholderSyntaxError(
      field,
      source,
      nameAt,
      `header ${name} is not allowed`,
      `Remove it: ${reason}`,
    );
  }
  const key = name.toLowerCase();
  if (seen.has(key))
    throw new PlaceholderSyntaxError(field, source, nameAt, `header ${name} is set twice`, "Keep one");
  seen.add(key);
  let valueStart = colon + 1;
  let valueEnd = end;
  while (valueStart < valueEnd && (source[valueStart] === " " || source[valueStart] === "\t")) valueStart++;
  while (valueEnd > valueStart && (source[valueEnd - 1] === " " || source[valueEnd - 1] === "\t")) valueEnd--;
  const scanned = scanText(source, field, valueStart, valueEnd);
  for (const literal of scanned.literals) {
    const problem = headerTextProblem(literal);
    if (problem !== undefined)
      throw new PlaceholderSyntaxError(field, source, valueStart, problem, FORMAT_HINT);
  }
  const slots = scanned.placeholders.map((placeholder) => ({ placeholder, encode: encodeHeaderValue }));
  return { name, value: new Chunks(field, scanned.literals, slots) };
}

export class CompiledHeaderTemplates {
  readonly field: string;
  readonly headers: readonly HeaderTemplate[];
  readonly configKeys: ReadonlySet<PlaceholderConfigKey>;
  /** Every placeholder of every header value, in order. */
  readonly uses: readonly PlaceholderUse[];

  constructor(field: string, headers: readonly HeaderTemplate[]) {
    this.field = field;
    this.headers = headers;
    this.configKeys = new Set(
      headers.flatMap((header) => header.value.slots.flatMap((slot) => slot.placeholder.configKey ?? [])),
    );
    this.uses = usesOf(headers.flatMap((header) => header.value.slots));
  }

  /** The user headers for one record (names as configured); a value never spans two lines. */
  render(context: PlaceholderContext): Record<string, string> {
    const out: Record<string, string> = {};
    for (const header of this.headers) out[header.name] = header.value.render(context);
    return out;
  }
}

export function compileHeaderTemplates(requestHeaders: string, field: string): CompiledHeaderTemplates {
  return new CompiledHeaderTemplates(field, parseRequestHeaders(requestHeaders, field));
}
