import type { ConfigLevelCause } from "../../errors/index.js";
import { classificationOf, GraphApiError, refusedByCode } from "../../graph/index.js";
import { isMissingObject } from "./missing-object.js";
import type { TemplateInfo } from "./template-info.js";

/**
 * The one definition of a configuration-level cause: a rejection that no record naming the same
 * message template or Flow could escape, whatever else it held. `write` attaches these to the
 * rejections it reads (at plan time from the WABA's template list, at call time from Meta's
 * answer); `check` words its verdict on stream-fixed templates and Flows from the same functions.
 */

/** A message template as a send names it. */
export interface TemplateRef {
  readonly name: string;
  readonly language: string;
}

/** A Flow as a call names it: by id, by name, or both once the name is resolved. */
export interface FlowRef {
  readonly id?: string | undefined;
  readonly name?: string | undefined;
}

/** What a planned call names that Meta may refuse as such. */
export interface CallSubjects {
  readonly wabaId: string;
  readonly template?: TemplateRef;
  readonly flow?: FlowRef;
  /** The call's path is the Flow itself (/{flow_id}…): "does not exist" means the Flow is missing. */
  readonly flowOnPath?: boolean;
}

export const templateLabel = (template: TemplateRef): string =>
  `template "${template.name}" (${template.language})`;

export function flowLabel(flow: FlowRef): string {
  if (flow.id === undefined) return `Flow "${flow.name ?? ""}"`;
  return flow.name === undefined ? `Flow ${flow.id}` : `Flow ${flow.id} ("${flow.name}")`;
}

/** Why no send of a template can succeed: it is not listed, not APPROVED, or has no FLOW button. */
export type TemplateProblem =
  | { readonly kind: "missing" }
  | { readonly kind: "status"; readonly status: string; readonly rejectedReason?: string | undefined }
  | { readonly kind: "no_flow_button" };

/** The problem of a template as the WABA's list describes it; undefined when sends can succeed. */
export function templateProblemOf(info: TemplateInfo | undefined): TemplateProblem | undefined {
  if (info === undefined) return { kind: "missing" };
  if (info.status !== "APPROVED") {
    return { kind: "status", status: info.status, rejectedReason: info.rejectedReason };
  }
  if (info.flowButtons.length === 0) return { kind: "no_flow_button" };
  return undefined;
}

const STATUS_HINTS: Readonly<Record<string, string>> = {
  PENDING: "Wait for Meta's review to approve it, then run the sync again",
  IN_APPEAL: "Wait for Meta's decision on the appeal, then run the sync again",
  REJECTED:
    "Edit the template and submit it again (WhatsApp Manager → Message templates), or send another one",
  PAUSED: "Meta paused it for low quality: edit it, or send another template",
  DISABLED: "Meta disabled it for low quality: create a new template with create_flow_template",
};

/** A template problem as a cause: what is wrong and what to do. */
export function templateCause(
  template: TemplateRef,
  problem: TemplateProblem,
  wabaId: string,
): ConfigLevelCause {
  const label = templateLabel(template);
  const key = `template\u0000${template.name}\u0000${template.language}\u0000`;
  switch (problem.kind) {
    case "missing":
      return {
        key: `${key}missing`,
        problem: `${label} does not exist in WhatsApp Business Account ${wabaId}`,
        hint: "Check template_name and language against WhatsApp Manager → Message templates (both are exact), or create the template with create_flow_template",
      };
    case "status": {
      // Meta lists rejected_reason "NONE" for templates that were not rejected.
      const reason = problem.rejectedReason;
      const why = reason === undefined || reason === "NONE" ? "" : ` (${reason})`;
      return {
        key: `${key}status:${problem.status}`,
        problem: `${label} is ${problem.status}${why}: only APPROVED templates can be sent`,
        hint:
          STATUS_HINTS[problem.status] ??
          "Check its status in WhatsApp Manager → Message templates, or send an APPROVED template",
      };
    }
    case "no_flow_button":
      return {
        key: `${key}no_flow_button`,
        problem: `${label} has no FLOW button`,
        hint: "send_flow_template sends a template whose FLOW button opens the Flow: create one with create_flow_template",
      };
  }
}

/** The Flow a call names does not exist under the WABA (or the token cannot see it). */
export function flowMissingCause(flow: FlowRef, wabaId: string): ConfigLevelCause {
  return {
    key: `flow\u0000${flow.id ?? ""}\u0000${flow.name ?? ""}\u0000missing`,
    problem:
      flow.id === undefined
        ? `no Flow named "${flow.name ?? ""}" exists under WhatsApp Business Account ${wabaId}`
        : `${flowLabel(flow)} does not exist or the token cannot access it`,
    hint: "Check the Flow's ID or exact name in WhatsApp Manager → Flows, or create the Flow first (create_flow or deploy_flow)",
  };
}

/**
 * The configuration-level cause of a refused call: Meta's code refuses the template or the Flow
 * the call names as such (see the classification table's `refuses`), or a call on a Flow's own
 * path is told that the Flow does not exist. Undefined for everything a record can be at fault for.
 */
export function configCauseOf(error: unknown, subjects: CallSubjects): ConfigLevelCause | undefined {
  if (!(error instanceof GraphApiError)) return undefined;
  const refused = refusedByCode(error.graphCode);
  const what = `Graph error ${error.graphCode}`;
  const reason = classificationOf(error).reason;
  if (refused === "template" && subjects.template !== undefined) {
    const { name, language } = subjects.template;
    return {
      key: `template\u0000${name}\u0000${language}\u0000${what}`,
      problem: `Meta refused ${templateLabel(subjects.template)}: ${reason} (${what})`,
      hint: "Fix template_name and language (in the stream's endpoint or the records), or the template in WhatsApp Manager → Message templates",
    };
  }
  if (refused === "flow" && subjects.flow !== undefined) {
    return {
      key: `flow\u0000${subjects.flow.id ?? ""}\u0000${subjects.flow.name ?? ""}\u0000${what}`,
      problem: `Meta refused ${flowLabel(subjects.flow)}: ${reason} (${what})`,
      hint: "Check the Flow's status and health in WhatsApp Manager → Flows, or send another Flow",
    };
  }
  if (subjects.flowOnPath === true && subjects.flow !== undefined && isMissingObject(error)) {
    return flowMissingCause(subjects.flow, subjects.wabaId);
  }
  return undefined;
}
