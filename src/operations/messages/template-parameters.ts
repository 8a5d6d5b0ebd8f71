import type { RecordContext } from "../contract/operation.js";
import { templateCause, templateLabel, templateProblemOf } from "../graph-calls/config-cause.js";
import type { HeaderMedia, TemplateInfo } from "../graph-calls/template-info.js";
import { PARAMETER_TEXT_PATTERN, PARAMETER_TEXT_RULE } from "../records/parameter-text.js";
import {
  fieldError,
  fromJsonText,
  isAbsent,
  isPlainObject,
  type RecordData,
} from "../records/record-fields.js";

/** One parameter of a template component, in Meta's shape (`{type: "text", text}` and the like). */
export type TemplateParameter = Readonly<Record<string, unknown>>;

export type ParameterComponent = "body" | "header";

/** Where a component's parameters come from: a list field, or one field per placeholder. */
const LIST_FIELD: Record<ParameterComponent, string> = {
  body: "body_parameters",
  header: "header_parameters",
};

/** `body_1`, `body_2`, …: the fields a template's own object (live discover) maps to placeholders. */
export function placeholderField(component: ParameterComponent, position: number): string {
  return `${component}_${position}`;
}

/**
 * A component's parameters from a record: `body_parameters` (an array of strings, numbers or
 * Meta's parameter objects, or its JSON text), or `body_1` … `body_n`, never both. Strings and
 * numbers become `{type: "text", text}`; an object must say its `type`.
 */
export function readTemplateParameters(
  record: RecordData,
  component: ParameterComponent,
  context: RecordContext,
  media?: HeaderMedia,
): TemplateParameter[] {
  const listField = LIST_FIELD[component];
  const numbered = numberedValues(record, component);
  const list = record[listField];
  if (!isAbsent(list)) {
    if (numbered.length > 0) {
      throw fieldError(
        context,
        listField,
        `and "${placeholderField(component, 1)}"… are both set: give the parameters one way`,
      );
    }
    return readJsonList(list, listField, context, PARAMETER_LIST).map((value, i) =>
      toParameter(value, `${listField}[${i}]`, context, media),
    );
  }
  return numbered.map((value, i) => toParameter(value, placeholderField(component, i + 1), context, media));
}

/** `body_1` … `body_n` up to the first one missing (a gap is a missing parameter, not a skip). */
function numberedValues(record: RecordData, component: ParameterComponent): unknown[] {
  const values: unknown[] = [];
  for (let position = 1; !isAbsent(record[placeholderField(component, position)]); position++) {
    values.push(record[placeholderField(component, position)]);
  }
  return values;
}

const PARAMETER_LIST = "must be an array of parameters (strings or Meta's parameter objects)";

/** An array, or its JSON text (warehouse sources hand JSON columns over as strings). */
export function readJsonList(
  value: unknown,
  field: string,
  context: RecordContext,
  problem: string,
): unknown[] {
  const list = fromJsonText(value);
  if (Array.isArray(list)) return list;
  throw fieldError(context, field, problem);
}

/**
 * A string is a text parameter, or, for a template whose header is an image, video or document,
 * that media's link: `{type: "image", image: {link}}` (Meta fetches it when it sends).
 */
function toParameter(
  value: unknown,
  field: string,
  context: RecordContext,
  media?: HeaderMedia,
): TemplateParameter {
  if (media !== undefined && media !== "location" && typeof value === "string") {
    if (!/^https?:\/\/\S+$/.test(value)) {
      throw fieldError(
        context,
        field,
        `must be the link (https://…) of the template's ${media.toUpperCase()} header, or Meta's parameter object {"type": "${media}", "${media}": {"id": "…"}}`,
      );
    }
    return { type: media, [media]: { link: value } };
  }
  if (typeof value === "string" && value !== "") {
    checkParameterText(value, field, context);
    return { type: "text", text: value };
  }
  if (typeof value === "number" && Number.isFinite(value)) return { type: "text", text: String(value) };
  if (isPlainObject(value) && typeof value.type === "string" && value.type !== "") {
    if (value.type === "text" && typeof value.text === "string")
      checkParameterText(value.text, `${field}.text`, context);
    return value;
  }
  throw fieldError(
    context,
    field,
    'must be a non-empty string or a parameter object with a "type" (e.g. {"type": "text", "text": "…"})',
  );
}

function checkParameterText(text: string, field: string, context: RecordContext): void {
  if (!PARAMETER_TEXT_PATTERN.test(text)) throw fieldError(context, field, PARAMETER_TEXT_RULE);
}

/**
 * The read-time check against the WABA's template list, when it is known: the template exists in
 * that language, is APPROVED and has a FLOW button (else no record naming it can succeed: the
 * rejection carries that cause), the record gives one parameter per placeholder, and the button
 * index is a FLOW button. Each failure names the template and the field to fix; no call is made.
 */
export function checkAgainstTemplate(
  info: TemplateInfo | undefined,
  request: {
    readonly name: string;
    readonly language: string;
    readonly body: readonly TemplateParameter[];
    readonly header: readonly TemplateParameter[];
    readonly buttonIndex: number;
  },
  context: RecordContext,
  wabaId: string,
): void {
  const label = templateLabel(request);
  const found = templateProblemOf(info);
  if (found !== undefined || info === undefined) {
    const problem = found ?? { kind: "missing" };
    const cause = templateCause(request, problem, wabaId);
    const which =
      problem.kind === "missing"
        ? "which does not exist in this WhatsApp Business Account: check template_name and language"
        : problem.kind === "status"
          ? `which is ${problem.status}: only APPROVED templates can be sent`
          : "which has no FLOW button: send_flow_template sends templates with one";
    throw fieldError(context, "template_name", `names ${label}, ${which}`, cause);
  }
  const counts: [ParameterComponent, number, number][] = [
    ["body", info.bodyParams, request.body.length],
    ["header", info.headerMedia === undefined ? info.headerParams : 1, request.header.length],
  ];
  for (const [component, expected, given] of counts) {
    if (expected === given) continue;
    throw fieldError(
      context,
      LIST_FIELD[component],
      `(or ${placeholderField(component, 1)}…) gives ${given} ${component} parameter(s), but ${label} has ${expected} placeholder(s) in its ${component.toUpperCase()}`,
    );
  }
  const media = info.headerMedia;
  if (media !== undefined && request.header[0]?.type !== media) {
    const shape =
      media === "location"
        ? '{"type": "location", "location": {"latitude": …, "longitude": …}}'
        : `its link (https://…) or {"type": "${media}", "${media}": {"link": "…"}}`;
    throw fieldError(
      context,
      LIST_FIELD.header,
      `(or header_1) gives a "${String(request.header[0]?.type)}" parameter, but ${label} has its header as ${media.toUpperCase()}: give ${shape}`,
    );
  }
  if (!info.flowButtons.includes(request.buttonIndex)) {
    throw fieldError(
      context,
      "button_index",
      `is ${request.buttonIndex}, but ${label} has its FLOW button at index ${info.flowButtons.join(", ")}`,
    );
  }
}

/**
 * A named template's text parameters, each given the name of its placeholder (Meta's
 * `parameter_name`), matched by position: the record's first value fills the first name in the
 * template's text. A parameter object that already names itself is left as it is.
 */
export function withParameterNames(
  parameters: readonly TemplateParameter[],
  names: readonly string[] | undefined,
): TemplateParameter[] {
  if (names === undefined) return [...parameters];
  return parameters.map((parameter, i) =>
    names[i] === undefined || parameter.parameter_name !== undefined
      ? parameter
      : { type: parameter.type, parameter_name: names[i], ...parameter },
  );
}
