import { project, requestedFields } from "../fields.js";
import { GraphErrorReply } from "../graph-error-reply.js";
import { invalidParam } from "../graph-errors.js";
import { param, requiredString } from "../params.js";
import type { Reply, RouteContext } from "../route-context.js";
import {
  PARAMETER_FORMATS,
  type ParameterFormat,
  readTemplateComponents,
} from "../templates/template-shape.js";
import type { TemplateRecord } from "../templates/template-store.js";
import type { TemplateCategory } from "../types.js";
import { page, requireWaba } from "./lookup.js";

const CATEGORIES: readonly TemplateCategory[] = ["MARKETING", "UTILITY", "AUTHENTICATION"];
const DEFAULT_FIELDS = ["name", "components", "language", "status", "category", "id"];

function components(ctx: RouteContext): unknown {
  const raw = param(ctx, "components");
  if (typeof raw !== "string") return raw;
  try {
    return JSON.parse(raw);
  } catch {
    throw new GraphErrorReply(invalidParam("components", "must be a JSON encoded array"));
  }
}

/**
 * POST /{waba}/message_templates: `{id, status, category}`. A new template is PENDING until the
 * control API approves or rejects it (or at once APPROVED with `autoApproveTemplates`).
 */
export function createTemplate(ctx: RouteContext): Reply {
  requireWaba(ctx);
  const name = requiredString(ctx, "name");
  if (!/^[a-z0-9_]{1,512}$/.test(name)) {
    throw new GraphErrorReply(
      invalidParam("name", "must contain only lowercase letters, digits and underscores"),
    );
  }
  const language = requiredString(ctx, "language");
  const category = requiredString(ctx, "category").toUpperCase() as TemplateCategory;
  if (!CATEGORIES.includes(category)) {
    throw new GraphErrorReply(
      invalidParam("category", `must be one of {${CATEGORIES.join(", ")}} - got "${category}".`),
    );
  }
  ctx.note.template = `${name}:${language}`;
  if (ctx.templates.find(name, language) !== undefined) {
    throw new GraphErrorReply({
      status: 400,
      code: 100,
      subcode: 2388024,
      message: "(#100) Invalid parameter",
      userTitle: "Content in this language already exists",
      userMsg: `There is already ${language} content for the template ${name}. Create a new template or edit the existing one.`,
    });
  }
  const format = param(ctx, "parameter_format") ?? "POSITIONAL";
  if (typeof format !== "string" || !PARAMETER_FORMATS.includes(format.toUpperCase() as ParameterFormat)) {
    throw new GraphErrorReply(
      invalidParam(
        "parameter_format",
        `must be one of {${PARAMETER_FORMATS.join(", ")}} - got "${String(format)}".`,
      ),
    );
  }
  const facts = readTemplateComponents(components(ctx), ctx.state, format.toUpperCase() as ParameterFormat);
  const t = ctx.templates.add(
    name,
    language,
    category,
    facts,
    ctx.autoApproveTemplates ? "APPROVED" : "PENDING",
  );
  return { status: 200, body: { id: t.id, status: t.status, category: t.category } };
}

function listFilter(ctx: RouteContext): (t: TemplateRecord) => boolean {
  const list = (name: string): string[] | undefined =>
    ctx.query
      .get(name)
      ?.split(",")
      .map((s) => s.trim().toUpperCase())
      .filter((s) => s !== "");
  const name = ctx.query.get("name")?.toLowerCase();
  const languages = ctx.query
    .get("language")
    ?.split(",")
    .map((s) => s.trim());
  const statuses = list("status");
  const categories = list("category");
  return (t) =>
    (name === undefined || t.name.includes(name)) &&
    (languages === undefined || languages.includes(t.language)) &&
    (statuses === undefined || statuses.includes(t.status)) &&
    (categories === undefined || categories.includes(t.category));
}

/** GET /{waba}/message_templates with Meta's filters: name (contains), language, status, category. */
export function listTemplates(ctx: RouteContext): Reply {
  requireWaba(ctx);
  const fields = requestedFields(ctx.query.get("fields"), DEFAULT_FIELDS);
  const paged = page(ctx, ctx.templates.all().filter(listFilter(ctx)));
  const data = paged.data.map((t) =>
    project(
      fields,
      {
        id: () => t.id,
        name: () => t.name,
        language: () => t.language,
        status: () => t.status,
        category: () => t.category,
        components: () => t.components,
        rejected_reason: () => t.rejectedReason,
        parameter_format: () => t.parameterFormat,
      },
      "WhatsAppBusinessHSM",
    ),
  );
  return { status: 200, body: { ...paged, data } };
}
