import { DATA_API_VERSIONS } from "../../flow-json/index.js";
import { GraphErrorReply } from "../graph-error-reply.js";
import { flowsInvalidParameter, invalidParam, missingParam } from "../graph-errors.js";
import {
  optionalBoolean,
  optionalCategories,
  optionalHttpsUrl,
  optionalString,
  param,
  requiredString,
} from "../params.js";
import type { Reply, RouteContext } from "../route-context.js";
import { requireWaba } from "./lookup.js";
import { assertNameFree } from "./name-check.js";
import { publishable } from "./publishable.js";

function flowJsonParam(ctx: RouteContext): string | undefined {
  const value = param(ctx, "flow_json");
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value;
  if (typeof value === "object") return JSON.stringify(value);
  throw new GraphErrorReply(invalidParam("flow_json", "must be a JSON string"));
}

/**
 * The versions of a Flow JSON Meta refuses outright (code 100) instead of saving the Flow with
 * validation errors: a `version` it does not know, a `data_api_version` it does not support.
 */
function refuseVersions(ctx: RouteContext, flowJson: string): void {
  let doc: unknown;
  try {
    doc = JSON.parse(flowJson);
  } catch {
    return; // not JSON: saved with validation errors, as Meta does
  }
  if (typeof doc !== "object" || doc === null) return;
  const { version, data_api_version: dataApi } = doc as { version?: unknown; data_api_version?: unknown };
  if (typeof version !== "string" || !ctx.state.rules.knowsFlowJsonVersion(version)) {
    throw new GraphErrorReply(
      flowsInvalidParameter(
        "Invalid Flow JSON version",
        `The Flow JSON version "${String(version ?? "")}" is not valid: use a supported version.`,
      ),
    );
  }
  if (dataApi !== undefined && (typeof dataApi !== "string" || !DATA_API_VERSIONS.has(dataApi))) {
    throw new GraphErrorReply(
      flowsInvalidParameter(
        "Invalid Flow JSON data_api_version",
        `The Flow JSON data_api_version "${String(dataApi)}" is not valid: use a supported version.`,
      ),
    );
  }
}

/**
 * POST /{waba}/flows: `{id}`, or with flow_json `{id, success, validation_errors}`. Refusals are
 * Meta's code-100 family (two clone sources, an unknown clone_flow_id, bad versions, a taken name).
 */
export function createFlow(ctx: RouteContext): Reply {
  requireWaba(ctx);
  const name = requiredString(ctx, "name");
  const categories = optionalCategories(ctx);
  if (categories === undefined) throw new GraphErrorReply(missingParam("categories"));
  const cloneId = optionalString(ctx, "clone_flow_id");
  const cloneTemplate = optionalString(ctx, "clone_template");
  const endpointUri = optionalHttpsUrl(ctx, "endpoint_uri");
  const flowJson = flowJsonParam(ctx);
  const publish = optionalBoolean(ctx, "publish") ?? false;
  if (cloneId !== undefined && cloneTemplate !== undefined) {
    throw new GraphErrorReply(
      flowsInvalidParameter(
        "Only one clone source can be set",
        "You provided values for both clone_flow_id and clone_template: set only one of them.",
      ),
    );
  }
  const source = cloneId === undefined ? undefined : ctx.state.flows.get(cloneId);
  if (cloneId !== undefined && source === undefined) {
    throw new GraphErrorReply(
      flowsInvalidParameter(
        "Flow with specified ID does not exist",
        `The Flow ID ${cloneId} you provided was not found in your account.`,
      ),
    );
  }
  if (flowJson !== undefined) refuseVersions(ctx, flowJson);
  if (publish && flowJson === undefined) throw new GraphErrorReply(missingParam("flow_json"));
  assertNameFree(ctx.state, name);

  const flow = ctx.state.create(name, categories);
  ctx.note.flowId = flow.id;
  ctx.note.name = name;
  if (source?.flowJson !== undefined) Object.assign(flow, ctx.state.flowJsonFacts(source.flowJson));
  if (source?.endpointUri !== undefined) flow.endpointUri = source.endpointUri;
  if (endpointUri !== undefined) flow.endpointUri = endpointUri;
  if (flowJson === undefined) return { status: 200, body: { id: flow.id } };

  Object.assign(flow, ctx.state.flowJsonFacts(flowJson));
  if (publish && publishable(flow) === undefined) flow.status = "PUBLISHED";
  return { status: 200, body: { id: flow.id, success: true, validation_errors: flow.validationErrors } };
}
