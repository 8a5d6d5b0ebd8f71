import { OVERSIZED_PREFIX_BYTES } from "./limits.js";

/** One input line as bytes (without its line break), or only its head when it was over the cap. */
export interface RawLine {
  readonly bytes: Buffer;
  /** The line had more than `maxBytes` bytes: `bytes` holds its first OVERSIZED_PREFIX_BYTES. */
  readonly oversized: boolean;
  /** The line's full length in bytes. */
  readonly byteLength: number;
}

const LF = 0x0a;
const CR = 0x0d;

/**
 * Splits a byte stream into lines without ever holding more than `maxBytes` of one line: the rest
 * of an oversized line is counted and dropped. Bytes, not strings, so the caller can tell invalid
 * UTF-8 from text (a string decoder would silently put U+FFFD in its place). The lines each chunk
 * of the source completes come in one array (the last line of the source with the last array):
 * a line costs no promise of its own, which a sync reading millions of records would pay once per
 * line. Pull-based: the source is read only as fast as the consumer takes lines.
 */
export async function* readLineBatches(
  input: AsyncIterable<Buffer | string>,
  maxBytes: number,
): AsyncGenerator<RawLine[]> {
  let parts: Buffer[] = [];
  let held = 0;
  let length = 0;
  let oversized = false;
  const take = (piece: Buffer): void => {
    length += piece.length;
    if (oversized) return;
    if (held + piece.length > maxBytes) {
      oversized = true;
      parts = [Buffer.concat([...parts, piece]).subarray(0, OVERSIZED_PREFIX_BYTES)];
      held = parts[0]!.length;
      return;
    }
    parts.push(piece);
    held += piece.length;
  };
  const end = (): RawLine => {
    let bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
    let byteLength = length;
    if (!oversized && bytes.length > 0 && bytes[bytes.length - 1] === CR) {
      bytes = bytes.subarray(0, bytes.length - 1);
      byteLength--;
    }
    const line = { bytes, oversized, byteLength };
    parts = [];
    held = 0;
    length = 0;
    oversized = false;
    return line;
  };
  for await (const chunk of input) {
    const buffer = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
    const lines: RawLine[] = [];
    let start = 0;
    for (let newline = buffer.indexOf(LF); newline !== -1; newline = buffer.indexOf(LF, start)) {
      take(buffer.subarray(start, newline));
      lines.push(end());
      start = newline + 1;
    }
    // Copied: the stream may reuse its chunk's memory once we return to it.
    if (start < buffer.length) take(Buffer.from(buffer.subarray(start)));
    if (lines.length > 0) yield lines;
  }
  if (length > 0 || parts.length > 0) yield [end()];
}
