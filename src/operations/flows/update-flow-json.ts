import type { FlowJsonTextOrigin } from "../../flow-json/index.js";
import { defineOperation } from "../contract/definition.js";
import { describeGraphPlan } from "../contract/describe-plan.js";
import type { OperationSteps, Outcome, RecordContext } from "../contract/operation.js";
import type { OperationEnv } from "../contract/operation-env.js";
import { callGraph, refusedAnswer, succeeded } from "../graph-calls/graph-call.js";
import { failureOutcome } from "../graph-calls/graph-failure.js";
import { remoteValidationRejection } from "../graph-calls/remote-validation.js";
import {
  FLOW_FIXABLE,
  FLOW_MATCHING_KEYS,
  type FlowEndpoint,
  flowIdRecordField,
  flowNameRecordField,
  flowOptions,
} from "../records/flow-target.js";
import { flowTargetOf } from "../records/path-ids.js";
import { isAbsent, type RecordData, recordError } from "../records/record-fields.js";
import { field, optional, recordSchema } from "../records/record-schema.js";
import { readFlowJson } from "./flow-json-input.js";
import { type FlowTargetPlan, flowTargetPlan, onFlowPath, resolveFlowPlan } from "./flow-target-plan.js";

export interface UpdateFlowJsonPlan extends FlowTargetPlan {
  /** The record field the Flow JSON came from, for messages. */
  readonly field: "flow_json" | "file_content";
  readonly flowJsonOrigin: FlowJsonTextOrigin;
}

/**
 * update_flow_json: POST /{flow_id}/assets, multipart file (flow.json, application/json),
 * name=flow.json, asset_type=FLOW_JSON. Validated locally first. Meta answers 200 even when it
 * finds validation errors: a non-empty `validation_errors` rejects the record (the JSON is saved,
 * but the Flow cannot be published).
 */
export function updateFlowJsonOperation(
  env: OperationEnv,
  endpoint: FlowEndpoint,
): OperationSteps<UpdateFlowJsonPlan> {
  return {
    name: "update_flow_json",
    plan: (record, context) => planUpdateFlowJson(env, endpoint, record, context),
    orderingKey: (plan) => plan.key,
    describe: describeGraphPlan,
    execute: (plan, signal) => executeUpdateFlowJson(env, plan, signal),
  };
}

function planUpdateFlowJson(
  env: OperationEnv,
  configured: FlowEndpoint,
  record: RecordData,
  context: RecordContext,
): UpdateFlowJsonPlan {
  const target = flowTargetOf(configured, record, context);
  const hasFile = !isAbsent(record.file_content);
  const hasObject = !isAbsent(record.flow_json);
  if (hasFile === hasObject) {
    throw recordError(
      context,
      hasFile
        ? 'fields "file_content" and "flow_json" are both set: give the Flow JSON once'
        : 'field "file_content" (the Flow JSON text) or "flow_json" (the Flow JSON object) is required',
      hasFile ? "flow_json" : "file_content",
    );
  }
  const field = hasFile ? "file_content" : "flow_json";
  const {
    text: content,
    warnings,
    origin,
  } = readFlowJson(hasFile ? record.file_content : record.flow_json, field, context, false);
  const plan = flowTargetPlan(env, context, target, {
    method: "POST",
    suffix: "/assets",
    body: {
      kind: "multipart",
      parts: [
        { name: "file", filename: "flow.json", contentType: "application/json", content },
        { name: "name", value: "flow.json" },
        { name: "asset_type", value: "FLOW_JSON" },
      ],
    },
    effects: "writes",
    expect: "success_flag",
  });
  return { ...plan, field, warnings, flowJsonOrigin: origin };
}

async function executeUpdateFlowJson(
  env: OperationEnv,
  planned: UpdateFlowJsonPlan,
  signal: AbortSignal | undefined,
): Promise<Outcome> {
  const plan = await resolveFlowPlan(env, planned, signal);
  if ("kind" in plan) return plan;
  const result = await callGraph(env.client, plan.request, signal, plan.context.calls);
  if (!result.ok) return failureOutcome(plan, result.error, "management", onFlowPath(env, plan));
  const { response } = result;
  return (
    remoteValidationRejection(plan, response, plan.field, plan.flowJsonOrigin) ??
    refusedAnswer(plan, response) ??
    succeeded(plan, response, { flowId: plan.flowId })
  );
}

export const updateFlowJsonDefinition = defineOperation({
  name: "update_flow_json",
  title: "Update Flow JSON",
  description:
    "POST /{flow_id}/assets with the record's flow_json (object) or file_content (string), validated locally first.",
  options: flowOptions,
  record: () =>
    recordSchema({
      flow_id: flowIdRecordField(),
      flow_name: flowNameRecordField(),
      flow_json: optional(field.json("The Flow JSON as an object (or its text); give it or file_content.")),
      file_content: optional(field.text("The Flow JSON text, uploaded exactly as given; or give flow_json.")),
    }),
  ...FLOW_FIXABLE,
  matchingKeys: FLOW_MATCHING_KEYS,
  syncModes: ["update"],
  effects: "writes",
  compile: (env, endpoint) => updateFlowJsonOperation(env, endpoint),
});
