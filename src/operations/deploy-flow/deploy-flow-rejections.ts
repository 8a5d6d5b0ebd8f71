import { RecordError } from "../../errors/index.js";
import { describeFindings } from "../../flow-json/index.js";
import { type GraphPlan, recordLabel } from "../contract/graph-plan.js";
import type { Outcome, RejectedOutcome } from "../contract/operation.js";
import type { OperationEnv } from "../contract/operation-env.js";
import { FlowJsonRejectedError } from "../errors/flow-json-rejected-error.js";
import { failureOutcome } from "../graph-calls/graph-failure.js";
import { type CurrentFlow, differingParts, type RefusalReason } from "./deploy-flow-decision.js";
import type { DeployFlowPlan } from "./deploy-flow-plan.js";
import type { PublishState, StateFailure } from "./deploy-flow-state.js";

/** How the record names its Flow in messages: `Flow "Order survey" (id 123)`. */
function flowLabel(name: string, id: string): string {
  return `Flow "${name}" (id ${id})`;
}

function rejected(plan: DeployFlowPlan, error: RecordError): RejectedOutcome {
  return { kind: "rejected", request: plan.summary, error };
}

/**
 * The record asks for something the existing Flow cannot become, or may not become here; nothing
 * was written. Each message says what to do instead: a PUBLISHED Flow is changed in place only
 * with `publish: true` and when the endpoint allows it; a deprecated, throttled or blocked Flow
 * takes no new JSON, so the way forward is a new name, or a copy (create_flow with clone_flow_id).
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
          `${label}: ${flow} is ${current.status} and its Flow JSON differs from the record's: Meta takes no edit of a ${current.status} Flow, so it was left untouched`,
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
            hint:
              current.status === "PUBLISHED"
                ? "Run the sync again later: the Flow is compared again and changed in place only if it differs"
                : `Run the sync again later; if the JSON did change, ${newName}`,
          },
        ),
      );
    case "published_changes_rejected":
      return rejected(
        plan,
        new RecordError(
          `${label}: ${flow} is PUBLISHED and the record changes it (${changedParts(plan, current)}), but this stream's endpoint sets published_flow_changes: reject, so it was left untouched`,
          {
            code: "ERR_DEPLOY_FLOW_PUBLISHED_LOCKED",
            field: "flow_json",
            hint: `To change it, ${newName}; or set published_flow_changes to update_in_place (the default) and give the record publish: true`,
          },
        ),
      );
    case "published_needs_publish":
      return rejected(
        plan,
        new RecordError(
          `${label}: ${flow} is PUBLISHED and the record changes it (${changedParts(plan, current)}) without publish: true; Meta returns an edited published Flow to DRAFT, which cannot be sent, so it was left untouched`,
          {
            code: "ERR_DEPLOY_FLOW_PUBLISH_REQUIRED",
            field: "publish",
            hint: "Set publish: true on the record to update the Flow in place and publish it again (same Flow id, new version live), or deploy the change under a new name",
          },
        ),
      );
    case "published_endpoint_missing":
      return rejected(
        plan,
        new RecordError(
          `${label}: ${flow} is PUBLISHED and the record's Flow JSON has a data_api_version, but neither the record nor the Flow has an endpoint_uri: Meta would refuse to publish it again, so it was left untouched`,
          {
            code: "ERR_DEPLOY_FLOW_ENDPOINT_MISSING",
            field: "endpoint_uri",
            hint: "Give the record an endpoint_uri (the Flow's data-exchange endpoint), or remove data_api_version from the Flow JSON",
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

/** What the record would change on the Flow, for messages: "Flow JSON, categories". */
function changedParts(plan: DeployFlowPlan, current: CurrentFlow): string {
  return differingParts(plan.desired, current).join(", ");
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

/**
 * A PUBLISHED Flow the record edited (which returns it to DRAFT) could not be published again:
 * it is not live, and the record says so with Meta's validation errors and the way back. The
 * original failure's request and answer are kept; its message is part of this one.
 */
export function leftDraft(
  plan: DeployFlowPlan,
  flowId: string,
  failure: Exclude<Outcome, { kind: "succeeded" }>,
  after: PublishState | undefined,
): RejectedOutcome {
  const label = recordLabel(plan.context);
  const flow = flowLabel(plan.desired.name, flowId);
  const cause = causeText(failure.error, label);
  const listed = failure.error instanceof FlowJsonRejectedError && failure.error.source === "graph";
  const errors =
    !listed && after !== undefined && after.validationErrors.length > 0
      ? `; Meta's validation errors: ${describeFindings(after.validationErrors)}`
      : "";
  const state =
    after === undefined
      ? "Its status could not be read back: it is most likely DRAFT on Meta's side"
      : `It is ${after.status} on Meta's side now`;
  return {
    kind: "rejected",
    ...(failure.request === undefined ? {} : { request: failure.request }),
    ...(failure.response === undefined ? {} : { response: failure.response }),
    error: new RecordError(
      `${label}: ${flow} was PUBLISHED and the record changed it, which returns a published Flow to DRAFT, but it was not published again: ${cause}. ${state}, and cannot be sent until it is published again (messages already sent keep their content)${errors}`,
      {
        code: "ERR_DEPLOY_FLOW_LEFT_DRAFT",
        field: listed || errors !== "" ? "flow_json" : "publish",
        hint: "Fix what Meta reports and run the sync again: deploy_flow uploads the fix and publishes it under the same Flow id (if Meta lists no validation errors, running it again publishes the Flow as it is). To put the previous version back live meanwhile, deploy the previous Flow JSON with publish: true",
        cause: failure.error,
      },
    ),
  };
}

/** A failure's own words inside another message: without its record label, hint or final period. */
function causeText(error: Error & { readonly hint?: string | undefined }, label: string): string {
  let text = error.message;
  if (text.startsWith(`${label}: `)) text = text.slice(label.length + 2);
  if (error.hint !== undefined && text.endsWith(`. ${error.hint}`)) {
    text = text.slice(0, -(error.hint.length + 2));
  }
  return text.replace(/\.+$/, "");
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
