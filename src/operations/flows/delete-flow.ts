import type { OperationSteps } from "../contract/operation.js";
import type { OperationEnv } from "../contract/operation-env.js";
import { type FlowEndpoint, flowActionDefinition } from "../records/flow-target.js";
import type { FlowActionPlan } from "./flow-action.js";
import { flowLifecycleOperation } from "./flow-lifecycle.js";

/**
 * delete_flow: DELETE /{flow_id}. A Flow that no longer exists (100/33, e.g. the retry after a
 * lost answer) is a success: the record's intent holds.
 */
export function deleteFlowOperation(
  env: OperationEnv,
  endpoint: FlowEndpoint,
): OperationSteps<FlowActionPlan> {
  return flowLifecycleOperation(env, endpoint, {
    name: "delete_flow",
    method: "DELETE",
    suffix: "",
    settledStatus: "MISSING",
    resolution: "already_deleted",
  });
}

export const deleteFlowDefinition = flowActionDefinition({
  name: "delete_flow",
  title: "Delete Flow",
  description: "DELETE /{flow_id} (draft Flows only). A Flow that no longer exists counts as success.",
  syncMode: "soft_delete",
  compile: (env, endpoint) => deleteFlowOperation(env, endpoint),
});
