import { Chunks, type Slot } from "./chunks.js";
import { encodeJsonStringContent, encodeJsonValue } from "./encoders.js";
import { opensPlaceholder, readPlaceholder } from "./placeholder.js";
import { PlaceholderSyntaxError } from "./placeholder-syntax-error.js";

const JSON_HINT =
  'Write a placeholder that stands for a whole value without quotes ({"flow": {message.flow}}) and one inside text within quotes ({"text": "Hi {message.name}"}); use {message.json} for the whole record';

/**
 * Splits a JSON body template into literal JSON text and slots. A placeholder outside a string
 * stands for a whole JSON value (rendered as JSON); inside a string it renders escaped text.
 * The template must be valid JSON once placeholders are considered: that is checked by parsing a
 * copy where each placeholder is replaced, length for length, by `null` or by plain letters, so
 * that a JSON.parse error position points at the template's own text.
 */
export function scanBodyTemplate(source: string, field: string): Chunks {
  const literals: string[] = [];
  const slots: Slot[] = [];
  let check = "";
  let literal = "";
  let runStart = 0;
  let inString = false;
  let i = 0;
  while (i < source.length) {
    const code = source.charCodeAt(i);
    if (inString && code === 92) {
      i += 2;
    } else if (code === 34) {
      inString = !inString;
      i++;
    } else if (inString && code === 123 && source.charCodeAt(i + 1) === 123) {
      literal += `${source.slice(runStart, i)}{`;
      check += `${source.slice(runStart, i)}{{`;
      i += 2;
      runStart = i;
    } else if (opensPlaceholder(source, i)) {
      const placeholder = readPlaceholder(source, i, field);
      const before = source.slice(runStart, i);
      literals.push(literal + before);
      literal = "";
      const width = placeholder.end - placeholder.start;
      check += before + (inString ? "a".repeat(width) : `null${" ".repeat(width - 4)}`);
      slots.push({ placeholder, encode: inString ? encodeJsonStringContent : encodeJsonValue });
      i = placeholder.end;
      runStart = i;
    } else {
      i++;
    }
  }
  const tail = source.slice(runStart);
  literals.push(literal + tail);
  check += tail;
  assertJson(check, source, field);
  return new Chunks(field, literals, slots);
}

function assertJson(check: string, source: string, field: string): void {
  try {
    JSON.parse(check);
  } catch (error) {
    const message = error instanceof Error ? error.message : "";
    const at = /position (\d+)/.exec(message);
    const position = at ? Math.min(Number(at[1]), Math.max(source.length - 1, 0)) : 0;
    throw new PlaceholderSyntaxError(
      field,
      source,
      position,
      "the body template is not valid JSON",
      JSON_HINT,
    );
  }
}
