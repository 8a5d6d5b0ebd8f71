/**
 * A strict JSON parser that also records where every value sits in the text, so that findings can
 * carry Meta-style line/column ranges. JSON.parse gives neither positions nor a usable offset on
 * every engine, and one pass here replaces JSON.parse rather than adding to it.
 */
export interface PositionNode {
  /** Offset of the member's key when the value is an object member, else of the value. */
  readonly start: number;
  /** Offset just past the value's last character. */
  readonly end: number;
  readonly children?: Map<string | number, PositionNode>;
}

export interface ParsedJson {
  readonly value: unknown;
  readonly root: PositionNode;
}

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = "JsonSyntaxError";
  }
}

const WS = new Uint8Array(128);
for (const c of [0x20, 0x09, 0x0a, 0x0d]) WS[c] = 1;

const ESCAPES: Record<string, string> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  parseDocument(): ParsedJson {
    this.skipWs();
    const { value, node } = this.parseValue(this.i);
    this.skipWs();
    if (this.i < this.s.length) this.fail("Unexpected content after the JSON value");
    return { value, root: node };
  }

  private fail(message: string, at: number = this.i): never {
    const found = at < this.s.length ? `'${this.s[at]}'` : "end of input";
    throw new JsonSyntaxError(`${message} (found ${found})`, at);
  }

  private skipWs(): void {
    const s = this.s;
    let i = this.i;
    while (i < s.length) {
      const c = s.charCodeAt(i);
      if (c >= 128 || WS[c] !== 1) break;
      i++;
    }
    this.i = i;
  }

  private parseValue(start: number): { value: unknown; node: PositionNode } {
    const c = this.s[this.i];
    const valueStart = this.i;
    if (c === "{") return this.parseObject(start);
    if (c === "[") return this.parseArray(start);
    let value: unknown;
    if (c === '"') value = this.parseString();
    else if (c === "t") value = this.literal("true", true);
    else if (c === "f") value = this.literal("false", false);
    else if (c === "n") value = this.literal("null", null);
    else if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) value = this.parseNumber();
    else this.fail("Expected a JSON value", valueStart);
    return { value, node: { start, end: this.i } };
  }

  private literal(word: string, value: unknown): unknown {
    if (!this.s.startsWith(word, this.i)) this.fail(`Expected '${word}'`);
    this.i += word.length;
    return value;
  }

  private parseNumber(): number {
    NUMBER.lastIndex = this.i;
    const m = NUMBER.exec(this.s);
    if (m === null || m[0] === "-") this.fail("Invalid number");
    this.i += m[0].length;
    return Number(m[0]);
  }

  private parseString(): string {
    const s = this.s;
    let i = this.i + 1;
    let out = "";
    let chunk = i;
    for (;;) {
      if (i >= s.length) this.fail("Unterminated string", i);
      const c = s.charCodeAt(i);
      if (c === 0x22) break;
      if (c < 0x20) this.fail("Control character in string", i);
      if (c === 0x5c) {
        out += s.slice(chunk, i);
        const e = s[i + 1];
        if (e === "u") {
          const hex = s.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail("Invalid unicode escape", i);
          out += String.fromCharCode(Number.parseInt(hex, 16));
          i += 6;
        } else {
          const r = e === undefined ? undefined : ESCAPES[e];
          if (r === undefined) this.fail("Invalid escape in string", i);
          out += r;
          i += 2;
        }
        chunk = i;
        continue;
      }
      i++;
    }
    out += s.slice(chunk, i);
    this.i = i + 1;
    return out;
  }

  private parseObject(start: number): { value: unknown; node: PositionNode } {
    const obj: Record<string, unknown> = {};
    const children = new Map<string | number, PositionNode>();
    this.i++;
    this.skipWs();
    if (this.s[this.i] === "}") {
      this.i++;
      return { value: obj, node: { start, end: this.i, children } };
    }
    for (;;) {
      if (this.s[this.i] !== '"') this.fail("Expected a property name in double quotes");
      const keyStart = this.i;
      const key = this.parseString();
      this.skipWs();
      if (this.s[this.i] !== ":") this.fail("Expected ':' after property name");
      this.i++;
      this.skipWs();
      const { value, node } = this.parseValue(keyStart);
      // defineProperty keeps a "__proto__" key a plain member, as JSON.parse does.
      Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
      children.set(key, node);
      this.skipWs();
      const c = this.s[this.i];
      if (c === ",") {
        this.i++;
        this.skipWs();
        continue;
      }
      if (c === "}") {
        this.i++;
        return { value: obj, node: { start, end: this.i, children } };
      }
      this.fail("Expected ',' or '}' in object");
    }
  }

  private parseArray(start: number): { value: unknown; node: PositionNode } {
    const arr: unknown[] = [];
    const children = new Map<string | number, PositionNode>();
    this.i++;
    this.skipWs();
    if (this.s[this.i] === "]") {
      this.i++;
      return { value: arr, node: { start, end: this.i, children } };
    }
    for (;;) {
      const { value, node } = this.parseValue(this.i);
      children.set(arr.length, node);
      arr.push(value);
      this.skipWs();
      const c = this.s[this.i];
      if (c === ",") {
        this.i++;
        this.skipWs();
        continue;
      }
      if (c === "]") {
        this.i++;
        return { value: arr, node: { start, end: this.i, children } };
      }
      this.fail("Expected ',' or ']' in array");
    }
  }
}

/** Parses JSON text; throws JsonSyntaxError with the offset of the first problem. */
export function parseWithPositions(text: string): ParsedJson {
  // A leading byte-order mark is tolerated, as most JSON producers on Windows emit one.
  if (text.charCodeAt(0) === 0xfeff) return new Parser(` ${text.slice(1)}`).parseDocument();
  return new Parser(text).parseDocument();
}
