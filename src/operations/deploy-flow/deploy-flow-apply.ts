import type { GraphBody, HttpMethod } from "../../graph/index.js";
import { classificationOf } from "../../graph/index.js";
import { type GraphPlan, managementLane, NO_BODY, versionedPlan } from "../contract/graph-plan.js";
import type { Outcome, RequestSummary } from "../contract/operation.js";
import type { OperationEnv } from "../contract/operation-env.js";
import {
  findFlowByName,
  isDuplicateFlowName,
  readFlowStatus,
  wabaNotFound,
} from "../graph-calls/flow-lookup.js";
import { flowNamesOf } from "../graph-calls/flow-names.js";
import { callGraph, refusedAnswer, stringField, succeeded } from "../graph-calls/graph-call.js";
import { failureOutcome } from "../graph-calls/graph-failure.js";
import { isMissingObject } from "../graph-calls/missing-object.js";
import { remoteValidationRejection } from "../graph-calls/remote-validation.js";
import {
  type CurrentFlow,
  type DeployDecision,
  decideDeploy,
  PUBLISHED_STATES,
  type PublishStep,
} from "./deploy-flow-decision.js";
import type { DeployFlowPlan } from "./deploy-flow-plan.js";
import {
  deployRefusal,
  deployStateUnreadable,
  leftDraft,
  notPublished,
  unlistedFlows,
} from "./deploy-flow-rejections.js";
import { readCurrentFlow, readPublishState } from "./deploy-flow-state.js";

type ApplyDecision = Extract<DeployDecision, { kind: "apply" }>;

/** What a deploy did, for the report and the webhook body. */
export interface DeploySummary {
  id: string;
  name: string;
  status: string;
  flow: "created" | "reused";
  flow_json: "uploaded" | "unchanged";
  metadata: "updated" | "unchanged";
  /** "republished": it was PUBLISHED, the edit returned it to DRAFT, and it is PUBLISHED again. */
  publish: "published" | "republished" | "already_published" | "not_requested";
  writes: number;
}

/** The running tally of one record's deploy: the last write, what was done (its calls: plan.context). */
interface Tally {
  lastWrite: RequestSummary | undefined;
  summary: DeploySummary;
}

export async function executeDeploy(
  env: OperationEnv,
  plan: DeployFlowPlan,
  signal: AbortSignal | undefined,
): Promise<Outcome> {
  const { name } = plan.desired;
  const found = await flowNamesOf(env).resolve(env, name, signal, plan.context.calls);
  if (found === null) return unlistedFlows(env, plan);
  if (found === undefined) return createAndDeploy(env, plan, signal);
  return deployExisting(env, plan, newTally(found.id, name, "reused"), signal);
}

function newTally(id: string, name: string, flow: "created" | "reused"): Tally {
  return {
    lastWrite: undefined,
    summary: {
      id,
      name,
      status: "UNKNOWN",
      flow,
      flow_json: "unchanged",
      metadata: "unchanged",
      publish: "not_requested",
      writes: 0,
    },
  };
}

/** A new Flow: one create carrying the JSON; Meta's validation_errors in its answer reject the record. */
async function createAndDeploy(
  env: OperationEnv,
  plan: DeployFlowPlan,
  signal: AbortSignal | undefined,
): Promise<Outcome> {
  const result = await callGraph(env.client, plan.request, signal, plan.context.calls);
  if (!result.ok) {
    if (isMissingObject(result.error)) throw wabaNotFound(env, result.error);
    // Taken by a Flow this sync had not seen, or a lost answer that may have created it.
    if (isDuplicateFlowName(result.error) || classificationOf(result.error).kind === "ambiguous") {
      const lookup = await findFlowByName(env, plan.desired.name, signal, plan.context.calls);
      if (lookup?.value !== undefined) {
        flowNamesOf(env).remember({ ...lookup.value, name: plan.desired.name });
        const tally = newTally(lookup.value.id, plan.desired.name, "reused");
        return deployExisting(env, plan, tally, signal);
      }
    }
    return failureOutcome(plan, result.error, "management");
  }
  const { response } = result;
  const flowId = stringField(response.body, "id");
  if (flowId !== undefined)
    flowNamesOf(env).remember({ id: flowId, name: plan.desired.name, status: "DRAFT" });
  const rejection =
    remoteValidationRejection(plan, response, "flow_json", plan.flowJsonOrigin) ??
    refusedAnswer(plan, response);
  if (rejection !== undefined) return rejection;
  const tally = newTally(flowId!, plan.desired.name, "created");
  tally.lastWrite = plan.summary;
  tally.summary.writes = 1;
  tally.summary.flow_json = "uploaded";
  tally.summary.status = "DRAFT";
  return finish(env, plan, tally, plan.desired.publish ? "publish" : "not_requested", signal);
}

/** An existing Flow: read it, decide, write only what differs. */
async function deployExisting(
  env: OperationEnv,
  plan: DeployFlowPlan,
  tally: Tally,
  signal: AbortSignal | undefined,
): Promise<Outcome> {
  const flowId = tally.summary.id;
  const read = await readCurrentFlow(env, flowId, signal, plan.context.calls);
  if (!("flow" in read)) return deployStateUnreadable(plan, step(env, plan, "GET", flowId), read);
  const current = read.flow;
  tally.summary.status = current.status;
  const decision = decideDeploy(plan.desired, current, plan.publishedChanges);
  if (decision.kind === "refuse") return deployRefusal(env, plan, current, decision.reason);
  const outcome = await applyDecision(env, plan, tally, decision, signal);
  // A live Flow that an edit returned to DRAFT is not left so without the record saying it (a
  // write whose answer was lost may have done it too, so any failure reads the status back).
  if (decision.publish === "republish" && outcome.kind !== "succeeded") {
    return leftDraftIfSo(env, plan, current, outcome, signal);
  }
  return outcome;
}

async function applyDecision(
  env: OperationEnv,
  plan: DeployFlowPlan,
  tally: Tally,
  decision: ApplyDecision,
  signal: AbortSignal | undefined,
): Promise<Outcome> {
  const flowId = tally.summary.id;
  if (decision.metadata !== undefined) {
    const parts = Object.entries(decision.metadata).map(([name, value]) => ({ name, value }));
    const failed = await write(
      env,
      plan,
      tally,
      step(env, plan, "POST", flowId, { kind: "multipart", parts }),
      signal,
    );
    if (failed !== undefined) return failed;
    tally.summary.metadata = "updated";
  }
  if (decision.upload) {
    const upload = step(env, plan, "POST", `${flowId}/assets`, uploadBody(plan));
    const failed = await write(env, plan, tally, upload, signal, "flow_json");
    if (failed !== undefined) return failed;
    tally.summary.flow_json = "uploaded";
  }
  return finish(env, plan, tally, decision.publish, signal);
}

function uploadBody(plan: DeployFlowPlan): GraphBody {
  const content = plan.flowJsonText;
  return {
    kind: "multipart",
    parts: [
      { name: "file", filename: "flow.json", contentType: "application/json", content },
      { name: "name", value: "flow.json" },
      { name: "asset_type", value: "FLOW_JSON" },
    ],
  };
}

/** Publishes when the decision says so, confirms by reading the status back, and reports. */
async function finish(
  env: OperationEnv,
  plan: DeployFlowPlan,
  tally: Tally,
  publish: PublishStep,
  signal: AbortSignal | undefined,
): Promise<Outcome> {
  const flowId = tally.summary.id;
  if (publish === "already_published") tally.summary.publish = "already_published";
  if (publish === "publish" || publish === "republish") {
    const call = step(env, plan, "POST", `${flowId}/publish`, NO_BODY);
    const result = await callGraph(env.client, call.request, signal, call.context.calls);
    tally.lastWrite = call.summary;
    tally.summary.writes++;
    // Whatever the answer (a refusal, a lost answer), the status read back decides.
    const status = await readFlowStatus(env, flowId, signal, plan.context.calls);
    if (status === undefined || !PUBLISHED_STATES.has(status.value)) {
      if (!result.ok && status !== undefined && classificationOf(result.error).kind === "reject") {
        return failureOutcome(call, result.error, "management");
      }
      return notPublished(plan, flowId, status?.value);
    }
    tally.summary.status = status.value;
    tally.summary.publish = publish === "republish" ? "republished" : "published";
  }
  const { summary } = tally;
  const shown = tally.lastWrite ?? step(env, plan, "GET", flowId, NO_BODY).summary;
  return {
    ...succeeded(
      { ...plan, summary: shown },
      { status: 200, body: { ...summary } },
      { flowId },
      summary.flow === "reused" ? "existing_flow" : undefined,
    ),
    note: `deploy_flow "${summary.name}" (id ${flowId}): ${summary.flow}, Flow JSON ${summary.flow_json}, metadata ${summary.metadata}, ${summary.publish.replace("_", " ")}; ${summary.writes} write(s)`,
  };
}

/**
 * A record that edited a PUBLISHED Flow and then failed (a write refused, Meta's validation errors
 * after the upload, the publish refused): the Flow's status read back says whether the edit took
 * it out of PUBLISHED. If it did, the record is rejected saying the Flow is DRAFT now, with Meta's
 * validation errors and how to bring it back; if it is still PUBLISHED, the failure stands as is.
 */
async function leftDraftIfSo(
  env: OperationEnv,
  plan: DeployFlowPlan,
  before: CurrentFlow,
  outcome: Exclude<Outcome, { kind: "succeeded" }>,
  signal: AbortSignal | undefined,
): Promise<Outcome> {
  const after = await readPublishState(env, plan, before.id, signal, plan.context.calls);
  if (after !== undefined && PUBLISHED_STATES.has(after.status)) return outcome;
  return leftDraft(plan, before.id, outcome, after);
}

/** One write of the deploy; undefined when it went through, else the record's outcome. */
async function write(
  env: OperationEnv,
  plan: DeployFlowPlan,
  tally: Tally,
  call: GraphPlan,
  signal: AbortSignal | undefined,
  flowJsonField?: "flow_json",
): Promise<Outcome | undefined> {
  const result = await callGraph(env.client, call.request, signal, call.context.calls);
  if (!result.ok) return failureOutcome(call, result.error, "management");
  tally.lastWrite = call.summary;
  tally.summary.writes++;
  const rejection =
    (flowJsonField === undefined
      ? undefined
      : remoteValidationRejection(call, result.response, flowJsonField, plan.flowJsonOrigin)) ??
    refusedAnswer(call, result.response);
  return rejection;
}

function step(
  env: OperationEnv,
  plan: DeployFlowPlan,
  method: HttpMethod,
  path: string,
  body: GraphBody = NO_BODY,
): GraphPlan {
  return versionedPlan(env, plan.context, {
    method,
    path,
    body,
    effects: "writes",
    pacing: managementLane(env),
    key: plan.key,
    // Its writes (metadata, assets, publish) answer Meta's { success }; its reads anything.
    expect: method === "GET" ? undefined : "success_flag",
  });
}
