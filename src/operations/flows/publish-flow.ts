import type { OperationSteps } from "../contract/operation.js";
import type { OperationEnv } from "../contract/operation-env.js";
import { type FlowEndpoint, flowActionDefinition } from "../records/flow-target.js";
import type { FlowActionPlan } from "./flow-action.js";
import { flowLifecycleOperation } from "./flow-lifecycle.js";

/**
 * publish_flow: POST /{flow_id}/publish. When the answer is lost (or the retry after a lost answer
 * is refused because the Flow is no longer a draft), the Flow's status decides: PUBLISHED is a
 * success.
 */
export function publishFlowOperation(
  env: OperationEnv,
  endpoint: FlowEndpoint,
): OperationSteps<FlowActionPlan> {
  return flowLifecycleOperation(env, endpoint, {
    name: "publish_flow",
    method: "POST",
    suffix: "/publish",
    settledStatus: "PUBLISHED",
    resolution: "confirmed_by_status",
  });
}

export const publishFlowDefinition = flowActionDefinition({
  name: "publish_flow",
  title: "Publish Flow",
  description: "POST /{flow_id}/publish. Publishing is irreversible.",
  syncMode: "update",
  compile: (env, endpoint) => publishFlowOperation(env, endpoint),
});
