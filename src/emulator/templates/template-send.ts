import { GraphErrorReply } from "../graph-error-reply.js";
import { missingParam } from "../graph-errors.js";
import type { EmulatorState } from "../state.js";
import { sendError } from "./send-errors.js";
import type { TemplateRecord, TemplateStore } from "./template-store.js";

type Obj = Record<string, unknown>;

const BODY_MAX = 1024;
const HEADER_MAX = 60;
/** Body parameters may also be currency or date_time objects; their fallback_value is shown. */
const BODY_PARAM_TYPES = ["text", "currency", "date_time"];

const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);
function fail(...args: Parameters<typeof sendError>): never {
  throw new GraphErrorReply(sendError(...args));
}

/** The template named by a send, or Meta's error: missing (132001), paused, disabled, unapproved. */
export function sendableTemplate(templates: TemplateStore, template: unknown): TemplateRecord {
  if (!isObj(template)) throw new GraphErrorReply(missingParam("template"));
  const name = template.name;
  const code = isObj(template.language) ? template.language.code : undefined;
  if (typeof name !== "string" || name === "") throw new GraphErrorReply(missingParam("template['name']"));
  if (typeof code !== "string" || code === "") {
    throw new GraphErrorReply(missingParam("template['language']['code']"));
  }
  const t = templates.find(name, code);
  if (t === undefined) return fail(132001, `template name (${name}) does not exist in ${code}`);
  if (t.status === "PAUSED") fail(132015, `template ${name} (${code}) is paused because of low quality`);
  if (t.status === "DISABLED") fail(132016, `template ${name} (${code}) is disabled because of low quality`);
  if (t.status !== "APPROVED") {
    fail(132001, `template ${name} (${code}) is ${t.status}: only APPROVED templates can be sent`);
  }
  return t;
}

/** The shown value of one parameter, or 132012 when its shape is not one the component takes. */
function paramValue(p: unknown, where: string, i: number, types: readonly string[]): string {
  const bad = (): never =>
    fail(132012, `${where}: parameter ${i + 1} must be {"type": "${types.join('" | "')}", ...}`);
  if (!isObj(p) || typeof p.type !== "string" || !types.includes(p.type)) return bad();
  if (p.type === "text") return typeof p.text === "string" ? p.text : bad();
  const shown = isObj(p[p.type]) ? (p[p.type] as Obj).fallback_value : undefined;
  return typeof shown === "string" ? shown : bad();
}

/** The text as the recipient sees it: `{{n}}` by position, or `{{name}}` by the parameter of that name. */
function hydrate(text: string, values: readonly string[], names: readonly string[]): string {
  return text.replace(/\{\{\s*([^{}\s]+)\s*\}\}/g, (_m, token: string) =>
    names.length > 0 ? (values[names.indexOf(token)] ?? "") : (values[Number(token) - 1] ?? ""),
  );
}

/**
 * A NAMED template's parameters carry `parameter_name`: each names one placeholder, once; the
 * values are returned in the order of the template's names.
 */
function byName(
  params: readonly unknown[],
  values: readonly string[],
  where: string,
  names: readonly string[],
): string[] {
  const ordered: string[] = new Array<string>(names.length).fill("");
  const seen = new Set<string>();
  params.forEach((p, i) => {
    const name = isObj(p) ? p.parameter_name : undefined;
    if (typeof name !== "string" || !names.includes(name) || seen.has(name)) {
      fail(
        132012,
        `${where}: parameter ${i + 1} must carry a parameter_name, one of ${names.join(", ")}, each once (the template's parameter_format is NAMED)`,
      );
    }
    seen.add(name as string);
    ordered[names.indexOf(name as string)] = values[i]!;
  });
  return ordered;
}

/** A component's parameters, as many as the template expects (132012 / 132000 otherwise). */
function parametersOf(c: Obj | undefined, where: "body" | "header", expected: number): unknown[] {
  const params = c?.parameters === undefined ? [] : c.parameters;
  if (!Array.isArray(params)) fail(132012, `${where}: parameters must be an array`);
  if (params.length !== expected) {
    fail(
      132000,
      `${where}: number of localizable_params (${params.length}) does not match the expected number of params (${expected})`,
    );
  }
  return params;
}

function checkTextComponent(
  c: Obj | undefined,
  where: "body" | "header",
  expected: number,
  text: string | undefined,
  names: readonly string[],
): void {
  const params = parametersOf(c, where, expected);
  const types = where === "body" ? BODY_PARAM_TYPES : ["text"];
  const shown = params.map((p, i) => paramValue(p, where, i, types));
  const values = names.length > 0 ? byName(params, shown, where, names) : shown;
  const max = where === "body" ? BODY_MAX : HEADER_MAX;
  if (text !== undefined && [...hydrate(text, values, names)].length > max) {
    fail(132005, `${where}: the text with its parameters is longer than ${max} characters`);
  }
}

/**
 * A media header takes exactly one parameter of its type: `{type: "image", image: {link | id}}`
 * (video, document alike); a location header `{type: "location", location: {latitude, longitude}}`.
 */
function checkMediaHeader(c: Obj | undefined, media: string): void {
  const p = parametersOf(c, "header", 1)[0];
  const inner = isObj(p) && p.type === media && isObj(p[media]) ? (p[media] as Obj) : undefined;
  const given =
    media === "location"
      ? typeof inner?.latitude === "number" && typeof inner.longitude === "number"
      : typeof inner?.link === "string" || typeof inner?.id === "string";
  if (!given) {
    const shape = media === "location" ? "{latitude, longitude}" : '{"link": "https://…"} or {"id": "…"}';
    fail(
      132012,
      `header: the template's header is ${media.toUpperCase()}: its parameter must be {"type": "${media}", "${media}": ${shape}}`,
    );
  }
}

/** `{type: "button", sub_type: "flow", index: "0", parameters: [{type: "action", action: {...}}]}`. */
function checkButton(c: Obj, t: TemplateRecord): void {
  const index = Number(c.index);
  if (c.index === undefined) throw new GraphErrorReply(missingParam("button['index']"));
  const type = Number.isInteger(index) ? t.buttons[index] : undefined;
  if (type === undefined)
    fail(132012, `button: template ${t.name} has no button at index ${String(c.index)}`);
  if (type !== "FLOW") return; // other button kinds are not modelled
  if (c.sub_type !== "flow")
    fail(132012, `button ${index}: the template's button is a FLOW button: sub_type must be "flow"`);
  const params = c.parameters;
  const action = Array.isArray(params) && params.length === 1 && isObj(params[0]) ? params[0] : undefined;
  if (action?.type !== "action" || !isObj(action.action)) {
    fail(
      132012,
      `button ${index}: parameters must be [{"type": "action", "action": {"flow_token", "flow_action_data"}}]`,
    );
  }
  const a = (action as Obj).action as Obj;
  if (a.flow_token !== undefined && typeof a.flow_token !== "string") {
    fail(132012, `button ${index}: action.flow_token must be a string`);
  }
  if (a.flow_action_data !== undefined && !isObj(a.flow_action_data)) {
    fail(132012, `button ${index}: action.flow_action_data must be an object`);
  }
}

/**
 * Meta refuses (132068) a send of a template whose FLOW button opens a Flow it has BLOCKED; the
 * control API sets a Flow's health.
 */
function checkFlowHealth(t: TemplateRecord, state: EmulatorState): void {
  for (const flowId of t.buttonFlowIds) {
    if (flowId === undefined || state.flows.get(flowId)?.health?.canSendMessage !== "BLOCKED") continue;
    fail(
      132068,
      `Flow '${flowId}' (the FLOW button of template ${t.name}) is in blocked state: its health_status says it cannot be sent.`,
    );
  }
}

/** Check a send's components against the template's placeholders and buttons, and its Flows' health. */
export function checkTemplateComponents(t: TemplateRecord, template: Obj, state: EmulatorState): void {
  const raw = template.components ?? [];
  if (!Array.isArray(raw)) fail(132012, "components must be an array");
  const byType = new Map<string, Obj>();
  for (const c of raw) {
    if (!isObj(c) || typeof c.type !== "string") fail(132012, "every component needs a type");
    const type = c.type.toLowerCase();
    if (type === "button") checkButton(c, t);
    else byType.set(type, c);
  }
  if (t.headerMedia === undefined)
    checkTextComponent(byType.get("header"), "header", t.headerParams, t.headerText, t.headerNames);
  else checkMediaHeader(byType.get("header"), t.headerMedia);
  checkTextComponent(byType.get("body"), "body", t.bodyParams, t.bodyText, t.bodyNames);
  checkFlowHealth(t, state);
}
