import type { Config } from "../../config/index.js";
import { ConnectorError } from "../../errors/index.js";
import {
  CallTally,
  createOperationEnv,
  definitionOf,
  type FlowRef,
  flowMissingCause,
  flowNamesOf,
  type GraphRequester,
  listTemplatesOrWhy,
  type OperationEnv,
  readFlowStatus,
  type TemplateInfo,
  templateCause,
  templateLabel,
  templateProblemOf,
} from "../../operations/index.js";

/** A template, language or Flow that a `streams[]` entry fixes for all its records. */
interface Fixed {
  /** `Stream "campaign" (streams[2].endpoint.template_name)`: where the user fixes it. */
  readonly where: string;
}
interface FixedTemplate extends Fixed {
  readonly name: string;
  /** Undefined when records say it (then any of the template's languages may be theirs). */
  readonly language: string | undefined;
  readonly buttonIndex: number | undefined;
}
interface FixedFlow extends Fixed {
  readonly flow: FlowRef;
}

/** Operations whose records want their Flow gone: a Flow that does not exist already is. */
const WANTS_FLOW_GONE = new Set(["delete_flow"]);

/** How many sendable templates a FAILED message names before "and N more". */
const NAMED_TEMPLATES = 10;

/**
 * What the streams fix, looked up as `write` looks it up (the same template list, Flow read and
 * name resolution), so that a campaign whose template or Flow cannot be used fails here rather
 * than in a sync that rejects every record: a fixed `template_name` must name an APPROVED
 * template with a FLOW button, a fixed `flow_id` or `flow_name` an existing Flow. The lookups run
 * side by side (check runs while the user waits). Each problem is a sentence naming the stream,
 * the field and the value, with what to do; undefined when all is well.
 */
export async function probeStreamTargets(
  config: Config,
  client: GraphRequester,
  signal: AbortSignal,
): Promise<string | undefined> {
  const { templates, flows } = fixedTargets(config);
  if (templates.length === 0 && flows.length === 0) return undefined;
  const env = createOperationEnv(config, client);
  const tally = new CallTally();
  const [listed, ...flowProblems] = await Promise.all([
    templates.length === 0 ? Promise.resolve([]) : listTemplatesOrWhy(env, signal),
    ...flows.map(async (fixed) => {
      try {
        return await flowProblem(fixed, env, signal, tally);
      } catch (error) {
        if (error instanceof ConnectorError) return `${fixed.where}: ${error.message}`;
        throw error;
      }
    }),
  ]);
  const problems = [
    ...templates.map((fixed) =>
      typeof listed === "string"
        ? `${fixed.where}: ${listed}; run check again`
        : templateProblem(fixed, listed, config.waba_id),
    ),
    ...flowProblems,
  ].filter((problem): problem is string => problem !== undefined);
  return problems.length === 0 ? undefined : problems.join(". ");
}

function fixedTargets(config: Config): { templates: FixedTemplate[]; flows: FixedFlow[] } {
  const templates: FixedTemplate[] = [];
  const flows: FixedFlow[] = [];
  config.streams.forEach((mapping, i) => {
    const endpoint = mapping.endpoint as Readonly<Record<string, unknown>>;
    const configurable = definitionOf(mapping.endpoint.template)?.configurable ?? [];
    const fixed = (option: string): string | undefined => {
      const value = endpoint[option];
      return configurable.includes(option) && typeof value === "string" && value !== "" ? value : undefined;
    };
    const stream = mapping.namespace ? `${mapping.namespace}.${mapping.stream_name}` : mapping.stream_name;
    const where = (option: string) => `Stream "${stream}" (streams[${i}].endpoint.${option})`;
    const name = fixed("template_name");
    if (name !== undefined) {
      const index = endpoint.button_index;
      templates.push({
        where: where("template_name"),
        name,
        language: fixed("language"),
        buttonIndex: typeof index === "number" ? index : undefined,
      });
    }
    if (WANTS_FLOW_GONE.has(mapping.endpoint.template)) return;
    const flowId = fixed("flow_id");
    const flowName = fixed("flow_name");
    if (flowId !== undefined) flows.push({ where: where("flow_id"), flow: { id: flowId } });
    else if (flowName !== undefined) flows.push({ where: where("flow_name"), flow: { name: flowName } });
  });
  return { templates, flows };
}

/** The template's problem, as write's plan-time check would meet it; undefined when sendable. */
function templateProblem(
  fixed: FixedTemplate,
  listed: readonly TemplateInfo[],
  wabaId: string,
): string | undefined {
  const named = listed.filter((t) => t.name === fixed.name);
  // Without a fixed language each record says its own: one sendable language is enough.
  const candidates =
    fixed.language === undefined ? named : named.filter((t) => t.language === fixed.language);
  if (fixed.language === undefined && candidates.some((t) => templateProblemOf(t) === undefined)) {
    return undefined;
  }
  const info = candidates[0];
  const ref = { name: fixed.name, language: fixed.language ?? info?.language ?? "any language" };
  const problem = templateProblemOf(info);
  if (problem === undefined && info !== undefined) {
    if (fixed.buttonIndex === undefined || info.flowButtons.includes(fixed.buttonIndex)) return undefined;
    return `${fixed.where}: the stream's button_index is ${fixed.buttonIndex}, but ${templateLabel(ref)} has its FLOW button at index ${info.flowButtons.join(", ")}. Set button_index to that index, or leave it empty`;
  }
  const cause = templateCause(ref, problem ?? { kind: "missing" }, wabaId);
  const sendable = problem?.kind === "missing" ? `; ${sendableTemplates(listed)}` : "";
  return `${fixed.where}: ${cause.problem}${sendable}. ${cause.hint}`;
}

function sendableTemplates(listed: readonly TemplateInfo[]): string {
  const names = listed
    .filter((t) => templateProblemOf(t) === undefined)
    .map((t) => `${t.name} (${t.language})`)
    .sort();
  if (names.length === 0) return "the WABA has no APPROVED template with a FLOW button";
  const more = names.length > NAMED_TEMPLATES ? `, and ${names.length - NAMED_TEMPLATES} more` : "";
  return `APPROVED templates with a FLOW button: ${names.slice(0, NAMED_TEMPLATES).join(", ")}${more}`;
}

async function flowProblem(
  fixed: FixedFlow,
  env: OperationEnv,
  signal: AbortSignal,
  tally: CallTally,
): Promise<string | undefined> {
  const { id, name } = fixed.flow;
  let missing: boolean;
  if (id !== undefined) {
    const status = await readFlowStatus(env, id, signal, tally);
    if (status === undefined)
      return `${fixed.where}: Flow ${id} could not be read to check it; run check again`;
    missing = status.value === "MISSING";
  } else {
    const found = await flowNamesOf(env).resolve(env, name ?? "", signal, tally);
    if (found === null) {
      return `${fixed.where}: the Flows of WhatsApp Business Account ${env.wabaId} could not be listed to find Flow "${name}"; run check again`;
    }
    missing = found === undefined;
  }
  if (!missing) return undefined;
  const cause = flowMissingCause(fixed.flow, env.wabaId);
  return `${fixed.where}: ${cause.problem}. ${cause.hint}`;
}
