import type { HttpMethod } from "../graph/index.js";
import { type GraphPlan, managementLane, NO_BODY, versionedPlan } from "./graph-plan.js";
import type { RecordContext } from "./operation.js";
import type { OperationEnv } from "./operation-env.js";
import { flowIdOf } from "./path-ids.js";
import type { RecordData } from "./record-fields.js";

export interface FlowActionPlan extends GraphPlan {
  readonly flowId: string;
}

/**
 * publish / deprecate / delete: a body-less call on one Flow. All three are safe to repeat (the
 * client retries them) because their outcome is re-checked by reading the Flow's status.
 */
export function planFlowAction(
  env: OperationEnv,
  configuredFlowId: string | undefined,
  record: RecordData,
  context: RecordContext,
  method: HttpMethod,
  suffix: "" | "/publish" | "/deprecate",
): FlowActionPlan {
  const flowId = flowIdOf(configuredFlowId, record, context);
  const plan = versionedPlan(env, context, {
    method,
    path: flowId + suffix,
    body: NO_BODY,
    idempotent: true,
    pacing: managementLane(env),
    key: `flow:${flowId}`,
  });
  return { ...plan, flowId };
}
