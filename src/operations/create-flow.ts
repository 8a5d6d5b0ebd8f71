import { classifyGraphError, GraphApiError, type MultipartPart } from "../graph/index.js";
import { readCategories } from "./categories.js";
import { describeGraphPlan } from "./describe-plan.js";
import { readFlowJson } from "./flow-json-input.js";
import { findFlowByName, isMissingObject, wabaNotFound } from "./flow-lookup.js";
import { callGraph, stringField, succeeded } from "./graph-call.js";
import { failureOutcome } from "./graph-failure.js";
import { type GraphPlan, managementLane, versionedPlan } from "./graph-plan.js";
import type { Operation, Outcome, RecordContext } from "./operation.js";
import type { OperationEnv } from "./operation-env.js";
import {
  isAbsent,
  optionalBoolean,
  optionalString,
  type RecordData,
  readId,
  requireString,
} from "./record-fields.js";
import { remoteValidationRejection } from "./remote-validation.js";

export interface CreateFlowPlan extends GraphPlan {
  readonly name: string;
}

/**
 * create_flow: POST /{waba_id}/flows, multipart name, categories (JSON text), endpoint_uri,
 * clone_flow_id, flow_json, publish. A name that already exists under the WABA resolves to that
 * Flow (looked up by name) instead of failing or creating a duplicate; so does a create whose
 * answer was lost, when the Flow turns out to exist.
 */
export function createFlowOperation(env: OperationEnv): Operation<CreateFlowPlan> {
  return {
    template: "create_flow",
    plan: (record, context) => planCreateFlow(env, record, context),
    orderingKey: (plan) => plan.key,
    describe: describeGraphPlan,
    execute: (plan, signal) => executeCreateFlow(env, plan, signal),
  };
}

export function planCreateFlow(
  env: OperationEnv,
  record: RecordData,
  context: RecordContext,
): CreateFlowPlan {
  const name = requireString(record.name, "name", context);
  const categories = readCategories(record.categories, "categories", context);
  const endpointUri = optionalString(record.endpoint_uri, "endpoint_uri", context);
  const cloneFlowId = isAbsent(record.clone_flow_id)
    ? undefined
    : readId(record.clone_flow_id, "clone_flow_id", context);
  const publish = optionalBoolean(record.publish, "publish", context);
  const flowJson = isAbsent(record.flow_json)
    ? undefined
    : readFlowJson(record.flow_json, "flow_json", context, publish === true);
  const parts: MultipartPart[] = [
    { name: "name", value: name },
    { name: "categories", value: categories },
  ];
  if (endpointUri !== undefined) parts.push({ name: "endpoint_uri", value: endpointUri });
  if (cloneFlowId !== undefined) parts.push({ name: "clone_flow_id", value: cloneFlowId });
  if (flowJson !== undefined) parts.push({ name: "flow_json", value: flowJson });
  if (publish !== undefined) parts.push({ name: "publish", value: publish ? "true" : "false" });
  const plan = versionedPlan(env, context, {
    method: "POST",
    path: `${env.wabaId}/flows`,
    body: { kind: "multipart", parts },
    idempotent: false,
    pacing: managementLane(env),
    key: `flow-name:${name}`,
  });
  return { ...plan, name };
}

async function executeCreateFlow(
  env: OperationEnv,
  plan: CreateFlowPlan,
  signal: AbortSignal | undefined,
): Promise<Outcome> {
  const result = await callGraph(env.client, plan.request, signal);
  if (result.ok) {
    const { response } = result;
    const flowId = stringField(response.body, "id");
    const rejection = remoteValidationRejection(plan, response, "flow_json");
    if (rejection) return rejection;
    return succeeded(plan, response, response.attempts, flowId === undefined ? undefined : { flowId });
  }
  // POST /{waba_id}/flows answered "object does not exist": the configured WABA is wrong.
  if (isMissingObject(result.error)) throw wabaNotFound(env, result.error);
  const classification = classifyGraphError(result.error, { idempotent: false });
  const nameTaken = result.error instanceof GraphApiError && result.error.graphCode === 100;
  if (nameTaken || classification.kind === "ambiguous") {
    // Meta answers 100 "Flow name is not unique" for a taken name; a lost answer may have created
    // the Flow. Either way the WABA's Flow list says whether a Flow of that name exists.
    const lookup = await findFlowByName(env, plan.name, signal);
    if (lookup?.value !== undefined) {
      const found = lookup.value;
      return succeeded(
        plan,
        { status: lookup.status, body: { id: found.id, name: found.name, status: found.status } },
        result.attempts + lookup.attempts,
        { flowId: found.id },
        "existing_flow",
      );
    }
  }
  return failureOutcome(plan, result.error, result.attempts, "management");
}
