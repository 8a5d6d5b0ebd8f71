import type { RecordContext } from "../contract/operation.js";
import { fieldError, fromJsonText, isAbsent, NOT_JSON } from "./record-fields.js";

/** Meta's Flow categories (Flows API reference: Create Flow / Update Flow Metadata). */
export const FLOW_CATEGORIES = [
  "SIGN_UP",
  "SIGN_IN",
  "APPOINTMENT_BOOKING",
  "LEAD_GENERATION",
  "CONTACT_US",
  "CUSTOMER_SUPPORT",
  "SURVEY",
  "OTHER",
] as const;

const KNOWN: ReadonlySet<string> = new Set(FLOW_CATEGORIES);

/**
 * The `categories` form field: Meta wants a JSON-encoded array of strings. Records give an array
 * or that JSON text (a warehouse column); either way the result is validated and re-encoded.
 */
export function readCategories(value: unknown, field: string, context: RecordContext): string {
  if (isAbsent(value)) throw fieldError(context, field, "is required");
  const list = fromJsonText(value);
  if (list === NOT_JSON) {
    throw fieldError(context, field, 'must be an array of categories or its JSON text, e.g. ["OTHER"]');
  }
  if (!Array.isArray(list) || list.length === 0) {
    throw fieldError(context, field, 'must be a non-empty array of categories, e.g. ["OTHER"]');
  }
  for (let i = 0; i < list.length; i++) {
    const item: unknown = list[i];
    if (typeof item !== "string" || !KNOWN.has(item)) {
      throw fieldError(context, `${field}[${i}]`, `must be one of ${FLOW_CATEGORIES.join(", ")}`);
    }
  }
  return JSON.stringify(list);
}

export function optionalCategories(
  value: unknown,
  field: string,
  context: RecordContext,
): string | undefined {
  return isAbsent(value) ? undefined : readCategories(value, field, context);
}
