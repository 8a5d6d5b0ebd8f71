import { GraphErrorReply } from "../graph-error-reply.js";
import { invalidParameter } from "../graph-errors.js";
import type { EmulatorState } from "../state.js";

type Obj = Record<string, unknown>;

/** Numbered (`{{1}}`, Meta's default) or named (`{{first_name}}`) placeholders. */
export type ParameterFormat = "POSITIONAL" | "NAMED";
export const PARAMETER_FORMATS: readonly ParameterFormat[] = ["POSITIONAL", "NAMED"];

/** What a template send is checked against: its placeholders and buttons. */
export interface TemplateFacts {
  readonly components: readonly Obj[];
  readonly parameterFormat: ParameterFormat;
  readonly bodyText: string;
  readonly headerText: string | undefined;
  readonly bodyParams: number;
  readonly headerParams: number;
  /** A NAMED template's placeholder names, in the order they first appear; empty otherwise. */
  readonly bodyNames: readonly string[];
  readonly headerNames: readonly string[];
  /** A media or location header's parameter type ("image", "video", "document", "location"). */
  readonly headerMedia: HeaderMedia | undefined;
  /** Button types by index, e.g. ["FLOW"]; sends address buttons by this index. */
  readonly buttons: readonly string[];
  /** The Flow each FLOW button opens, by button index (none for a button made from flow_json). */
  readonly buttonFlowIds: readonly (string | undefined)[];
}

export type HeaderMedia = "image" | "video" | "document" | "location";
const HEADER_MEDIA: readonly string[] = ["IMAGE", "VIDEO", "DOCUMENT", "LOCATION"];

const BODY_MAX = 1024;
const HEADER_MAX = 60;
const FOOTER_MAX = 60;
const BUTTON_TEXT_MAX = 25;

const fail = (why: string): never => {
  throw new GraphErrorReply({ ...invalidParameter(why), userTitle: "Invalid template", userMsg: why });
};

const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * The distinct placeholders of a text, in the order they first appear: numbered ones must run
 * 1..n (POSITIONAL), named ones are lowercase letters, digits and underscores (NAMED); a template
 * takes the one kind its parameter_format says, as Meta requires.
 */
function placeholders(text: string, where: string, format: ParameterFormat): string[] {
  const found = [...new Set([...text.matchAll(/\{\{([^{}]*)\}\}/g)].map((m) => m[1]!.trim()))];
  for (const token of found) {
    const numbered = /^\d+$/.test(token);
    if (!numbered && !/^[a-z_][a-z0-9_]*$/.test(token)) {
      fail(`${where}: {{${token}}} is not a valid placeholder: use {{1}} or a lowercase name`);
    }
    if (numbered !== (format === "POSITIONAL")) {
      fail(
        format === "NAMED"
          ? `${where}: {{${token}}} is numbered, but parameter_format is NAMED: every placeholder must be named`
          : `${where}: {{${token}}} is named: set parameter_format to NAMED for named placeholders`,
      );
    }
  }
  if (format === "POSITIONAL") {
    const seen = new Set(found.map(Number));
    for (let i = 1; i <= seen.size; i++) {
      if (!seen.has(i))
        fail(`${where}: placeholders must be numbered {{1}} to {{${seen.size}}} without gaps`);
    }
  }
  return found;
}

function text(c: Obj, where: string, max: number): string {
  if (typeof c.text !== "string" || c.text.trim() === "") return fail(`${where}.text is required`);
  if ([...c.text].length > max) fail(`${where}.text must be at most ${max} characters long`);
  return c.text;
}

/**
 * An example must give one value per placeholder (Meta's review needs them): `body_text` /
 * `header_text` by position, or `body_text_named_params` / `header_text_named_params` as
 * `{param_name, example}` for each name of a NAMED template.
 */
function checkExample(
  c: Obj,
  where: string,
  part: "body" | "header",
  names: readonly string[],
  format: ParameterFormat,
): void {
  if (names.length === 0) return;
  if (format === "NAMED") {
    const key = `${part}_text_named_params`;
    const given = isObj(c.example) ? c.example[key] : undefined;
    const named = Array.isArray(given)
      ? given.filter((p): p is Obj => isObj(p) && typeof p.example === "string" && p.example !== "")
      : [];
    const covered = new Set(named.map((p) => p.param_name));
    const missing = names.find((n) => !covered.has(n));
    if (!Array.isArray(given) || named.length !== given.length || missing !== undefined) {
      fail(
        `${where}.example.${key} must give {param_name, example} for each placeholder: ${missing ?? names[0]} has none`,
      );
    }
    const unknown = named.find((p) => !names.includes(String(p.param_name)));
    if (unknown !== undefined)
      fail(`${where}.example.${key}: ${String(unknown.param_name)} is not a placeholder of the text`);
    return;
  }
  const key = `${part}_text`;
  const example = isObj(c.example) ? c.example[key] : undefined;
  const values = part === "body" && Array.isArray(example) ? example[0] : example;
  if (!Array.isArray(values) || values.length !== names.length) {
    fail(`${where}.example.${key} must give ${names.length} sample value(s), one per placeholder`);
  }
}

/** A media header's sample for Meta's review: `example.header_handle`, an upload handle or a URL. */
function checkMediaExample(c: Obj, where: string, format: string): void {
  const handles = isObj(c.example) ? c.example.header_handle : undefined;
  if (
    !Array.isArray(handles) ||
    handles.length === 0 ||
    !handles.every((h) => typeof h === "string" && h !== "")
  ) {
    fail(`${where}.example.header_handle is required for a ${format} header: give the media's upload handle`);
  }
}

/**
 * A FLOW button as Meta keeps it: by the Flow's id (a button made by flow_name is stored with the
 * named Flow's id, so renaming the Flow changes nothing), which its template list answers as a
 * JSON number. Meta also makes a Flow of a flow_json button; the emulator does not, so that button
 * is listed as given, with no flow_id.
 */
function storedFlowButton(b: Obj, state: EmulatorState): { button: Obj; flowId: string | undefined } {
  const flowId =
    b.flow_id !== undefined
      ? String(b.flow_id)
      : b.flow_name !== undefined
        ? state.flowByName(String(b.flow_name))?.id
        : undefined;
  if (flowId === undefined) return { button: b, flowId };
  const { flow_name: _name, ...rest } = b;
  const asNumber = Number(flowId);
  return {
    button: { ...rest, flow_id: /^\d+$/.test(flowId) && Number.isSafeInteger(asNumber) ? asNumber : flowId },
    flowId,
  };
}

function flowButton(b: Obj, where: string, state: EmulatorState): void {
  const refs = ["flow_id", "flow_name", "flow_json"].filter((k) => b[k] !== undefined);
  if (refs.length !== 1) fail(`${where} needs exactly one of flow_id, flow_name and flow_json`);
  if (b.flow_id !== undefined && !state.flows.has(String(b.flow_id))) {
    fail(`${where}.flow_id: Flow '${String(b.flow_id)}' does not exist in this WhatsApp Business Account`);
  }
  if (b.flow_name !== undefined && state.flowByName(String(b.flow_name)) === undefined) {
    fail(`${where}.flow_name: no Flow named '${String(b.flow_name)}' in this WhatsApp Business Account`);
  }
  if (b.flow_json !== undefined) {
    if (typeof b.flow_json !== "string") fail(`${where}.flow_json must be a JSON-encoded Flow JSON string`);
    // Meta creates the button's Flow from it: Flow JSON it would not save is refused with the template.
    const errors = state.flowJsonFacts(String(b.flow_json)).validationErrors;
    if (errors.length > 0) {
      fail(`${where}.flow_json is not valid Flow JSON: ${errors.map((e) => e.message).join("; ")}`);
    }
  }
  const action = b.flow_action ?? "navigate";
  if (action !== "navigate" && action !== "data_exchange") {
    fail(`${where}.flow_action must be navigate or data_exchange`);
  }
}

interface StoredButton {
  readonly type: string;
  readonly button: Obj;
  readonly flowId: string | undefined;
}

function buttons(c: Obj, where: string, state: EmulatorState): StoredButton[] {
  if (!Array.isArray(c.buttons) || c.buttons.length === 0) return fail(`${where}.buttons is required`);
  return c.buttons.map((b: unknown, i) => {
    const at = `${where}.buttons[${i}]`;
    if (!isObj(b) || typeof b.type !== "string") return fail(`${at}.type is required`);
    text(b, at, BUTTON_TEXT_MAX);
    const type = b.type.toUpperCase();
    if (type !== "FLOW") return { type, button: b, flowId: undefined };
    flowButton(b, at, state);
    return { type, ...storedFlowButton(b, state) };
  });
}

/** Check the `components` of POST /{waba}/message_templates the way Meta's review intake does. */
export function readTemplateComponents(
  raw: unknown,
  state: EmulatorState,
  parameterFormat: ParameterFormat = "POSITIONAL",
): TemplateFacts {
  if (!Array.isArray(raw) || raw.length === 0) return fail("components must be a non-empty array");
  let body: string | undefined;
  let header: string | undefined;
  let bodyNames: string[] = [];
  let headerNames: string[] = [];
  let headerMedia: HeaderMedia | undefined;
  let stored: StoredButton[] = [];
  const components = raw.map((c: unknown, i) => {
    const where = `components[${i}]`;
    if (!isObj(c) || typeof c.type !== "string") return fail(`${where}.type is required`);
    const type = c.type.toUpperCase();
    if (type === "BODY") {
      body = text(c, where, BODY_MAX);
      bodyNames = placeholders(body, where, parameterFormat);
      checkExample(c, where, "body", bodyNames, parameterFormat);
    } else if (type === "HEADER") {
      const format = String(c.format ?? "TEXT").toUpperCase();
      if (format === "TEXT") {
        header = text(c, where, HEADER_MAX);
        headerNames = placeholders(header, where, parameterFormat);
        if (headerNames.length > 1) fail(`${where}: a text header takes at most one placeholder`);
        checkExample(c, where, "header", headerNames, parameterFormat);
      } else if (HEADER_MEDIA.includes(format)) {
        if (format !== "LOCATION") checkMediaExample(c, where, format);
        headerMedia = format.toLowerCase() as HeaderMedia;
      }
    } else if (type === "FOOTER") {
      text(c, where, FOOTER_MAX);
    } else if (type === "BUTTONS") {
      stored = buttons(c, where, state);
      return { ...c, type, buttons: stored.map((b) => b.button) };
    } else {
      fail(`${where}.type must be one of HEADER, BODY, FOOTER, BUTTONS - got "${c.type}"`);
    }
    return { ...c, type };
  });
  if (body === undefined) return fail("components must include a BODY component");
  const named = parameterFormat === "NAMED";
  return {
    components,
    parameterFormat,
    bodyText: body,
    headerText: header,
    bodyParams: bodyNames.length,
    headerParams: headerNames.length,
    bodyNames: named ? bodyNames : [],
    headerNames: named ? headerNames : [],
    headerMedia,
    buttons: stored.map((b) => b.type),
    buttonFlowIds: stored.map((b) => b.flowId),
  };
}
