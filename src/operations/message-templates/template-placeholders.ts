import type { RecordContext } from "../contract/operation.js";
import { readJsonList } from "../messages/template-parameters.js";
import { fieldError, fromJsonText, isAbsent, isPlainObject } from "../records/record-fields.js";

/**
 * Meta's two kinds of template placeholders: numbered (`{{1}}` … `{{n}}`, POSITIONAL, the
 * default) and named (`{{first_name}}`, NAMED, which the create body must declare with
 * `parameter_format`). One template takes one kind, in its header and its body alike.
 */
export type ParameterFormat = "POSITIONAL" | "NAMED";

export const PARAMETER_FORMATS = ["POSITIONAL", "NAMED"] as const;

const NUMBERED = /^\d+$/;
/** A named placeholder: lowercase letters, digits and underscores, not led by a digit. */
const NAMED = /^[a-z_][a-z0-9_]*$/;
const PLACEHOLDER_RULE =
  "a placeholder is a number ({{1}}) or a name of lowercase letters, digits and underscores ({{first_name}})";

/** A text of the template (its HEADER or BODY) and the record field that holds it. */
export interface TemplateText {
  readonly field: string;
  readonly text: string;
}

/** A text's distinct placeholders, in the order they first appear, checked against Meta's rule. */
export function placeholdersOf(text: TemplateText, context: RecordContext): string[] {
  const found = [...new Set([...text.text.matchAll(/\{\{([^{}]*)\}\}/g)].map((m) => m[1]!.trim()))];
  for (const token of found) {
    if (!NUMBERED.test(token) && !NAMED.test(token)) {
      throw fieldError(context, text.field, `holds the placeholder {{${token}}}: ${PLACEHOLDER_RULE}`);
    }
  }
  return found;
}

/**
 * The template's parameter format: the record's `parameter_format`, or the kind its placeholders
 * are when it gives none. A text whose placeholders are not of that kind is refused (Meta refuses
 * the template), and numbered ones must run from 1 without gaps.
 */
export function parameterFormatOf(
  given: ParameterFormat | undefined,
  texts: ReadonlyArray<{ readonly text: TemplateText; readonly placeholders: readonly string[] }>,
  context: RecordContext,
): ParameterFormat {
  const named = texts.find((t) => t.placeholders.some((p) => !NUMBERED.test(p)));
  const numbered = texts.find((t) => t.placeholders.some((p) => NUMBERED.test(p)));
  if (given === undefined && named !== undefined && numbered !== undefined) {
    throw fieldError(
      context,
      named.text.field,
      `holds named placeholders while "${numbered.text.field}" holds numbered ones: Meta takes one kind per template (rename them all {{first_name}}-style, or number them all {{1}}-style)`,
    );
  }
  const format = given ?? (named === undefined ? "POSITIONAL" : "NAMED");
  for (const { text, placeholders } of texts) {
    const wrong = placeholders.find((p) => NUMBERED.test(p) === (format === "NAMED"));
    if (wrong !== undefined) {
      const fix =
        format === "NAMED"
          ? "name every placeholder ({{first_name}}) or set parameter_format to POSITIONAL"
          : "number every placeholder {{1}}…{{n}} or set parameter_format to NAMED";
      throw fieldError(
        context,
        text.field,
        `holds the placeholder {{${wrong}}}, but the template's parameter_format is ${format}: ${fix}`,
      );
    }
    if (format === "POSITIONAL") checkNumbering(text, placeholders.length, context);
  }
  return format;
}

function checkNumbering(text: TemplateText, count: number, context: RecordContext): void {
  for (let n = 1; n <= count; n++) {
    if (!new RegExp(`\\{\\{\\s*${n}\\s*\\}\\}`).test(text.text)) {
      throw fieldError(
        context,
        text.field,
        `must number its placeholders {{1}} to {{${count}}} without gaps`,
      );
    }
  }
}

/** One sample value: a non-empty string, or a number as its digits. */
function sampleValue(value: unknown): string | undefined {
  if (typeof value === "string" && value.trim() !== "") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}

const POSITIONAL_PROBLEM = "must be an array of sample values (or its JSON text)";
const NAMED_PROBLEM =
  'must be an object of sample values by placeholder name ({"first_name": "Ana"}), an array of them in the order the placeholders first appear, or its JSON text';

/**
 * The BODY's `example` (Meta's review needs one sample per placeholder): `body_text` for numbered
 * placeholders, `body_text_named_params` ({param_name, example}, in the order the names first
 * appear) for named ones, from an object keyed by name or a list in that order.
 */
export function bodyExample(
  value: unknown,
  format: ParameterFormat,
  placeholders: readonly string[],
  template: string,
  context: RecordContext,
): Record<string, unknown> {
  const field = "body_examples";
  if (isAbsent(value)) throw fieldError(context, field, "is required when the body has placeholders");
  const parsed = fromJsonText(value);
  if (format === "NAMED" && isPlainObject(parsed)) {
    const unknown = Object.keys(parsed).filter((key) => !placeholders.includes(key));
    if (unknown.length > 0) {
      throw fieldError(
        context,
        field,
        `names ${unknown.map((k) => `{{${k}}}`).join(", ")}, which the body of template "${template}" does not hold (it holds ${list(placeholders)})`,
      );
    }
    return {
      body_text_named_params: placeholders.map((name) => {
        if (isAbsent(parsed[name])) {
          throw fieldError(
            context,
            field,
            `gives no sample value for {{${name}}} (the body of template "${template}" holds ${list(placeholders)})`,
          );
        }
        const example = sampleValue(parsed[name]);
        if (example === undefined) {
          throw fieldError(
            context,
            field,
            `gives {{${name}}} a value that is not a non-empty string or a number`,
          );
        }
        return { param_name: name, example };
      }),
    };
  }
  const problem = format === "NAMED" ? NAMED_PROBLEM : POSITIONAL_PROBLEM;
  const values = readJsonList(value, field, context, problem).map(sampleValue);
  if (values.some((v) => v === undefined)) throw fieldError(context, field, problem);
  if (values.length !== placeholders.length) {
    throw fieldError(
      context,
      field,
      `gives ${values.length} sample value(s), but the body of template "${template}" has ${placeholders.length} placeholder(s)`,
    );
  }
  const samples = values as string[];
  return format === "NAMED"
    ? { body_text_named_params: placeholders.map((name, i) => ({ param_name: name, example: samples[i] })) }
    : { body_text: [samples] };
}

/** A text HEADER's `example` for its one placeholder. */
export function headerTextExample(
  format: ParameterFormat,
  placeholder: string,
  example: string,
): Record<string, unknown> {
  return format === "NAMED"
    ? { header_text_named_params: [{ param_name: placeholder, example }] }
    : { header_text: [example] };
}

function list(placeholders: readonly string[]): string {
  return placeholders.map((p) => `{{${p}}}`).join(", ");
}
