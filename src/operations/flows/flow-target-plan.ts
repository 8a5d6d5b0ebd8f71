import { RecordError } from "../../errors/index.js";
import type { ExpectedAnswer, GraphBody, HttpMethod } from "../../graph/index.js";
import type { Effects } from "../contract/effects.js";
import { type GraphPlan, managementLane, recordLabel, versionedPlan } from "../contract/graph-plan.js";
import type { RecordContext, RejectedOutcome } from "../contract/operation.js";
import type { OperationEnv } from "../contract/operation-env.js";
import { type CallSubjects, flowMissingCause } from "../graph-calls/config-cause.js";
import { flowNamesOf } from "../graph-calls/flow-names.js";
import type { FailureReading } from "../graph-calls/graph-failure.js";
import type { FlowTarget } from "../records/path-ids.js";

/**
 * A call on one existing Flow, planned before its id may be known: a record naming its Flow by
 * `flow_name` is planned (and checked) at read time with a placeholder in the path, and the name
 * is resolved under the WABA when the call is made (../graph-calls/flow-names.ts: once per name per sync).
 */
export interface FlowTargetPlan extends GraphPlan {
  /** Known at plan time for a record (or stream) giving the id; set by resolveFlowPlan otherwise. */
  readonly flowId: string | undefined;
  readonly flowName: string | undefined;
  /** Appended to /{flow_id}: "/assets", "/publish", "/deprecate" or "". */
  readonly suffix: string;
}

export type ResolvedFlowPlan<P extends FlowTargetPlan> = P & { readonly flowId: string };

export function flowTargetPlan(
  env: OperationEnv,
  context: RecordContext,
  target: FlowTarget,
  init: {
    readonly method: HttpMethod;
    readonly suffix: string;
    readonly body: GraphBody;
    readonly effects: Effects;
    readonly expect: ExpectedAnswer;
  },
): FlowTargetPlan {
  // Records naming one Flow run in order whichever way they name it only if they name it alike:
  // by id the key is the id, by name the name (the key create_flow and deploy_flow use too).
  const key = target.flowId !== undefined ? `flow:${target.flowId}` : `flow-name:${target.flowName}`;
  const plan = versionedPlan(env, context, {
    method: init.method,
    path: (target.flowId ?? placeholder(target.flowName!)) + init.suffix,
    body: init.body,
    effects: init.effects,
    pacing: managementLane(env),
    key,
    expect: init.expect,
  });
  return { ...plan, flowId: target.flowId, flowName: target.flowName, suffix: init.suffix };
}

/** How a dry run shows a Flow known by name only: `{flow_name:Order%20survey}`. */
function placeholder(name: string): string {
  return `{flow_name:${encodeURIComponent(name)}}`;
}

/**
 * The plan with its Flow's id in the path: as planned when the record gave the id, else the
 * name resolved under the WABA. A name that does not exist (or could not be looked up) rejects
 * the record naming it; nothing is called on any Flow.
 */
export async function resolveFlowPlan<P extends FlowTargetPlan>(
  env: OperationEnv,
  plan: P,
  signal: AbortSignal | undefined,
): Promise<ResolvedFlowPlan<P> | RejectedOutcome> {
  if (plan.flowId !== undefined) return plan as ResolvedFlowPlan<P>;
  const name = plan.flowName!;
  const answer = await flowNamesOf(env).resolve(env, name, signal, plan.context.calls);
  if (answer === undefined || answer === null) return unresolved(env, plan, name, answer === null);
  const path = answer.id + plan.suffix;
  return {
    ...plan,
    flowId: answer.id,
    request: { ...plan.request, path },
    summary: { method: plan.summary.method, url: env.urlPrefix + path },
  };
}

/**
 * How a failed call on a resolved Flow is read: its path is the Flow, so "does not exist" (and
 * Meta's refusals of the Flow as such) are causes no record naming that Flow can escape.
 */
export function onFlowPath(env: OperationEnv, plan: ResolvedFlowPlan<FlowTargetPlan>): FailureReading {
  const subjects: CallSubjects = {
    wabaId: env.wabaId,
    flow: { id: plan.flowId, name: plan.flowName },
    flowOnPath: true,
  };
  return { subjects };
}

function unresolved(
  env: OperationEnv,
  plan: GraphPlan,
  name: string,
  lookupFailed: boolean,
): RejectedOutcome {
  const problem = lookupFailed
    ? `the Flows of WhatsApp Business Account ${env.wabaId} could not be listed to find Flow "${name}"`
    : `no Flow named "${name}" exists under WhatsApp Business Account ${env.wabaId}`;
  return {
    kind: "rejected",
    request: { method: "GET", url: `${env.urlPrefix}${env.wabaId}/flows` },
    error: new RecordError(`${recordLabel(plan.context)}: field "flow_name": ${problem}`, {
      code: lookupFailed ? "ERR_FLOW_NAME_UNRESOLVED" : "ERR_FLOW_NAME_UNKNOWN",
      field: "flow_name",
      configCause: lookupFailed ? undefined : flowMissingCause({ name }, env.wabaId),
      hint: lookupFailed
        ? "Run the sync again later; the record was not applied"
        : "Check the name (names are exact and case-sensitive), create the Flow first (create_flow or deploy_flow), or give its flow_id",
    }),
  };
}
