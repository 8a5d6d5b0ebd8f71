import type { RecordContext } from "../contract/operation.js";
import { fieldError, isAbsent } from "./record-fields.js";

/**
 * Who a send goes to: an international phone number, country code first, as 8 to 15 ASCII
 * digits (the first not 0) after one optional leading "+", with the spaces, hyphens and
 * parentheses of a written number between them (Meta accepts those in `to`). Everything else is
 * refused before any call: letters, other separators (dots, slashes), whitespace before or after,
 * a trailing line break, control and bidi characters, non-ASCII digits (fullwidth ０-９, Arabic-Indic).
 * The same pattern is the record schema's, so discover's JSON Schema states the rule too.
 */
export const RECIPIENT_PATTERN = /^\+?\(?[1-9](?:[ ()-]*[0-9]){7,14}$/;

const DIGITS = /^\+?[0-9]+$/;
const PLUS = 0x2b;

/** Room for 15 digits, a "+" and their separators; longer text is not a phone number. */
export const RECIPIENT_MAX_LENGTH = 32;

/** Sources may type the number as an integer: its digits, 8 to 15 of them. */
export const RECIPIENT_MIN_INTEGER = 10_000_000;
export const RECIPIENT_MAX_INTEGER = 999_999_999_999_999;

/** In a word, for schema messages and the docs' field tables. */
export const RECIPIENT_SHORT =
  'an international phone number ("+" and 8 to 15 digits) or its digits as an integer';

const RECIPIENT_RULE =
  'a phone number with its country code: "+" and 8 to 15 digits (spaces, hyphens and parentheses allowed between them), e.g. "+447700900123", or those digits as an integer';

/**
 * The recipient as the connector sends it: "+" and its digits, the form Meta recommends (a
 * number without its "+" may be read as national to the sender's country).
 */
export function readRecipient(value: unknown, field: string, context: RecordContext): string {
  if (typeof value === "string" && value.length <= RECIPIENT_MAX_LENGTH && RECIPIENT_PATTERN.test(value)) {
    // Most sources give bare digits or "+" and digits: no separators to take out.
    if (DIGITS.test(value)) return value.charCodeAt(0) === PLUS ? value : `+${value}`;
    return `+${value.replace(/[^0-9]/g, "")}`;
  }
  if (
    typeof value === "number" &&
    Number.isSafeInteger(value) &&
    value >= RECIPIENT_MIN_INTEGER &&
    value <= RECIPIENT_MAX_INTEGER
  ) {
    return `+${value}`;
  }
  if (isAbsent(value)) throw fieldError(context, field, "is required");
  throw fieldError(context, field, `must be ${RECIPIENT_RULE}`);
}
