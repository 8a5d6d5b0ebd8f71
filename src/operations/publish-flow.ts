import type { EndpointOf } from "../config/index.js";
import type { FlowActionPlan } from "./flow-action.js";
import { flowLifecycleOperation } from "./flow-lifecycle.js";
import type { Operation } from "./operation.js";
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
  return flowLifecycleOperation(env, endpoint.flow_id, {
    template: "publish_flow",
    method: "POST",
    suffix: "/publish",
    settledStatus: "PUBLISHED",
    resolution: "confirmed_by_status",
  });
}
