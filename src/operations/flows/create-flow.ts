import { RecordError } from "../../errors/index.js";
import type { FlowJsonTextOrigin } from "../../flow-json/index.js";
import { classificationOf, type MultipartPart } from "../../graph/index.js";
import { defineOperation } from "../contract/definition.js";
import { describeGraphPlan } from "../contract/describe-plan.js";
import { type GraphPlan, managementLane, recordLabel, versionedPlan } from "../contract/graph-plan.js";
import type { OperationSteps, Outcome, RecordContext } from "../contract/operation.js";
import type { OperationEnv } from "../contract/operation-env.js";
import { type FoundFlow, settleFlowCreate } from "../graph-calls/create-lookup.js";
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
import { FLOW_CATEGORIES, readCategories } from "../records/categories.js";
import {
  isAbsent,
  optionalBoolean,
  optionalString,
  type RecordData,
  readId,
  requireString,
} from "../records/record-fields.js";
import { field, optional, recordSchema } from "../records/record-schema.js";
import { readFlowJson } from "./flow-json-input.js";

export interface CreateFlowPlan extends GraphPlan {
  readonly name: string;
  /** The record asks for a published Flow: only a status read back as PUBLISHED satisfies it. */
  readonly publish: boolean;
  readonly flowJsonOrigin?: FlowJsonTextOrigin;
}

/**
 * create_flow: POST /{waba_id}/flows, multipart name, categories (JSON text), endpoint_uri,
 * clone_flow_id, flow_json, publish. Meta's duplicate-name error resolves to the Flow of that name
 * (looked up by name) instead of failing or creating a duplicate; so does a create whose answer
 * was lost, when the Flow turns out to exist. Every other code 100 rejects the record with Meta's
 * text. With `publish: true` the Flow must be PUBLISHED, read back, not merely created.
 */
export function createFlowOperation(env: OperationEnv): OperationSteps<CreateFlowPlan> {
  return {
    name: "create_flow",
    plan: (record, context) => planCreateFlow(env, record, context),
    orderingKey: (plan) => plan.key,
    describe: describeGraphPlan,
    execute: (plan, signal) => executeCreateFlow(env, plan, signal),
    settleEarlierTry: (plan, signal) =>
      settleFlowCreate(env, plan.name, plan.context.calls, signal, (found) =>
        existingFlow(env, plan, found, signal),
      ),
  };
}

function planCreateFlow(env: OperationEnv, record: RecordData, context: RecordContext): CreateFlowPlan {
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
  const plan = flowCreatePlan(env, context, {
    name,
    categories,
    endpointUri,
    cloneFlowId,
    flowJsonText: flowJson?.text,
    publish,
  });
  return {
    ...plan,
    name,
    publish: publish === true,
    ...(flowJson === undefined ? {} : { warnings: flowJson.warnings, flowJsonOrigin: flowJson.origin }),
  };
}

/** What one create call carries: the record's fields, read and checked. */
export interface FlowCreateFields {
  readonly name: string;
  /** JSON text of the categories array. */
  readonly categories: string;
  readonly endpointUri?: string | undefined;
  readonly cloneFlowId?: string | undefined;
  readonly flowJsonText?: string | undefined;
  readonly publish?: boolean | undefined;
}

/**
 * The create call (POST /{waba_id}/flows, multipart), keyed by name so that records for one name
 * run in order: create_flow's request, and deploy_flow's when the name is new.
 */
export function flowCreatePlan(
  env: OperationEnv,
  context: RecordContext,
  fields: FlowCreateFields,
): GraphPlan {
  const parts: MultipartPart[] = [
    { name: "name", value: fields.name },
    { name: "categories", value: fields.categories },
  ];
  if (fields.endpointUri !== undefined) parts.push({ name: "endpoint_uri", value: fields.endpointUri });
  if (fields.cloneFlowId !== undefined) parts.push({ name: "clone_flow_id", value: fields.cloneFlowId });
  if (fields.flowJsonText !== undefined) parts.push({ name: "flow_json", value: fields.flowJsonText });
  if (fields.publish !== undefined) parts.push({ name: "publish", value: fields.publish ? "true" : "false" });
  return versionedPlan(env, context, {
    method: "POST",
    path: `${env.wabaId}/flows`,
    body: { kind: "multipart", parts },
    effects: "creates",
    pacing: managementLane(env),
    key: `flow-name:${fields.name}`,
    expect: "object_id",
  });
}

async function executeCreateFlow(
  env: OperationEnv,
  plan: CreateFlowPlan,
  signal: AbortSignal | undefined,
): Promise<Outcome> {
  const result = await callGraph(env.client, plan.request, signal, plan.context.calls);
  if (result.ok) {
    const { response } = result;
    const rejection =
      remoteValidationRejection(plan, response, "flow_json", plan.flowJsonOrigin) ??
      refusedAnswer(plan, response);
    if (rejection) return rejection;
    const flowId = stringField(response.body, "id")!;
    // Later records of this sync naming the Flow (flow_name) resolve to it without a scan.
    flowNamesOf(env).remember({ id: flowId, name: plan.name, status: undefined });
    const created = { status: response.status, body: response.body };
    if (!plan.publish) return succeeded(plan, created, { flowId });
    return requirePublished(env, plan, created, flowId, undefined, undefined, signal);
  }
  // POST /{waba_id}/flows answered "object does not exist": the configured WABA is wrong.
  if (isMissingObject(result.error)) throw wabaNotFound(env, result.error);
  const classification = classificationOf(result.error);
  if (isDuplicateFlowName(result.error) || classification.kind === "ambiguous") {
    // The name is taken, or a lost answer may have created the Flow: the WABA's Flow list says
    // whether a Flow of that name exists.
    const lookup = await findFlowByName(env, plan.name, signal, plan.context.calls);
    const found = lookup?.value;
    if (found !== undefined) return existingFlow(env, plan, { status: lookup!.status, value: found }, signal);
  }
  return failureOutcome(plan, result.error, "management");
}

/** The Flow of the record's name already exists: it is the record's success (if published when asked). */
function existingFlow(
  env: OperationEnv,
  plan: CreateFlowPlan,
  lookup: FoundFlow,
  signal: AbortSignal | undefined,
): Promise<Outcome> {
  const found = lookup.value;
  const response = {
    status: lookup.status,
    body: { id: found.id, name: found.name, status: found.status },
  };
  if (!plan.publish) return Promise.resolve(succeeded(plan, response, { flowId: found.id }, "existing_flow"));
  return requirePublished(env, plan, response, found.id, found.status, "existing_flow", signal);
}

/** Statuses of a Flow that was published (Meta throttles or blocks published Flows only). */
const PUBLISHED_STATES: ReadonlySet<string> = new Set(["PUBLISHED", "THROTTLED", "BLOCKED"]);

/**
 * `publish: true` is satisfied only by a published Flow. Meta creates the Flow as a DRAFT when it
 * cannot publish it, and a re-run finds that draft by name: either way the status (from the list,
 * or read back) decides, so an unpublished draft is never reported as the record's success.
 */
async function requirePublished(
  env: OperationEnv,
  plan: CreateFlowPlan,
  response: { readonly status: number; readonly body: unknown },
  flowId: string,
  listedStatus: string | undefined,
  resolution: "existing_flow" | undefined,
  signal: AbortSignal | undefined,
): Promise<Outcome> {
  let status = listedStatus;
  if (status === undefined) {
    const read = await readFlowStatus(env, flowId, signal, plan.context.calls);
    status = read?.value;
  }
  if (status !== undefined && PUBLISHED_STATES.has(status)) {
    return succeeded(plan, response, { flowId }, resolution);
  }
  const state = status === undefined ? "its status could not be read back" : `it is ${status}`;
  return {
    kind: "rejected",
    request: plan.summary,
    response,
    error: new RecordError(
      `${recordLabel(plan.context)}: the record asks for publish: true, but Flow "${plan.name}" (id ${flowId}) is not published: ${state}`,
      {
        code: "ERR_FLOW_NOT_PUBLISHED",
        field: "publish",
        hint: `Fix what blocks publishing (Flow JSON, endpoint_uri), then publish Flow ${flowId} with a publish_flow record, or delete the draft and send the record again`,
      },
    ),
  };
}

export const createFlowDefinition = defineOperation({
  name: "create_flow",
  title: "Create Flow",
  description:
    "POST /{waba_id}/flows. Record: name, categories, optional endpoint_uri, clone_flow_id, flow_json, publish. A name that already exists under the WABA resolves to the existing Flow.",
  options: {},
  record: () =>
    recordSchema({
      name: field.text("The Flow's name, unique under the WABA (an existing name resolves to that Flow)."),
      categories: field.list(FLOW_CATEGORIES, "The Flow's categories: an array, or its JSON text."),
      endpoint_uri: optional(field.text("The data-exchange endpoint URL of the Flow.")),
      clone_flow_id: optional(field.id("An existing Flow to copy.")),
      flow_json: optional(field.json("The Flow JSON (object or text), validated locally before upload.")),
      publish: optional(field.flag("Publish the Flow right after creating it.")),
    }),
  matchingKeys: [],
  syncModes: ["append"],
  effects: "creates",
  compile: (env) => createFlowOperation(env),
});
