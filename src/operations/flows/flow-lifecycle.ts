import { classificationOf, GraphApiError, type HttpMethod } from "../../graph/index.js";
import { describeGraphPlan } from "../contract/describe-plan.js";
import type { OperationSteps, Outcome, SuccessResolution } from "../contract/operation.js";
import type { OperationEnv } from "../contract/operation-env.js";
import { readFlowStatus } from "../graph-calls/flow-lookup.js";
import { flowNamesOf } from "../graph-calls/flow-names.js";
import { callGraph, refusedAnswer, succeeded } from "../graph-calls/graph-call.js";
import { failureOutcome } from "../graph-calls/graph-failure.js";
import { isMissingObject } from "../graph-calls/missing-object.js";
import type { FlowEndpoint } from "../records/flow-target.js";
import { type FlowActionPlan, planFlowAction } from "./flow-action.js";
import { onFlowPath, type ResolvedFlowPlan, resolveFlowPlan } from "./flow-target-plan.js";

/**
 * publish, deprecate and delete share one shape: a bodiless call on /{flow_id}, idempotent in
 * intent. When Meta refuses or the answer is lost, the Flow's status decides: if it already is
 * where the record wants it, the record succeeded (a retry after a lost answer, or a re-run of
 * the same sync, must not turn into a rejection).
 */
export interface FlowLifecycleAction {
  readonly name: "publish_flow" | "deprecate_flow" | "delete_flow";
  readonly method: HttpMethod;
  /** Appended to /{flow_id}: "/publish", "/deprecate" or "" (DELETE). */
  readonly suffix: "/publish" | "/deprecate" | "";
  /** The status that means the record's intent already holds ("MISSING" for a deleted Flow). */
  readonly settledStatus: "PUBLISHED" | "DEPRECATED" | "MISSING";
  readonly resolution: SuccessResolution;
}

export function flowLifecycleOperation(
  env: OperationEnv,
  endpoint: FlowEndpoint,
  action: FlowLifecycleAction,
): OperationSteps<FlowActionPlan> {
  return {
    name: action.name,
    plan: (record, context) => planFlowAction(env, endpoint, record, context, action.method, action.suffix),
    orderingKey: (plan) => plan.key,
    describe: describeGraphPlan,
    execute: (plan, signal) => executeLifecycle(env, action, plan, signal),
  };
}

async function executeLifecycle(
  env: OperationEnv,
  action: FlowLifecycleAction,
  planned: FlowActionPlan,
  signal: AbortSignal | undefined,
): Promise<Outcome> {
  const plan = await resolveFlowPlan(env, planned, signal);
  if ("kind" in plan) return plan;
  const outcome = await callLifecycle(env, action, plan, signal);
  // A Flow this sync deleted by name no longer answers to it.
  if (outcome.kind === "succeeded" && action.settledStatus === "MISSING" && plan.flowName !== undefined) {
    flowNamesOf(env).forget(plan.flowName);
  }
  return outcome;
}

async function callLifecycle(
  env: OperationEnv,
  action: FlowLifecycleAction,
  plan: ResolvedFlowPlan<FlowActionPlan>,
  signal: AbortSignal | undefined,
): Promise<Outcome> {
  const result = await callGraph(env.client, plan.request, signal, plan.context.calls);
  if (result.ok) {
    const refusal = refusedAnswer(plan, result.response);
    if (refusal === undefined) {
      return succeeded(plan, result.response, { flowId: plan.flowId });
    }
    // A 200 `success: false` is a refusal like any other: the Flow's status still decides.
    return (await settledByStatus(env, action, plan, signal)) ?? refusal;
  }
  // A delete answered "no such object" needs no second read: the Flow is gone, as asked.
  if (
    action.settledStatus === "MISSING" &&
    isMissingObject(result.error) &&
    result.error instanceof GraphApiError
  ) {
    return succeeded(
      plan,
      { status: result.error.status, body: result.error.body },
      { flowId: plan.flowId },
      action.resolution,
    );
  }
  if (classificationOf(result.error).kind !== "config") {
    const settled = await settledByStatus(env, action, plan, signal);
    if (settled !== undefined) return settled;
  }
  return failureOutcome(plan, result.error, "management", onFlowPath(env, plan));
}

/** Succeeded when the Flow's status (read back) already is what the record wants. */
async function settledByStatus(
  env: OperationEnv,
  action: FlowLifecycleAction,
  plan: ResolvedFlowPlan<FlowActionPlan>,
  signal: AbortSignal | undefined,
): Promise<Outcome | undefined> {
  const status = await readFlowStatus(env, plan.flowId, signal, plan.context.calls);
  if (status?.value !== action.settledStatus) return undefined;
  const shown = action.settledStatus === "MISSING" ? "DELETED" : action.settledStatus;
  return succeeded(
    plan,
    { status: status.status, body: { id: plan.flowId, status: shown } },
    { flowId: plan.flowId },
    action.resolution,
  );
}
