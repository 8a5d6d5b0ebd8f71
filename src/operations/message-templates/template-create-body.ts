import type { RecordContext } from "../contract/operation.js";
import {
  fieldError,
  isAbsent,
  optionalString,
  type RecordData,
  requireString,
} from "../records/record-fields.js";
import { flowButton } from "./template-flow-button.js";
import { HEADER_FORMATS, type HeaderFormat, TEMPLATE_LIMITS } from "./template-limits.js";
import {
  bodyExample,
  headerTextExample,
  PARAMETER_FORMATS,
  type ParameterFormat,
  parameterFormatOf,
  placeholdersOf,
  type TemplateText,
} from "./template-placeholders.js";

const TEMPLATE_NAME = /^[a-z0-9_]{1,512}$/;

export interface TemplateCreate {
  readonly name: string;
  readonly language: string;
  readonly body: Record<string, unknown>;
  /** What the local Flow JSON validator said about an inline flow_json without refusing it. */
  readonly warnings: readonly string[];
}

/**
 * The POST /{waba_id}/message_templates body of a create_flow_template record, checked the way
 * Meta's intake would refuse it: the name's characters, one kind of placeholder with one sample
 * each, a media header with its sample, one Flow for the button. Meta's review does the rest.
 */
export function planTemplateCreate(
  record: RecordData,
  defaultLanguage: string,
  context: RecordContext,
): TemplateCreate {
  const name = requireString(record.name, "name", context);
  if (!TEMPLATE_NAME.test(name)) {
    throw fieldError(context, "name", "must hold only lowercase letters, digits and underscores");
  }
  const language = optionalString(record.language, "language", context) ?? defaultLanguage;
  const category = requireString(record.category, "category", context);

  const headerFormat = readHeaderFormat(record, context);
  const headerText =
    headerFormat === "TEXT"
      ? { field: "header", text: requireString(record.header, "header", context, TEMPLATE_LIMITS.header) }
      : undefined;
  const bodyText = {
    field: "body",
    text: requireString(record.body, "body", context, TEMPLATE_LIMITS.body),
  };
  const headerPlaceholders = headerText === undefined ? [] : placeholdersOf(headerText, context);
  const bodyPlaceholders = placeholdersOf(bodyText, context);
  const format = parameterFormatOf(
    readParameterFormat(record.parameter_format, context),
    [
      ...(headerText === undefined ? [] : [{ text: headerText, placeholders: headerPlaceholders }]),
      { text: bodyText, placeholders: bodyPlaceholders },
    ],
    context,
  );

  const components: Record<string, unknown>[] = [];
  if (headerFormat !== undefined) {
    components.push(headerComponent(record, headerFormat, headerText, headerPlaceholders, format, context));
  }
  const body: Record<string, unknown> = { type: "BODY", text: bodyText.text };
  if (bodyPlaceholders.length > 0) {
    body.example = bodyExample(record.body_examples, format, bodyPlaceholders, name, context);
  }
  components.push(body);
  const footer = optionalString(record.footer, "footer", context, TEMPLATE_LIMITS.footer);
  if (footer !== undefined) components.push({ type: "FOOTER", text: footer });
  const { button, warnings } = flowButton(record, context);
  components.push({ type: "BUTTONS", buttons: [button] });
  return {
    name,
    language,
    // POSITIONAL is Meta's default: the body names the format only when it is NAMED.
    body: {
      name,
      language,
      category,
      ...(format === "NAMED" ? { parameter_format: format } : {}),
      components,
    },
    warnings,
  };
}

function readParameterFormat(value: unknown, context: RecordContext): ParameterFormat | undefined {
  if (isAbsent(value)) return undefined;
  if ((PARAMETER_FORMATS as readonly unknown[]).includes(value)) return value as ParameterFormat;
  throw fieldError(context, "parameter_format", `must be one of ${PARAMETER_FORMATS.join(", ")}`);
}

/**
 * The HEADER's format: `header_format` when given, else TEXT when there is a `header` text; no
 * header at all otherwise. A sample with no header to show it in is refused, since it most often
 * means a media header whose header_format was left out.
 */
function readHeaderFormat(record: RecordData, context: RecordContext): HeaderFormat | undefined {
  const value = record.header_format;
  if (isAbsent(value)) {
    if (!isAbsent(record.header)) return "TEXT";
    if (!isAbsent(record.header_example)) {
      throw fieldError(
        context,
        "header_example",
        `is set but the template has no HEADER: give "header" (a text header) or "header_format" (${HEADER_FORMATS.slice(1).join(", ")})`,
      );
    }
    return undefined;
  }
  if ((HEADER_FORMATS as readonly unknown[]).includes(value)) return value as HeaderFormat;
  throw fieldError(context, "header_format", `must be one of ${HEADER_FORMATS.join(", ")}`);
}

function headerComponent(
  record: RecordData,
  headerFormat: HeaderFormat,
  text: TemplateText | undefined,
  placeholders: readonly string[],
  format: ParameterFormat,
  context: RecordContext,
): Record<string, unknown> {
  if (text === undefined) return mediaHeader(record, headerFormat, context);
  if (placeholders.length > 1) {
    throw fieldError(context, "header", "may hold at most one placeholder ({{1}}, or one name)");
  }
  const component: Record<string, unknown> = { type: "HEADER", format: "TEXT", text: text.text };
  if (placeholders.length === 1) {
    const example = requireString(record.header_example, "header_example", context);
    component.example = headerTextExample(format, placeholders[0]!, example);
  }
  return component;
}

/**
 * An IMAGE, VIDEO or DOCUMENT header has no text, and Meta's review needs a sample of it
 * (`example.header_handle`): a handle from Meta's Resumable Upload API, or the media's URL.
 */
function mediaHeader(
  record: RecordData,
  format: HeaderFormat,
  context: RecordContext,
): Record<string, unknown> {
  if (!isAbsent(record.header)) {
    throw fieldError(
      context,
      "header",
      `must be absent for the template's ${format} header: a media header has no text`,
    );
  }
  if (isAbsent(record.header_example)) {
    throw fieldError(
      context,
      "header_example",
      `is required for the template's ${format} header: Meta's review needs a sample, a media handle from Meta's Resumable Upload API ("4::…") or the media's https:// URL`,
    );
  }
  const sample = requireString(record.header_example, "header_example", context);
  if (/\s/.test(sample)) {
    throw fieldError(
      context,
      "header_example",
      `must be a media handle ("4::…") or an https:// URL, without spaces, for the template's ${format} header`,
    );
  }
  return { type: "HEADER", format, example: { header_handle: [sample] } };
}
