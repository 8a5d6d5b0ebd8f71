import { classificationOf, GraphApiError } from "../../graph/index.js";
import * as z from "../../zod.js";
import { withMeta } from "../../zod.js";
import { defineOperation } from "../contract/definition.js";
import { describeGraphPlan } from "../contract/describe-plan.js";
import { type GraphPlan, managementLane, versionedPlan } from "../contract/graph-plan.js";
import type { OperationSteps, Outcome, SuccessResolution } from "../contract/operation.js";
import type { OperationEnv } from "../contract/operation-env.js";
import { settleTemplateCreate } from "../graph-calls/create-lookup.js";
import { callGraph, succeeded } from "../graph-calls/graph-call.js";
import { failureOutcome } from "../graph-calls/graph-failure.js";
import { listTemplates } from "../graph-calls/template-catalog.js";
import type { TemplateInfo } from "../graph-calls/template-info.js";
import { isPlainObject } from "../records/record-fields.js";
import { field, optional, recordSchema } from "../records/record-schema.js";
import { planTemplateCreate } from "./template-create-body.js";
import { HEADER_FORMATS, TEMPLATE_LIMITS } from "./template-limits.js";
import { PARAMETER_FORMATS } from "./template-placeholders.js";

export interface CreateTemplatePlan extends GraphPlan {
  readonly name: string;
  readonly language: string;
}

/**
 * create_flow_template: POST /{waba_id}/message_templates with a BODY (numbered or named
 * placeholders), an optional text or media HEADER and FOOTER, and a BUTTONS component holding one
 * FLOW button (a Flow by id or name, or inline Flow JSON). Idempotent by (name, language), which Meta keeps unique: the template
 * is looked up first, and again after Meta's "already exists" or a lost answer, so a re-run
 * reports the existing template (and its review status) instead of failing or creating twice.
 */
export function createFlowTemplateOperation(env: OperationEnv): OperationSteps<CreateTemplatePlan> {
  return {
    name: "create_flow_template",
    plan: (record, context) => {
      const { name, language, body, warnings } = planTemplateCreate(record, env.templateLanguage, context);
      const plan = versionedPlan(env, context, {
        method: "POST",
        path: `${env.wabaId}/message_templates`,
        body: { kind: "json", value: body },
        effects: "creates",
        pacing: managementLane(env),
        key: `template:${name}:${language}`,
        expect: "object_id",
      });
      return { ...plan, name, language, ...(warnings.length === 0 ? {} : { warnings }) };
    },
    orderingKey: (plan) => plan.key,
    describe: describeGraphPlan,
    execute: (plan, signal) => executeCreate(env, plan, signal),
    settleEarlierTry: settleTemplateCreate,
  };
}

async function executeCreate(
  env: OperationEnv,
  plan: CreateTemplatePlan,
  signal: AbortSignal | undefined,
): Promise<Outcome> {
  const before = await findTemplate(env, plan, signal);
  if (before?.info !== undefined) return existing(plan, before.info, "existing_template");
  const result = await callGraph(env.client, plan.request, signal, plan.context.calls);
  if (result.ok) {
    const body = result.response.body;
    const id = (body as { id: string }).id; // checked by the client (expect: object_id)
    const status = isPlainObject(body) && typeof body.status === "string" ? body.status : "PENDING";
    const category = isPlainObject(body) && typeof body.category === "string" ? body.category : undefined;
    const info: TemplateInfo = {
      id,
      name: plan.name,
      language: plan.language,
      status,
      category,
      rejectedReason: undefined,
      bodyParams: 0,
      headerParams: 0,
      flowButtons: [],
    };
    return existing(plan, info, undefined, result.response.status);
  }
  if (isDuplicateTemplate(result.error) || classificationOf(result.error).kind === "ambiguous") {
    // Created meanwhile, or by the call whose answer was lost: the list says which template it is.
    const after = await findTemplate(env, plan, signal);
    if (after?.info !== undefined) {
      return existing(plan, after.info, "existing_template");
    }
  }
  return failureOutcome(plan, result.error, "management");
}

/** Meta's "Content in this language already exists" (code 100, subcode 2388024). */
function isDuplicateTemplate(error: unknown): boolean {
  return error instanceof GraphApiError && error.graphCode === 100 && error.subcode === 2388024;
}

async function findTemplate(
  env: OperationEnv,
  plan: CreateTemplatePlan,
  signal: AbortSignal | undefined,
): Promise<{ info: TemplateInfo | undefined } | undefined> {
  const listed = await listTemplates(env, signal, plan.context.calls, plan.name);
  if (!listed.ok) return undefined;
  const info = listed.templates.find((t) => t.name === plan.name && t.language === plan.language);
  return { info };
}

/**
 * The template's review status is what the user acts on: it is the success's body (and so the
 * webhook's) and its note (an INFO line of the report); a REJECTED template is also a warning.
 */
function existing(
  plan: CreateTemplatePlan,
  info: TemplateInfo,
  resolution: SuccessResolution | undefined,
  status = 200,
): Outcome {
  const body = {
    id: info.id,
    name: info.name,
    language: info.language,
    status: info.status,
    category: info.category ?? null,
    rejected_reason: info.rejectedReason ?? null,
  };
  const label = `template "${info.name}" (${info.language}) ${resolution === undefined ? "created" : "already existed"} (id ${info.id})`;
  const next =
    info.status === "APPROVED"
      ? "it can be sent"
      : info.status === "REJECTED"
        ? `reason: ${info.rejectedReason ?? "not given"}`
        : "it can be sent once Meta's review APPROVES it";
  const note = `${label}, status ${info.status}: ${next}`;
  const warnings =
    info.status === "REJECTED"
      ? [
          ...(plan.warnings ?? []),
          `${label} was REJECTED by Meta's review (reason: ${info.rejectedReason ?? "not given"}): edit it in WhatsApp Manager or create it under a new name`,
        ]
      : undefined;
  return {
    ...succeeded(
      warnings === undefined ? plan : { ...plan, warnings },
      { status, body },
      undefined,
      resolution,
    ),
    note,
  };
}

export const createFlowTemplateDefinition = defineOperation({
  name: "create_flow_template",
  title: "Create Flow Template",
  description:
    "POST /{waba_id}/message_templates: a message template whose FLOW button opens a Flow (by flow_id or flow_name, or inline flow_json). Record: name, language, category, parameter_format, body, body_examples, header_format, header, header_example, footer, button_text, flow_id or flow_name or flow_json, navigate_screen, flow_action. An existing (name, language) is reused and reported with its status.",
  options: {},
  record: () =>
    recordSchema({
      name: field.text("The template's name: lowercase letters, digits and underscores."),
      language: optional(field.text("The language code; default: the connector's template_language.")),
      category: field.oneOf(["MARKETING", "UTILITY"], "The template's category."),
      parameter_format: optional(
        field.oneOf(
          PARAMETER_FORMATS,
          "NAMED for {{first_name}}-style placeholders, POSITIONAL for {{1}}…{{n}}; default: the kind the texts hold.",
        ),
      ),
      body: field.text(
        "The BODY text, with {{1}}…{{n}} or named ({{first_name}}) placeholders.",
        TEMPLATE_LIMITS.body,
      ),
      body_examples: optional(
        withMeta(
          z.union([
            z.array(z.union([z.string().check(z.minLength(1)), z.number()])).check(z.minLength(1)),
            z.looseObject({}),
            z.string().check(z.minLength(1)),
          ]),
          {
            description:
              'One sample value per BODY placeholder (Meta\'s review needs them): an array in placeholder order, an object by name for named placeholders ({"first_name": "Ana"}), or its JSON text.',
          },
        ),
      ),
      header_format: optional(
        field.oneOf(
          HEADER_FORMATS,
          "The HEADER's format: TEXT (default when header is given), or an IMAGE, VIDEO or DOCUMENT header.",
        ),
      ),
      header: optional(field.text("A text HEADER (at most one placeholder).", TEMPLATE_LIMITS.header)),
      header_example: optional(
        field.text(
          "The HEADER's sample: the value of a text header's placeholder, or for a media header a handle from Meta's Resumable Upload API or the media's URL.",
        ),
      ),
      footer: optional(field.text("A FOOTER text.", TEMPLATE_LIMITS.footer)),
      button_text: field.text("The FLOW button's text.", TEMPLATE_LIMITS.button),
      flow_id: optional(field.id("The Flow the button opens (or give flow_name or flow_json).")),
      flow_name: optional(field.text("The Flow the button opens, by name (or give flow_id or flow_json).")),
      flow_json: optional(
        field.json(
          "The Flow the button opens, inline: its Flow JSON (object or text), validated locally before the call (or give flow_id or flow_name).",
        ),
      ),
      navigate_screen: optional(field.text("The screen the Flow opens on (navigate only).")),
      flow_action: optional(
        field.oneOf(["navigate", "data_exchange"], 'How the Flow opens (default "navigate").'),
      ),
    }),
  matchingKeys: [],
  syncModes: ["append"],
  effects: "creates",
  compile: (env) => createFlowTemplateOperation(env),
});
