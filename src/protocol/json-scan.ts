/**
 * A JSON scanner that reports where things are instead of building values: the span of a value in
 * its text, and the members of the outermost object with the span of each value. The STATE echo
 * splices into the source's own text with it, so number tokens, escapes, key order and whitespace
 * come back exactly as they were sent. Iterative, with its own bounded stack: a line nested
 * 100,000 deep is refused with its depth, never a stack overflow. Strict RFC 8259 grammar.
 */

/** One member of the outermost object: its key (decoded) and where its value's text sits. */
export interface JsonMember {
  readonly key: string;
  readonly valueStart: number;
  /** Exclusive. */
  readonly valueEnd: number;
}

export interface ScannedJson {
  /** Where the value starts (after leading whitespace) and ends (exclusive, before trailing). */
  readonly start: number;
  readonly end: number;
  /** The members of the value when it is an object, in order, duplicates included. */
  readonly members: readonly JsonMember[] | undefined;
}

/** Text that is not one JSON value, or one nested deeper than allowed; `offset` is where. */
export class JsonScanError extends Error {
  constructor(
    readonly offset: number,
    readonly problem: string,
  ) {
    super(`${problem} (at character ${offset + 1})`);
    this.name = "JsonScanError";
  }
}

const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const QUOTE = 0x22;
const PLUS = 0x2b;
const COMMA = 0x2c;
const MINUS = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;
const COLON = 0x3a;
const OPEN_BRACKET = 0x5b;
const BACKSLASH = 0x5c;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

const OBJECT = 1;
const ARRAY = 2;

/**
 * Scans `text[from, to)`: exactly one JSON value with optional whitespace around it. Containers
 * (objects and arrays) may nest `maxDepth` levels, the outermost counting as 1.
 */
export function scanJson(text: string, maxDepth: number, from = 0, to = text.length): ScannedJson {
  const kinds = new Uint8Array(Math.min(maxDepth, to - from) + 1);
  let depth = 0;
  let members: JsonMember[] | undefined;
  let memberKey = "";
  let memberStart = -1;
  let i = skipWhitespace(text, from, to);
  const start = i;
  for (;;) {
    // A value starts at i (whitespace already skipped).
    if (i >= to) throw new JsonScanError(i, "the text ends where a value was expected");
    const c = text.charCodeAt(i);
    let closed = true;
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (depth >= maxDepth) throw new JsonScanError(i, `nests deeper than ${maxDepth} levels`);
      depth++;
      kinds[depth] = c === OPEN_BRACE ? OBJECT : ARRAY;
      if (depth === 1 && c === OPEN_BRACE) members = [];
      i = skipWhitespace(text, i + 1, to);
      if (text.charCodeAt(i) === (c === OPEN_BRACE ? CLOSE_BRACE : CLOSE_BRACKET)) {
        i++;
        depth--;
      } else if (c === OPEN_BRACE) {
        closed = false;
        i = readMemberKey(text, i, to, depth === 1 ? (key) => (memberKey = key) : undefined);
        if (depth === 1) memberStart = i;
      } else {
        closed = false;
      }
    } else if (c === QUOTE) {
      i = skipString(text, i, to);
    } else if (c === MINUS || (c >= ZERO && c <= NINE)) {
      i = skipNumber(text, i, to);
    } else {
      i = skipLiteral(text, i, to);
    }
    if (!closed) continue;
    // A value ended at i: record a member of the outermost object, then commas and closings.
    for (;;) {
      if (depth === 1 && memberStart >= 0) {
        members!.push({ key: memberKey, valueStart: memberStart, valueEnd: i });
        memberStart = -1;
      }
      i = skipWhitespace(text, i, to);
      if (depth === 0) {
        if (i !== to) throw new JsonScanError(i, "there is text after the JSON value");
        return { start, end: trimmedEnd(text, start, to), members };
      }
      const d = text.charCodeAt(i);
      const kind = kinds[depth];
      if (d === COMMA) {
        i = skipWhitespace(text, i + 1, to);
        if (kind === OBJECT) {
          i = readMemberKey(text, i, to, depth === 1 ? (key) => (memberKey = key) : undefined);
          if (depth === 1) memberStart = i;
        }
        break;
      }
      if ((d === CLOSE_BRACE && kind === OBJECT) || (d === CLOSE_BRACKET && kind === ARRAY)) {
        i++;
        depth--;
        continue;
      }
      throw new JsonScanError(
        i,
        i >= to ? "the text ends inside an object or array" : "a comma or closing bracket was expected",
      );
    }
  }
}

/** `"key"` `:` and the whitespace after it; returns where the member's value starts. */
function readMemberKey(
  text: string,
  i: number,
  to: number,
  onKey: ((key: string) => void) | undefined,
): number {
  if (text.charCodeAt(i) !== QUOTE) throw new JsonScanError(i, "a member name (a string) was expected");
  const end = skipString(text, i, to);
  // Decoded only for the outermost object's members, the ones a caller looks up.
  if (onKey !== undefined) onKey(JSON.parse(text.slice(i, end)) as string);
  const colon = skipWhitespace(text, end, to);
  if (text.charCodeAt(colon) !== COLON) throw new JsonScanError(colon, "a colon was expected");
  return skipWhitespace(text, colon + 1, to);
}

function skipWhitespace(text: string, i: number, to: number): number {
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c !== SPACE && c !== LF && c !== CR && c !== TAB) break;
    i++;
  }
  return i;
}

function trimmedEnd(text: string, start: number, to: number): number {
  let end = to;
  while (end > start) {
    const c = text.charCodeAt(end - 1);
    if (c !== SPACE && c !== LF && c !== CR && c !== TAB) break;
    end--;
  }
  return end;
}

const ESCAPABLE = new Set([QUOTE, BACKSLASH, 0x2f, 0x62, 0x66, 0x6e, 0x72, 0x74]); // " \ / b f n r t

/** From the opening quote to just after the closing one. */
function skipString(text: string, i: number, to: number): number {
  for (let j = i + 1; j < to; j++) {
    const c = text.charCodeAt(j);
    if (c === QUOTE) return j + 1;
    if (c < SPACE) throw new JsonScanError(j, "a control character must be escaped inside a string");
    if (c !== BACKSLASH) continue;
    const escaped = text.charCodeAt(++j);
    if (escaped === 0x75 /* u */) {
      if (j + 5 > to || !/^[0-9a-fA-F]{4}$/.test(text.slice(j + 1, j + 5))) {
        throw new JsonScanError(j, "\\u must be followed by four hexadecimal digits");
      }
      j += 4;
    } else if (j >= to || !ESCAPABLE.has(escaped)) {
      throw new JsonScanError(j, "an invalid escape in a string");
    }
  }
  throw new JsonScanError(i, "a string is not closed");
}

/** -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)? */
function skipNumber(text: string, i: number, to: number): number {
  const start = i;
  if (text.charCodeAt(i) === MINUS) i++;
  const first = text.charCodeAt(i);
  if (i >= to || first < ZERO || first > NINE) throw new JsonScanError(start, "an invalid number");
  i = first === ZERO ? i + 1 : digits(text, i, to);
  if (i < to && text.charCodeAt(i) === DOT) {
    const after = digits(text, i + 1, to);
    if (after === i + 1) throw new JsonScanError(start, "an invalid number");
    i = after;
  }
  const e = text.charCodeAt(i);
  if (i < to && (e === 0x65 || e === 0x45)) {
    i++;
    const sign = text.charCodeAt(i);
    if (i < to && (sign === PLUS || sign === MINUS)) i++;
    const after = digits(text, i, to);
    if (after === i) throw new JsonScanError(start, "an invalid number");
    i = after;
  }
  return i;
}

function digits(text: string, i: number, to: number): number {
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c < ZERO || c > NINE) break;
    i++;
  }
  return i;
}

function skipLiteral(text: string, i: number, to: number): number {
  for (const literal of ["true", "false", "null"]) {
    if (i + literal.length <= to && text.startsWith(literal, i)) return i + literal.length;
  }
  throw new JsonScanError(i, "a value was expected");
}
