import { GraphErrorReply } from "../graph-error-reply.js";
import { invalidParameter } from "../graph-errors.js";
import type { EmulatorState } from "../state.js";

type Obj = Record<string, unknown>;

/** What a template send is checked against: its placeholders and buttons. */
export interface TemplateFacts {
  readonly components: readonly Obj[];
  readonly bodyText: string;
  readonly headerText: string | undefined;
  readonly bodyParams: number;
  readonly headerParams: number;
  /** A media or location header's parameter type ("image", "video", "document", "location"). */
  readonly headerMedia: HeaderMedia | undefined;
  /** Button types by index, e.g. ["FLOW"]; sends address buttons by this index. */
  readonly buttons: readonly string[];
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

/** The distinct `{{n}}` placeholders of a text; they must run 1..n, as Meta requires. */
function placeholderCount(text: string, where: string): number {
  const seen = new Set<number>();
  for (const m of text.matchAll(/\{\{\s*(\d+)\s*\}\}/g)) seen.add(Number(m[1]));
  for (let i = 1; i <= seen.size; i++) {
    if (!seen.has(i)) fail(`${where}: placeholders must be numbered {{1}} to {{${seen.size}}} without gaps`);
  }
  return seen.size;
}

function text(c: Obj, where: string, max: number): string {
  if (typeof c.text !== "string" || c.text.trim() === "") return fail(`${where}.text is required`);
  if ([...c.text].length > max) fail(`${where}.text must be at most ${max} characters long`);
  return c.text;
}

/** An example must give one value per placeholder (Meta's review needs them). */
function checkExample(c: Obj, where: string, key: "body_text" | "header_text", count: number): void {
  if (count === 0) return;
  const example = isObj(c.example) ? c.example[key] : undefined;
  const values = key === "body_text" && Array.isArray(example) ? example[0] : example;
  if (!Array.isArray(values) || values.length !== count) {
    fail(`${where}.example.${key} must give ${count} sample value(s), one per placeholder`);
  }
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
    try {
      if (typeof b.flow_json !== "string") throw new Error("not a string");
      JSON.parse(b.flow_json);
    } catch {
      fail(`${where}.flow_json must be a JSON-encoded Flow JSON string`);
    }
  }
  const action = b.flow_action ?? "navigate";
  if (action !== "navigate" && action !== "data_exchange") {
    fail(`${where}.flow_action must be navigate or data_exchange`);
  }
}

function buttons(c: Obj, where: string, state: EmulatorState): string[] {
  if (!Array.isArray(c.buttons) || c.buttons.length === 0) return fail(`${where}.buttons is required`);
  return c.buttons.map((b: unknown, i) => {
    const at = `${where}.buttons[${i}]`;
    if (!isObj(b) || typeof b.type !== "string") return fail(`${at}.type is required`);
    text(b, at, BUTTON_TEXT_MAX);
    const type = b.type.toUpperCase();
    if (type === "FLOW") flowButton(b, at, state);
    return type;
  });
}

/** Check the `components` of POST /{waba}/message_templates the way Meta's review intake does. */
export function readTemplateComponents(raw: unknown, state: EmulatorState): TemplateFacts {
  if (!Array.isArray(raw) || raw.length === 0) return fail("components must be a non-empty array");
  let body: string | undefined;
  let header: string | undefined;
  let bodyParams = 0;
  let headerParams = 0;
  let headerMedia: HeaderMedia | undefined;
  let buttonTypes: string[] = [];
  const components = raw.map((c: unknown, i) => {
    const where = `components[${i}]`;
    if (!isObj(c) || typeof c.type !== "string") return fail(`${where}.type is required`);
    const type = c.type.toUpperCase();
    if (type === "BODY") {
      body = text(c, where, BODY_MAX);
      bodyParams = placeholderCount(body, where);
      checkExample(c, where, "body_text", bodyParams);
    } else if (type === "HEADER") {
      const format = String(c.format ?? "TEXT").toUpperCase();
      if (format === "TEXT") {
        header = text(c, where, HEADER_MAX);
        headerParams = placeholderCount(header, where);
        if (headerParams > 1) fail(`${where}: a text header takes at most one placeholder`);
        checkExample(c, where, "header_text", headerParams);
      } else if (HEADER_MEDIA.includes(format)) {
        headerMedia = format.toLowerCase() as HeaderMedia;
      }
    } else if (type === "FOOTER") {
      text(c, where, FOOTER_MAX);
    } else if (type === "BUTTONS") {
      buttonTypes = buttons(c, where, state);
    } else {
      fail(`${where}.type must be one of HEADER, BODY, FOOTER, BUTTONS - got "${c.type}"`);
    }
    return { ...c, type };
  });
  if (body === undefined) return fail("components must include a BODY component");
  return {
    components,
    bodyText: body,
    headerText: header,
    bodyParams,
    headerParams,
    headerMedia,
    buttons: buttonTypes,
  };
}
