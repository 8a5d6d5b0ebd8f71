import type { EndpointOf } from "../config/index.js";
import { classifyGraphError } from "../graph/index.js";
import { describeGraphPlan } from "./describe-plan.js";
import { type FlowActionPlan, planFlowAction } from "./flow-action.js";
import { readFlowStatus } from "./flow-lookup.js";
import { callGraph, succeeded } from "./graph-call.js";
import { failureOutcome } from "./graph-failure.js";
import type { Operation, Outcome } from "./operation.js";
import type { OperationEnv } from "./operation-env.js";

/**
 * publish_flow: POST /{flow_id}/publish. When the answer is lost (or the retry after a lost answer
 * is refused because the Flow is no longer a draft), the Flow's status decides: PUBLISHED is a
 * success.
 */
export function publishFlowOperation(
  env: OperationEnv,
  endpoint: EndpointOf<"publish_flow">,
): Operation<FlowActionPlan> {
  return {
    template: "publish_flow",
    plan: (record, context) => planFlowAction(env, endpoint.flow_id, record, context, "POST", "/publish"),
    orderingKey: (plan) => plan.key,
    describe: describeGraphPlan,
    execute: (plan, signal) => executePublishFlow(env, plan, signal),
  };
}

async function executePublishFlow(
  env: OperationEnv,
  plan: FlowActionPlan,
  signal: AbortSignal | undefined,
): Promise<Outcome> {
  const result = await callGraph(env.client, plan.request, signal);
  if (result.ok) return succeeded(plan, result.response, result.response.attempts, { flowId: plan.flowId });
  if (classifyGraphError(result.error, { idempotent: true }).kind !== "config") {
    const status = await readFlowStatus(env, plan.flowId, signal);
    if (status?.value === "PUBLISHED") {
      return succeeded(
        plan,
        { status: status.status, body: { id: plan.flowId, status: status.value } },
        result.attempts + status.attempts,
        { flowId: plan.flowId },
        "confirmed_by_status",
      );
    }
  }
  return failureOutcome(plan, result.error, result.attempts, "management");
}
