import { RecordError } from "../../errors/index.js";
import type { GraphBody, MultipartPart, PacingLane } from "../../graph/index.js";
import { type PlaceholderContext, PlaceholderRecordError } from "../../placeholders/index.js";
import { defineOperation } from "../contract/definition.js";
import { describeGraphPlan } from "../contract/describe-plan.js";
import { type GraphPlan, recordLabel } from "../contract/graph-plan.js";
import type { OperationSteps, Outcome, RecordContext } from "../contract/operation.js";
import type { OperationEnv } from "../contract/operation-env.js";
import { callGraph, stringField, succeeded } from "../graph-calls/graph-call.js";
import { failureOutcome } from "../graph-calls/graph-failure.js";
import { isPlainObject, type RecordData } from "../records/record-fields.js";
import { type CompiledAdvanced, compileAdvanced } from "./advanced-compile.js";
import type { AdvancedEndpointConfig } from "./advanced-endpoint.js";
import { advancedOptions, methodEffects } from "./advanced-endpoint.js";

export type AdvancedPlan = GraphPlan;

/**
 * advanced: a Graph call of the user's choosing, from compiled url / headers / body templates. GET, PUT and DELETE are
 * idempotent (retried, and GET/DELETE send no body); POST and PATCH are never repeated after an
 * ambiguous failure. A record the templates cannot fill is rejected naming the placeholder.
 */
export function advancedOperation(
  env: OperationEnv,
  endpoint: AdvancedEndpointConfig,
  configPath: string,
): OperationSteps<AdvancedPlan> {
  const compiled = compileAdvanced(env, endpoint, configPath);
  return {
    name: "advanced",
    plan: (record, context) => planAdvanced(compiled, record, context),
    orderingKey: (plan) => plan.key,
    describe: describeGraphPlan,
    execute: (plan, signal) => executeAdvanced(env, plan, signal),
  };
}

function planAdvanced(compiled: CompiledAdvanced, record: RecordData, context: RecordContext): AdvancedPlan {
  const placeholderContext: PlaceholderContext = { message: record, config: compiled.config };
  const { endpoint } = compiled;
  let url: string;
  let headers: Record<string, string>;
  let body: GraphBody;
  try {
    url = compiled.url.render(placeholderContext);
    headers = compiled.headers.render(placeholderContext);
    body =
      compiled.body === undefined
        ? { kind: "none" }
        : renderBody(compiled, endpoint, placeholderContext, context);
  } catch (error) {
    if (error instanceof PlaceholderRecordError) {
      const field = error.path.startsWith("message.") ? error.path.slice("message.".length) : undefined;
      throw new RecordError(`${recordLabel(context)}: ${error.message}`, {
        code: error.code,
        ...(field === undefined ? {} : { field }),
      });
    }
    throw error;
  }
  const recipient =
    body.kind === "json" && isPlainObject(body.value) ? stringField(body.value, "to") : undefined;
  const pacing = laneOf(endpoint, url, recipient);
  const flowId = stringField(record, "flow_id");
  return {
    request: {
      method: endpoint.method,
      url,
      ...(compiled.headers.headers.length === 0 ? {} : { headers }),
      body,
      idempotent: compiled.idempotent,
      pacing,
    },
    summary: { method: endpoint.method, url: scrubUrl(url) },
    key: recipient !== undefined ? `to:${recipient}` : flowId !== undefined ? `flow:${flowId}` : `url:${url}`,
    context,
  };
}

function renderBody(
  compiled: CompiledAdvanced,
  endpoint: AdvancedEndpointConfig,
  placeholderContext: PlaceholderContext,
  context: RecordContext,
): GraphBody {
  const template = compiled.body!;
  switch (endpoint.content_format) {
    case "json":
      return { kind: "json", value: template.renderValue(placeholderContext) };
    case "x-www-form-urlencoded":
      return {
        kind: "form",
        fields: Object.fromEntries(template.renderFields(placeholderContext, endpoint.content_format)),
      };
    case "multipart/form-data": {
      const fileField = endpoint.file_field === "" ? undefined : endpoint.file_field;
      let hasFile = fileField === undefined;
      const parts: MultipartPart[] = [];
      for (const [name, value] of template.renderFields(placeholderContext, endpoint.content_format)) {
        if (name === fileField) {
          hasFile = true;
          parts.push({ name, filename: endpoint.file_name, contentType: "application/json", content: value });
        } else {
          parts.push({ name, value });
        }
      }
      if (!hasFile) {
        throw new RecordError(
          `${recordLabel(context)}: the rendered body has no "${fileField}" field for the file part (file_field); check body_template and the record`,
          { code: "ERR_TEMPLATE_FIELD_MISSING" },
        );
      }
      return { kind: "multipart", parts };
    }
  }
}

const SEND_PATH = /\/(\d+)\/messages$/;

/** Sends made through advanced still wait in their phone number's lane (Meta's throughput). */
function laneOf(endpoint: AdvancedEndpointConfig, url: string, recipient: string | undefined): PacingLane {
  if (endpoint.method === "POST" && recipient !== undefined) {
    const query = url.indexOf("?");
    const match = SEND_PATH.exec(query < 0 ? url : url.slice(0, query));
    if (match !== null) return { kind: "send", phoneNumberId: match[1]!, recipient };
  }
  return { kind: "none" };
}

const TOKEN_PARAM = /([?&](?:access_token|input_token|client_secret)=)[^&#]*/gi;

/** A URL for reports: a token a user templated into the query never leaves the process. */
function scrubUrl(url: string): string {
  return url.includes("_token=") || url.includes("client_secret=")
    ? url.replace(TOKEN_PARAM, "$1REDACTED")
    : url;
}

async function executeAdvanced(
  env: OperationEnv,
  plan: AdvancedPlan,
  signal: AbortSignal | undefined,
): Promise<Outcome> {
  const result = await callGraph(env.client, plan.request, signal, plan.context.calls);
  const audience = plan.request.pacing.kind === "send" ? "messaging" : "management";
  if (!result.ok) return failureOutcome(plan, result.error, audience);
  const body = result.response.body;
  const messages = isPlainObject(body) && Array.isArray(body.messages) ? body.messages : undefined;
  const messageId = messages === undefined ? undefined : stringField(messages[0], "id");
  const flowId = messageId === undefined ? stringField(body, "id") : undefined;
  const ids = messageId !== undefined ? { messageId } : flowId !== undefined ? { flowId } : undefined;
  return succeeded(plan, result.response, ids);
}

/**
 * No object of its own in discover: its URL and body come from the config, so each configured
 * advanced endpoint is offered as its stream's object instead (../catalog/stream-objects.ts).
 */
export const advancedDefinition = defineOperation({
  name: "advanced",
  title: "Advanced (manual HTTP request)",
  description: "Any Graph API call: method, URL with placeholders, headers and a body template.",
  options: advancedOptions,
  record: undefined,
  matchingKeys: [],
  syncModes: ["append"],
  effects: (endpoint) => methodEffects(endpoint.method),
  compile: (env, endpoint, configPath) => advancedOperation(env, endpoint, configPath),
});
