import * as z from "../../zod.js";
import { withMeta } from "../../zod.js";
import { defineOperation } from "../contract/definition.js";
import { describeGraphPlan } from "../contract/describe-plan.js";
import type { OperationSteps, RecordContext } from "../contract/operation.js";
import type { OperationEnv } from "../contract/operation-env.js";
import { flowCreatePlan } from "../flows/create-flow.js";
import { readFlowJson } from "../flows/flow-json-input.js";
import { FLOW_CATEGORIES, readCategories } from "../records/categories.js";
import { optionalBoolean, optionalString, type RecordData, requireString } from "../records/record-fields.js";
import { field, optional, recordSchema } from "../records/record-schema.js";
import { executeDeploy } from "./deploy-flow-apply.js";
import { PUBLISHED_FLOW_CHANGES, type PublishedFlowChanges } from "./deploy-flow-decision.js";
import type { DeployFlowPlan } from "./deploy-flow-plan.js";

/**
 * deploy_flow: one record is one Flow in its desired state. The Flow of that name under the WABA
 * is created (POST /{waba_id}/flows with the JSON) or reused; its JSON is uploaded only when it
 * differs from the current asset, its metadata updated only when it differs, and it is published
 * only when asked and valid (confirmed by reading the status back). A PUBLISHED Flow that differs
 * is updated in place and published again under the same id when the record says publish: true
 * and the endpoint's published_flow_changes allows it (./deploy-flow-decision.ts). A table
 * deployed twice writes nothing the second time. Every step is idempotent in intent (the create
 * by name, the rest by comparison), so the operation is repeatable: the send ledger does not
 * journal it (create_flow, a single create, is journaled).
 */
export function deployFlowOperation(
  env: OperationEnv,
  publishedChanges: PublishedFlowChanges = "update_in_place",
): OperationSteps<DeployFlowPlan> {
  return {
    name: "deploy_flow",
    plan: (record, context) => planDeployFlow(env, record, context, publishedChanges),
    orderingKey: (plan) => plan.key,
    // A dry run shows the create a first deploy makes; later deploys only write what differs.
    describe: describeGraphPlan,
    execute: (plan, signal) => executeDeploy(env, plan, signal),
  };
}

function planDeployFlow(
  env: OperationEnv,
  record: RecordData,
  context: RecordContext,
  publishedChanges: PublishedFlowChanges,
): DeployFlowPlan {
  const name = requireString(record.name, "name", context);
  const categories = readCategories(record.categories, "categories", context);
  const endpointUri = optionalString(record.endpoint_uri, "endpoint_uri", context);
  const publish = optionalBoolean(record.publish, "publish", context) === true;
  const flowJson = readFlowJson(record.flow_json, "flow_json", context, publish);
  // A new name is one create carrying the JSON; publishing is a step of its own (read back).
  const plan = flowCreatePlan(env, context, { name, categories, endpointUri, flowJsonText: flowJson.text });
  return {
    ...plan,
    warnings: flowJson.warnings,
    flowJsonText: flowJson.text,
    flowJsonOrigin: flowJson.origin,
    publishedChanges,
    desired: {
      name,
      categories: JSON.parse(categories) as string[],
      endpointUri,
      flowJson: JSON.parse(flowJson.text) as unknown,
      publish,
    },
  };
}

export const deployFlowDefinition = defineOperation({
  name: "deploy_flow",
  title: "Deploy Flow",
  description:
    "One record = one Flow in its desired state, by name: created or reused, its Flow JSON uploaded only when it differs, published when asked. Running the same table again writes nothing.",
  options: {
    published_flow_changes: withMeta(z._default(z.enum(PUBLISHED_FLOW_CHANGES), "update_in_place"), {
      title: "Changes to a published Flow",
      description:
        "update_in_place (default): a PUBLISHED Flow whose JSON or metadata differs is updated under the same id and published again, when the record says publish: true (Meta returns an edited published Flow to DRAFT). reject: such a record is rejected and the Flow left untouched.",
      order: 1,
    }),
  },
  record: () =>
    recordSchema({
      name: field.text("The Flow's name, unique under the WABA: the record's identity."),
      categories: field.list(FLOW_CATEGORIES, "The Flow's categories: an array, or its JSON text."),
      flow_json: field.json(
        "The Flow JSON (object or text), validated locally; uploaded only when it differs.",
      ),
      endpoint_uri: optional(field.text("The data-exchange endpoint URL (left as it is when absent).")),
      publish: optional(
        field.flag(
          "Publish the Flow once its JSON is valid; required to change a published Flow, which is then published again.",
        ),
      ),
    }),
  matchingKeys: [["name"]],
  // An upsert by name: the record names the Flow it brings to a state, created when missing.
  syncModes: ["update"],
  effects: "writes",
  compile: (env, endpoint) => deployFlowOperation(env, endpoint.published_flow_changes),
});
