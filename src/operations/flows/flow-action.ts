import type { HttpMethod } from "../../graph/index.js";
import { NO_BODY } from "../contract/graph-plan.js";
import type { RecordContext } from "../contract/operation.js";
import type { OperationEnv } from "../contract/operation-env.js";
import type { FlowEndpoint } from "../records/flow-target.js";
import { flowTargetOf } from "../records/path-ids.js";
import type { RecordData } from "../records/record-fields.js";
import { type FlowTargetPlan, flowTargetPlan } from "./flow-target-plan.js";

export type FlowActionPlan = FlowTargetPlan;

/**
 * publish / deprecate / delete: a body-less call on one Flow (by id or by name). All three are
 * safe to repeat (the client retries them) because their outcome is re-checked by reading the
 * Flow's status.
 */
export function planFlowAction(
  env: OperationEnv,
  configured: FlowEndpoint,
  record: RecordData,
  context: RecordContext,
  method: HttpMethod,
  suffix: "" | "/publish" | "/deprecate",
): FlowActionPlan {
  return flowTargetPlan(env, context, flowTargetOf(configured, record, context), {
    method,
    suffix,
    body: NO_BODY,
    effects: "writes",
    // Publish, deprecate and delete all answer Meta's { success }.
    expect: "success_flag",
  });
}
