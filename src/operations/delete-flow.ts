import { defineOperation } from "./definition.js";
import type { FlowActionPlan } from "./flow-action.js";
import { flowLifecycleOperation } from "./flow-lifecycle.js";
import { FLOW_MATCHING_KEYS, type FlowEndpoint, flowIdRecordField, flowOptions } from "./flow-target.js";
import type { Operation } from "./operation.js";
import type { OperationEnv } from "./operation-env.js";
import { recordSchema } from "./record-schema.js";

/**
 * delete_flow: DELETE /{flow_id}. A Flow that no longer exists (100/33, e.g. the retry after a
 * lost answer) is a success: the record's intent holds.
 */
export function deleteFlowOperation(env: OperationEnv, endpoint: FlowEndpoint): Operation<FlowActionPlan> {
  return flowLifecycleOperation(env, endpoint.flow_id, {
    template: "delete_flow",
    method: "DELETE",
    suffix: "",
    settledStatus: "MISSING",
    resolution: "already_deleted",
  });
}

export const deleteFlowDefinition = defineOperation({
  name: "delete_flow",
  title: "Delete Flow",
  description: "DELETE /{flow_id} (draft Flows only). A Flow that no longer exists counts as success.",
  options: flowOptions,
  record: recordSchema({ flow_id: flowIdRecordField }),
  configurable: ["flow_id"],
  matchingKeys: FLOW_MATCHING_KEYS,
  syncModes: ["soft_delete"],
  sends: false,
  compile: (env, endpoint) => deleteFlowOperation(env, endpoint),
});
