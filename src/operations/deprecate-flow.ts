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
 * deprecate_flow: POST /{flow_id}/deprecate. Deprecating an already deprecated Flow is a success:
 * Meta refuses it (139003), so any refusal is checked against the Flow's status.
 */
export function deprecateFlowOperation(
  env: OperationEnv,
  endpoint: EndpointOf<"deprecate_flow">,
): Operation<FlowActionPlan> {
  return {
    template: "deprecate_flow",
    plan: (record, context) => planFlowAction(env, endpoint.flow_id, record, context, "POST", "/deprecate"),
    orderingKey: (plan) => plan.key,
    describe: describeGraphPlan,
    execute: (plan, signal) => executeDeprecateFlow(env, plan, signal),
  };
}

async function executeDeprecateFlow(
  env: OperationEnv,
  plan: FlowActionPlan,
  signal: AbortSignal | undefined,
): Promise<Outcome> {
  const result = await callGraph(env.client, plan.request, signal);
  if (result.ok) return succeeded(plan, result.response, result.response.attempts, { flowId: plan.flowId });
  if (classifyGraphError(result.error, { idempotent: true }).kind !== "config") {
    const status = await readFlowStatus(env, plan.flowId, signal);
    if (status?.value === "DEPRECATED") {
      return succeeded(
        plan,
        { status: status.status, body: { id: plan.flowId, status: status.value } },
        result.attempts + status.attempts,
        { flowId: plan.flowId },
        "already_deprecated",
      );
    }
  }
  return failureOutcome(plan, result.error, result.attempts, "management");
}
