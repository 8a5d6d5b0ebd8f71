import type { MultipartPart } from "../../graph/index.js";
import { defineOperation } from "../contract/definition.js";
import { describeGraphPlan } from "../contract/describe-plan.js";
import type { OperationSteps, Outcome, RecordContext } from "../contract/operation.js";
import type { OperationEnv } from "../contract/operation-env.js";
import { callGraph, refusedAnswer, succeeded } from "../graph-calls/graph-call.js";
import { failureOutcome } from "../graph-calls/graph-failure.js";
import { FLOW_CATEGORIES, optionalCategories } from "../records/categories.js";
import {
  FLOW_FIXABLE,
  FLOW_MATCHING_KEYS,
  type FlowEndpoint,
  flowIdRecordField,
  flowNameRecordField,
  flowOptions,
} from "../records/flow-target.js";
import { flowTargetOf } from "../records/path-ids.js";
import { isAbsent, optionalString, type RecordData, readId, recordError } from "../records/record-fields.js";
import { field, optional, recordSchema } from "../records/record-schema.js";
import { type FlowTargetPlan, flowTargetPlan, onFlowPath, resolveFlowPlan } from "./flow-target-plan.js";

export type UpdateFlowMetadataPlan = FlowTargetPlan;

/** update_flow_metadata: POST /{flow_id}, multipart name, categories, endpoint_uri, application_id. */
export function updateFlowMetadataOperation(
  env: OperationEnv,
  endpoint: FlowEndpoint,
): OperationSteps<UpdateFlowMetadataPlan> {
  return {
    name: "update_flow_metadata",
    plan: (record, context) => planUpdateFlowMetadata(env, endpoint, record, context),
    orderingKey: (plan) => plan.key,
    describe: describeGraphPlan,
    execute: (plan, signal) => executeUpdateFlowMetadata(env, plan, signal),
  };
}

function planUpdateFlowMetadata(
  env: OperationEnv,
  configured: FlowEndpoint,
  record: RecordData,
  context: RecordContext,
): UpdateFlowMetadataPlan {
  const target = flowTargetOf(configured, record, context);
  const name = optionalString(record.name, "name", context);
  const categories = optionalCategories(record.categories, "categories", context);
  const endpointUri = optionalString(record.endpoint_uri, "endpoint_uri", context);
  const applicationId = isAbsent(record.application_id)
    ? undefined
    : readId(record.application_id, "application_id", context);
  const parts: MultipartPart[] = [];
  if (name !== undefined) parts.push({ name: "name", value: name });
  if (categories !== undefined) parts.push({ name: "categories", value: categories });
  if (endpointUri !== undefined) parts.push({ name: "endpoint_uri", value: endpointUri });
  if (applicationId !== undefined) parts.push({ name: "application_id", value: applicationId });
  if (parts.length === 0) {
    throw recordError(
      context,
      'nothing to update: set at least one of the fields "name", "categories", "endpoint_uri", "application_id"',
    );
  }
  return flowTargetPlan(env, context, target, {
    method: "POST",
    suffix: "",
    body: { kind: "multipart", parts },
    effects: "writes",
    expect: "success_flag",
  });
}

async function executeUpdateFlowMetadata(
  env: OperationEnv,
  planned: UpdateFlowMetadataPlan,
  signal: AbortSignal | undefined,
): Promise<Outcome> {
  const plan = await resolveFlowPlan(env, planned, signal);
  if ("kind" in plan) return plan;
  const result = await callGraph(env.client, plan.request, signal, plan.context.calls);
  if (!result.ok) return failureOutcome(plan, result.error, "management", onFlowPath(env, plan));
  return refusedAnswer(plan, result.response) ?? succeeded(plan, result.response, { flowId: plan.flowId });
}

export const updateFlowMetadataDefinition = defineOperation({
  name: "update_flow_metadata",
  title: "Update Flow Metadata",
  description: "POST /{flow_id} with any of the record's name, categories, endpoint_uri, application_id.",
  options: flowOptions,
  record: () =>
    recordSchema({
      flow_id: flowIdRecordField(),
      flow_name: flowNameRecordField(),
      name: optional(field.text("The Flow's new name.")),
      categories: optional(
        field.list(FLOW_CATEGORIES, "The Flow's new categories: an array, or its JSON text."),
      ),
      endpoint_uri: optional(field.text("The Flow's new data-exchange endpoint URL.")),
      application_id: optional(field.id("The Meta app connected to the Flow's endpoint.")),
    }),
  ...FLOW_FIXABLE,
  matchingKeys: FLOW_MATCHING_KEYS,
  syncModes: ["update"],
  effects: "writes",
  compile: (env, endpoint) => updateFlowMetadataOperation(env, endpoint),
});
