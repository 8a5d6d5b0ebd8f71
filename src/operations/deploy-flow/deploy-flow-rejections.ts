import { RecordError } from "../../errors/index.js";
import { type GraphPlan, recordLabel } from "../contract/graph-plan.js";
import type { RejectedOutcome } from "../contract/operation.js";
import type { OperationEnv } from "../contract/operation-env.js";
import { failureOutcome } from "../graph-calls/graph-failure.js";
import type { CurrentFlow, RefusalReason } from "./deploy-flow-decision.js";
import type { DeployFlowPlan } from "./deploy-flow-plan.js";
import type { StateFailure } from "./deploy-flow-state.js";

/** How the record names its Flow in messages: `Flow "Order survey" (id 123)`. */
function flowLabel(name: string, id: string): string {
  return `Flow "${name}" (id ${id})`;
}

function rejected(plan: DeployFlowPlan, error: RecordError): RejectedOutcome {
  return { kind: "rejected", request: plan.summary, error };
}

/**
 * The record asks for something the existing Flow cannot become; nothing was written. Each
 * message says what to do instead: a Flow past DRAFT never takes a new JSON, so the way forward
 * is a new name, or a copy (create_flow with clone_flow_id) deployed under that new name.
 */
export function deployRefusal(
  env: OperationEnv,
  plan: DeployFlowPlan,
  current: CurrentFlow,
  reason: RefusalReason,
): RejectedOutcome {
  const flow = flowLabel(plan.desired.name, current.id);
  const label = recordLabel(plan.context);
  const newName = `deploy the new JSON under a new name, or clone it (a create_flow record with clone_flow_id ${current.id} and a new name) and deploy that name`;
  switch (reason) {
    case "json_differs_not_draft":
      return rejected(
        plan,
        new RecordError(
          `${label}: ${flow} is ${current.status} and its Flow JSON differs from the record's: a ${current.status} Flow cannot be changed, so it was left untouched`,
          {
            code: "ERR_DEPLOY_FLOW_NOT_DRAFT",
            field: "flow_json",
            hint: `To change it, ${newName}`,
          },
        ),
      );
    case "json_unreadable_not_draft":
      return rejected(
        plan,
        new RecordError(
          `${label}: ${flow} is ${current.status} and its current Flow JSON could not be read to compare (${current.asset.kind === "unreadable" ? current.asset.why : "no asset"}); it was left untouched`,
          {
            code: "ERR_DEPLOY_FLOW_UNVERIFIED",
            field: "flow_json",
            hint: `Run the sync again later; if the JSON did change, ${newName}`,
          },
        ),
      );
    case "publish_deprecated":
      return rejected(
        plan,
        new RecordError(
          `${label}: the record asks for publish: true, but ${flow} is DEPRECATED and cannot be published again`,
          {
            code: "ERR_DEPLOY_FLOW_DEPRECATED",
            field: "publish",
            hint: `Deploy it under a new name (or clone it: a create_flow record with clone_flow_id ${current.id})`,
          },
        ),
      );
    case "remote_validation_errors":
      return rejected(
        plan,
        new RecordError(
          `${label}: ${flow} already has the record's Flow JSON, but Meta holds ${current.validationErrors} validation error(s) against it (under WhatsApp Business Account ${env.wabaId})`,
          {
            code: "ERR_DEPLOY_FLOW_INVALID",
            field: "flow_json",
            hint: "Fix the Flow JSON (Meta's errors: GET the Flow's validation_errors, or the Flow Builder) and deploy the corrected JSON",
          },
        ),
      );
  }
}

/** The Flow was found but could not be read: reported as that read's failure. */
export function deployStateUnreadable(
  plan: DeployFlowPlan,
  read: GraphPlan,
  failure: StateFailure,
): RejectedOutcome {
  const outcome = failureOutcome(read, failure.error, "management");
  // A read is never ambiguous; whatever the classification said, nothing was written.
  return { kind: "rejected", request: outcome.request ?? plan.summary, error: outcome.error };
}

export function notPublished(
  plan: DeployFlowPlan,
  flowId: string,
  status: string | undefined,
): RejectedOutcome {
  const state = status === undefined ? "its status could not be read back" : `it is ${status}`;
  return rejected(
    plan,
    new RecordError(
      `${recordLabel(plan.context)}: the record asks for publish: true, but ${flowLabel(plan.desired.name, flowId)} is not published: ${state}`,
      {
        code: "ERR_FLOW_NOT_PUBLISHED",
        field: "publish",
        hint: "Fix what blocks publishing (Flow JSON, endpoint_uri) and deploy again; the Flow's JSON is in place",
      },
    ),
  );
}

export function unlistedFlows(env: OperationEnv, plan: DeployFlowPlan): RejectedOutcome {
  return rejected(
    plan,
    new RecordError(
      `${recordLabel(plan.context)}: the Flows of WhatsApp Business Account ${env.wabaId} could not be listed to find Flow "${plan.desired.name}"; nothing was written`,
      {
        code: "ERR_FLOW_NAME_UNRESOLVED",
        field: "name",
        hint: "Run the sync again later",
      },
    ),
  );
}
