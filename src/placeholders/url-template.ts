import { Chunks, type PlaceholderUse, type ScannedText, scanText, usesOf } from "./chunks.js";
import { encodeUriComponentText } from "./encoders.js";
import type { PlaceholderConfigKey, PlaceholderContext } from "./placeholder-context.js";
import { PlaceholderSyntaxError } from "./placeholder-syntax-error.js";
import { UnsafePlaceholderValueError } from "./unsafe-placeholder-value-error.js";

const SCHEME = /^https?:\/\//i;
const URL_HINT =
  "Placeholders may stand in the path (https://graph.facebook.com/{config.api_version}/{message.flow_id}/publish) or the query, never in the scheme, host or fragment";

/** `.` and `..` segments, also spelled with `%2e`, which WHATWG URL parsing resolves too. */
function isDotSegment(segment: string): boolean {
  if (segment.length > 6) return false;
  const dots = segment.toLowerCase().replaceAll("%2e", ".");
  return dots === "." || dots === "..";
}

function checkNoPercentBefore(scanned: ScannedText, source: string, field: string): void {
  scanned.placeholders.forEach((placeholder, index) => {
    if (scanned.literals[index]!.endsWith("%")) {
      throw new PlaceholderSyntaxError(
        field,
        source,
        placeholder.start,
        "a placeholder cannot follow a %",
        "A value would complete the percent escape; remove the % or put a literal character between",
      );
    }
  });
}

type PathPiece = string | Chunks;

export class CompiledUrlTemplate {
  readonly field: string;
  /** The scheme and host, which no record can change: check it once with the host guard. */
  readonly origin: URL;
  readonly configKeys: ReadonlySet<PlaceholderConfigKey>;
  /** Every placeholder of the path and the query, in order. */
  readonly uses: readonly PlaceholderUse[];
  readonly #prefix: string;
  readonly #path: readonly PathPiece[];
  readonly #query: Chunks | undefined;
  readonly #fragment: string;

  constructor(
    field: string,
    origin: URL,
    prefix: string,
    path: PathPiece[],
    query: Chunks | undefined,
    fragment: string,
  ) {
    this.field = field;
    this.origin = origin;
    this.#prefix = prefix;
    this.#path = path;
    this.#query = query;
    this.#fragment = fragment;
    const slots = [
      ...path.flatMap((piece) => (typeof piece === "string" ? [] : piece.slots)),
      ...(query?.slots ?? []),
    ];
    this.configKeys = new Set(slots.flatMap((slot) => slot.placeholder.configKey ?? []));
    this.uses = usesOf(slots);
  }

  /** The absolute URL for one record; each path placeholder stays inside its own segment. */
  render(context: PlaceholderContext): string {
    let out = this.#prefix;
    for (let i = 0; i < this.#path.length; i++) {
      const piece = this.#path[i]!;
      if (i > 0) out += "/";
      out += typeof piece === "string" ? piece : this.#segment(piece, context);
    }
    if (this.#query !== undefined) out += `?${this.#query.render(context)}`;
    return out + this.#fragment;
  }

  #segment(chunks: Chunks, context: PlaceholderContext): string {
    const segment = chunks.render(context);
    if (segment === "" || isDotSegment(segment)) {
      const path = chunks.slots.map((slot) => slot.placeholder.path).join(", ");
      throw new UnsafePlaceholderValueError(
        this.field,
        path,
        "a URL path segment cannot be empty, '.' or '..'",
      );
    }
    return segment;
  }
}

/**
 * Compiles the advanced endpoint's `url`: absolute http(s), placeholders only in the path (each
 * renders into one percent-encoded segment) and the query (a percent-encoded component).
 */
export function compileUrlTemplate(source: string, field: string): CompiledUrlTemplate {
  const scheme = SCHEME.exec(source);
  if (scheme === null) {
    throw new PlaceholderSyntaxError(
      field,
      source,
      0,
      "the URL must be absolute and start with https:// or http://",
      URL_HINT,
    );
  }
  const fragmentAt = source.includes("#") ? source.indexOf("#") : source.length;
  const queryMark = source.indexOf("?");
  const queryAt = queryMark >= 0 && queryMark < fragmentAt ? queryMark : fragmentAt;
  const slash = source.indexOf("/", scheme[0].length);
  const pathAt = slash >= 0 && slash < queryAt ? slash : queryAt;
  const brace = source.indexOf("{");
  if (brace >= 0 && (brace < pathAt || brace >= fragmentAt)) {
    throw new PlaceholderSyntaxError(
      field,
      source,
      brace,
      "placeholder or brace outside the path and query",
      URL_HINT,
    );
  }
  const prefix = source.slice(0, pathAt);
  const path: PathPiece[] = [];
  if (pathAt < queryAt) {
    let start = pathAt + 1;
    path.push("");
    while (start <= queryAt) {
      const slashAt = source.indexOf("/", start);
      const end = slashAt >= 0 && slashAt < queryAt ? slashAt : queryAt;
      const scanned = scanText(source, field, start, end);
      checkNoPercentBefore(scanned, source, field);
      path.push(scanned.placeholders.length === 0 ? scanned.literals[0]! : toChunks(scanned, field));
      start = end + 1;
    }
  }
  let query: Chunks | undefined;
  if (queryAt < fragmentAt) {
    const scanned = scanText(source, field, queryAt + 1, fragmentAt);
    checkNoPercentBefore(scanned, source, field);
    query = toChunks(scanned, field);
  }
  const origin = parseOrigin(prefix, source, field);
  return new CompiledUrlTemplate(field, origin, prefix, path, query, source.slice(fragmentAt));
}

function toChunks(scanned: ScannedText, field: string): Chunks {
  return new Chunks(
    field,
    scanned.literals,
    scanned.placeholders.map((placeholder) => ({ placeholder, encode: encodeUriComponentText })),
  );
}

function parseOrigin(prefix: string, source: string, field: string): URL {
  let url: URL;
  try {
    url = new URL(`${prefix}/`);
  } catch {
    throw new PlaceholderSyntaxError(field, source, 0, "the URL's scheme and host do not parse", URL_HINT);
  }
  if (url.hostname === "") {
    throw new PlaceholderSyntaxError(field, source, 0, "the URL has no host", URL_HINT);
  }
  return url;
}
