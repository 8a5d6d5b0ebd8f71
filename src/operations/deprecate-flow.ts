import type { EndpointOf } from "../config/index.js";
import type { FlowActionPlan } from "./flow-action.js";
import { flowLifecycleOperation } from "./flow-lifecycle.js";
import type { Operation } from "./operation.js";
import type { OperationEnv } from "./operation-env.js";

/**
 * deprecate_flow: POST /{flow_id}/deprecate. Deprecating an already deprecated Flow is a success:
 * Meta refuses it (139003), so any refusal is checked against the Flow's status.
 */
export function deprecateFlowOperation(
  env: OperationEnv,
  endpoint: EndpointOf<"deprecate_flow">,
): Operation<FlowActionPlan> {
  return flowLifecycleOperation(env, endpoint.flow_id, {
    template: "deprecate_flow",
    method: "POST",
    suffix: "/deprecate",
    settledStatus: "DEPRECATED",
    resolution: "already_deprecated",
  });
}
