import type { EndpointOf } from "../config/index.js";
import { classifyGraphError, GraphApiError } from "../graph/index.js";
import { describeGraphPlan } from "./describe-plan.js";
import { type FlowActionPlan, planFlowAction } from "./flow-action.js";
import { isMissingObject, readFlowStatus } from "./flow-lookup.js";
import { callGraph, succeeded } from "./graph-call.js";
import { failureOutcome } from "./graph-failure.js";
import type { Operation, Outcome } from "./operation.js";
import type { OperationEnv } from "./operation-env.js";

/**
 * delete_flow: DELETE /{flow_id}. A Flow that no longer exists (100/33, e.g. the retry after a
 * lost answer) is a success: the record's intent holds.
 */
export function deleteFlowOperation(
  env: OperationEnv,
  endpoint: EndpointOf<"delete_flow">,
): Operation<FlowActionPlan> {
  return {
    template: "delete_flow",
    plan: (record, context) => planFlowAction(env, endpoint.flow_id, record, context, "DELETE", ""),
    orderingKey: (plan) => plan.key,
    describe: describeGraphPlan,
    execute: (plan, signal) => executeDeleteFlow(env, plan, signal),
  };
}

async function executeDeleteFlow(
  env: OperationEnv,
  plan: FlowActionPlan,
  signal: AbortSignal | undefined,
): Promise<Outcome> {
  const result = await callGraph(env.client, plan.request, signal);
  if (result.ok) return succeeded(plan, result.response, result.response.attempts, { flowId: plan.flowId });
  if (isMissingObject(result.error) && result.error instanceof GraphApiError) {
    return succeeded(
      plan,
      { status: result.error.status, body: result.error.body },
      result.attempts,
      { flowId: plan.flowId },
      "already_deleted",
    );
  }
  if (classifyGraphError(result.error, { idempotent: true }).kind !== "config") {
    const status = await readFlowStatus(env, plan.flowId, signal);
    if (status?.value === "MISSING") {
      return succeeded(
        plan,
        { status: status.status, body: { id: plan.flowId, status: "DELETED" } },
        result.attempts + status.attempts,
        { flowId: plan.flowId },
        "already_deleted",
      );
    }
  }
  return failureOutcome(plan, result.error, result.attempts, "management");
}
