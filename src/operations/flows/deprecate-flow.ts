import type { OperationSteps } from "../contract/operation.js";
import type { OperationEnv } from "../contract/operation-env.js";
import { type FlowEndpoint, flowActionDefinition } from "../records/flow-target.js";
import type { FlowActionPlan } from "./flow-action.js";
import { flowLifecycleOperation } from "./flow-lifecycle.js";

/**
 * deprecate_flow: POST /{flow_id}/deprecate. Deprecating an already deprecated Flow is a success:
 * Meta refuses it (139003), so any refusal is checked against the Flow's status.
 */
export function deprecateFlowOperation(
  env: OperationEnv,
  endpoint: FlowEndpoint,
): OperationSteps<FlowActionPlan> {
  return flowLifecycleOperation(env, endpoint, {
    name: "deprecate_flow",
    method: "POST",
    suffix: "/deprecate",
    settledStatus: "DEPRECATED",
    resolution: "already_deprecated",
  });
}

export const deprecateFlowDefinition = flowActionDefinition({
  name: "deprecate_flow",
  title: "Deprecate Flow",
  description: "POST /{flow_id}/deprecate. An already deprecated Flow counts as success.",
  syncMode: "update",
  compile: (env, endpoint) => deprecateFlowOperation(env, endpoint),
});
