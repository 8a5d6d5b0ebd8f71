/**
 * Where a text stops being JSON, as line and column. Only run after JSON.parse has failed: V8's
 * own message quotes the text around the error, and a config file holds secrets (a file that
 * starts with its token would print the token), so the position is all a user is told.
 */
export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

export function jsonSyntaxErrorPosition(text: string): TextPosition | undefined {
  let offset: number | undefined;
  try {
    offset = new Recognizer(text).firstError();
  } catch {
    return undefined; // nested deeper than our stack: no position, still no content
  }
  if (offset === undefined) return undefined;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

class SyntaxAt {
  constructor(readonly offset: number) {}
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// A JSON string: no raw control characters, only JSON's escapes.
// biome-ignore lint/suspicious/noControlCharactersInRegex: JSON forbids exactly these in strings
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

/** Recognises JSON without building values: the offset of the first character that breaks it. */
class Recognizer {
  private i = 0;
  constructor(private readonly s: string) {}

  firstError(): number | undefined {
    try {
      this.value();
      this.ws();
      if (this.i < this.s.length) throw new SyntaxAt(this.i);
      return undefined;
    } catch (error) {
      if (error instanceof SyntaxAt) return error.offset;
      throw error;
    }
  }

  private ws(): void {
    while (this.i < this.s.length && " \t\n\r".includes(this.s[this.i]!)) this.i++;
  }

  private expect(char: string): void {
    this.ws();
    if (this.s[this.i] !== char) throw new SyntaxAt(this.i);
    this.i++;
  }

  private match(pattern: RegExp): void {
    pattern.lastIndex = this.i;
    if (!pattern.test(this.s)) throw new SyntaxAt(this.i);
    this.i = pattern.lastIndex;
  }

  private value(): void {
    this.ws();
    const c = this.s[this.i];
    if (c === "{") this.members("}", () => this.objectMember());
    else if (c === "[") this.members("]", () => this.value());
    else if (c === '"') this.match(STRING);
    else {
      const word = ["true", "false", "null"].find((w) => this.s.startsWith(w, this.i));
      if (word === undefined) this.match(NUMBER);
      else this.i += word.length;
    }
  }

  private objectMember(): void {
    this.ws();
    this.match(STRING);
    this.expect(":");
    this.value();
  }

  private members(close: string, member: () => void): void {
    this.i++;
    this.ws();
    if (this.s[this.i] === close) {
      this.i++;
      return;
    }
    for (;;) {
      member();
      this.ws();
      const c = this.s[this.i];
      this.i++;
      if (c === close) return;
      if (c !== ",") throw new SyntaxAt(this.i - 1);
    }
  }
}
