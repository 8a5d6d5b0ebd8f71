import { CallTally } from "../contract/call-tally.js";
import type { GraphRequester, OperationEnv } from "../contract/operation-env.js";
import { isPlainObject } from "../records/record-fields.js";
import { wabaNotFound } from "./flow-lookup.js";
import { isMissingObject } from "./missing-object.js";
import type { HeaderMedia, TemplateInfo } from "./template-info.js";
import { pageWabaEdge } from "./waba-pages.js";

const HEADER_MEDIA: Readonly<Record<string, HeaderMedia>> = {
  IMAGE: "image",
  VIDEO: "video",
  DOCUMENT: "document",
  LOCATION: "location",
};

const FIELDS = "id,name,language,status,category,rejected_reason,parameter_format,components";

/** The distinct `{{1}}` / `{{name}}` placeholders of a template text, in the order they first appear. */
function placeholders(text: unknown): string[] {
  if (typeof text !== "string") return [];
  return [...new Set([...text.matchAll(/\{\{\s*([\w]+)\s*\}\}/g)].map((m) => m[1]!))];
}

export function placeholderCount(text: unknown): number {
  return placeholders(text).length;
}

/** A text's placeholders when they are named (not `{{1}}` … `{{n}}`), else undefined. */
function namesOf(found: readonly string[], format: unknown): readonly string[] | undefined {
  const named = format === "NAMED" || found.some((name) => !/^\d+$/.test(name));
  return named && found.length > 0 ? found : undefined;
}

/**
 * The Flow id of a FLOW button as the template list gives it. Meta's answers carry `flow_id` as a
 * JSON number; a number beyond 2^53 has lost digits in parsing, so it names no Flow we can trust.
 */
export function buttonFlowId(button: Record<string, unknown>): string | undefined {
  const id = button.flow_id;
  if (typeof id === "string") return /^\d+$/.test(id) ? id : undefined;
  return typeof id === "number" && Number.isSafeInteger(id) && id > 0 ? String(id) : undefined;
}

/** The Flow a send's FLOW button opens, by the template list; undefined when the list names none. */
export function templateFlowId(info: TemplateInfo | undefined, buttonIndex: number): string | undefined {
  return info?.flowIds?.get(buttonIndex);
}

/** One entry of GET /{waba_id}/message_templates, or undefined when it lacks a name or language. */
export function templateInfoOf(item: unknown): TemplateInfo | undefined {
  if (!isPlainObject(item) || typeof item.name !== "string" || typeof item.language !== "string") {
    return undefined;
  }
  let bodyParams = 0;
  let headerParams = 0;
  let headerMedia: HeaderMedia | undefined;
  let bodyNames: readonly string[] | undefined;
  let headerNames: readonly string[] | undefined;
  const flowButtons: number[] = [];
  const flowIds = new Map<number, string>();
  for (const component of Array.isArray(item.components) ? item.components : []) {
    if (!isPlainObject(component) || typeof component.type !== "string") continue;
    const type = component.type.toUpperCase();
    if (type === "BODY") {
      const found = placeholders(component.text);
      bodyParams = found.length;
      bodyNames = namesOf(found, item.parameter_format);
    }
    const format = String(component.format ?? "TEXT").toUpperCase();
    if (type === "HEADER" && format === "TEXT") {
      const found = placeholders(component.text);
      headerParams = found.length;
      headerNames = namesOf(found, item.parameter_format);
    }
    if (type === "HEADER") headerMedia = HEADER_MEDIA[format];
    if (type === "BUTTONS" && Array.isArray(component.buttons)) {
      component.buttons.forEach((button, index) => {
        if (!isPlainObject(button) || String(button.type).toUpperCase() !== "FLOW") return;
        flowButtons.push(index);
        const flowId = buttonFlowId(button);
        if (flowId !== undefined) flowIds.set(index, flowId);
      });
    }
  }
  const text = (value: unknown) => (typeof value === "string" && value !== "" ? value : undefined);
  return {
    id: text(item.id) ?? "",
    name: item.name,
    language: item.language,
    status: text(item.status) ?? "UNKNOWN",
    category: text(item.category),
    rejectedReason: text(item.rejected_reason),
    bodyParams,
    headerParams,
    ...(headerMedia === undefined ? {} : { headerMedia }),
    ...(bodyNames === undefined ? {} : { bodyNames }),
    ...(headerNames === undefined ? {} : { headerNames }),
    flowButtons,
    ...(flowIds.size === 0 ? {} : { flowIds }),
  };
}

export type TemplateList =
  | { readonly ok: true; readonly templates: TemplateInfo[] }
  | { readonly ok: false; readonly error: unknown };

/**
 * The WABA's templates (GET /{waba_id}/message_templates, every page), optionally filtered by
 * name. A token or WABA problem throws the ConfigError every other call would; any other failure
 * comes back as a value (the caller goes on without the list, and says why).
 */
export async function listTemplates(
  env: OperationEnv,
  signal: AbortSignal | undefined,
  tally: CallTally,
  name?: string,
): Promise<TemplateList> {
  const templates: TemplateInfo[] = [];
  const result = await pageWabaEdge(
    env,
    "message_templates",
    name === undefined ? { fields: FIELDS } : { fields: FIELDS, name },
    (item) => {
      const info = templateInfoOf(item);
      if (info !== undefined) templates.push(info);
      return false;
    },
    signal,
    tally,
    (error) => (isMissingObject(error) ? wabaNotFound(env, error) : undefined),
  );
  return result.ok ? { ok: true, templates } : result;
}

/** The whole list, or why it could not be read (for a log line: never a secret, never data). */
export async function listTemplatesOrWhy(
  env: OperationEnv,
  signal: AbortSignal | undefined,
): Promise<TemplateInfo[] | string> {
  let listed: TemplateList;
  try {
    // Not a record's calls (prepare, discover): nothing reports this tally.
    listed = await listTemplates(env, signal, new CallTally());
  } catch (error) {
    listed = { ok: false, error };
  }
  if (listed.ok) return listed.templates;
  const why = listed.error instanceof Error ? listed.error.message : String(listed.error);
  return `the message templates of WABA ${env.wabaId} could not be listed (${why})`;
}

const key = (name: string, language: string) => `${name}\u0000${language}`;

/**
 * The templates a sync's sends are checked against, listed once per sync (per Graph client) before
 * the first record: `plan` is synchronous, so the list must be there when records are read. While
 * it is not known (not loaded, a dry run, or the list failed) sends are checked by Meta alone.
 */
export class TemplateCatalog {
  private byKey: Map<string, TemplateInfo> | undefined;
  private loading: Promise<string | undefined> | undefined;

  constructor(private readonly env: OperationEnv) {}

  /** Lists the templates once; resolves with a note for the log when the list is unavailable. */
  load(signal?: AbortSignal): Promise<string | undefined> {
    this.loading ??= this.fetch(signal);
    return this.loading;
  }

  get known(): boolean {
    return this.byKey !== undefined;
  }

  find(name: string, language: string): TemplateInfo | undefined {
    return this.byKey?.get(key(name, language));
  }

  private async fetch(signal: AbortSignal | undefined): Promise<string | undefined> {
    const listed = await listTemplatesOrWhy(this.env, signal);
    if (typeof listed === "string") {
      return `${listed}: template sends are checked by Meta only, at send time`;
    }
    this.byKey = new Map(listed.map((t) => [key(t.name, t.language), t]));
    return undefined;
  }
}

const CATALOGS = new WeakMap<GraphRequester, TemplateCatalog>();

/** The one catalog of a sync: every operation compiled with the same client shares it. */
export function templateCatalogOf(env: OperationEnv): TemplateCatalog {
  let catalog = CATALOGS.get(env.client);
  if (catalog === undefined) {
    catalog = new TemplateCatalog(env);
    CATALOGS.set(env.client, catalog);
  }
  return catalog;
}
