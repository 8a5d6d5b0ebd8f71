import { UnsafePlaceholderValueError } from "./unsafe-placeholder-value-error.js";

/** A value as JSON text; the value must be JSON-representable (records parsed from JSON always are). */
export function encodeJsonValue(value: unknown, path: string, field: string): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    text = undefined;
  }
  if (text === undefined)
    throw new UnsafePlaceholderValueError(field, path, "it is not representable as JSON");
  return text;
}

/** Strings stay as they are; any other value becomes its JSON text. */
function valueText(value: unknown, path: string, field: string): string {
  return typeof value === "string" ? value : encodeJsonValue(value, path, field);
}

/** Text between the quotes of a JSON string: escaped so it cannot end the string. */
export function encodeJsonStringContent(value: unknown, path: string, field: string): string {
  const json = JSON.stringify(valueText(value, path, field));
  return json.slice(1, -1);
}

/** Percent-encodes every character that has a meaning in a URL (`/ ? # & = + %` …). */
export function encodeUriComponentText(value: unknown, path: string, field: string): string {
  try {
    return encodeURIComponent(valueText(value, path, field));
  } catch {
    // encodeURIComponent throws URIError on a lone surrogate.
    throw new UnsafePlaceholderValueError(field, path, "it is not valid Unicode text");
  }
}

/**
 * A header value must be a single line of Latin-1 text: CR, LF and NUL would let a value start a
 * new header or end the header block, and other control characters are not field content either.
 */
export function encodeHeaderValue(value: unknown, path: string, field: string): string {
  const text = valueText(value, path, field);
  const problem = headerTextProblem(text);
  if (problem !== undefined) throw new UnsafePlaceholderValueError(field, path, problem);
  return text;
}

/** Why `text` cannot be (part of) an HTTP header value, or undefined when it can. */
export function headerTextProblem(text: string): string | undefined {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 13 || code === 10 || code === 0) return "a header value cannot contain CR, LF or NUL";
    if ((code < 32 && code !== 9) || code === 127) return "a header value cannot contain control characters";
    if (code > 255) return "a header value can only hold Latin-1 characters";
  }
  return undefined;
}
