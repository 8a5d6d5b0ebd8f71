import { GraphErrorReply } from "../graph-error-reply.js";
import { invalidParam, missingParam } from "../graph-errors.js";
import {
  optionalBoolean,
  optionalCategories,
  optionalHttpsUrl,
  optionalString,
  param,
  requiredString,
} from "../params.js";
import type { Reply, RouteContext } from "../route-context.js";
import { flowJsonFacts } from "../state.js";
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

/** POST /{waba}/flows: `{id}`, or with flow_json `{id, success, validation_errors}`. */
export function createFlow(ctx: RouteContext): Reply {
  requireWaba(ctx);
  const name = requiredString(ctx, "name");
  const categories = optionalCategories(ctx);
  if (categories === undefined) throw new GraphErrorReply(missingParam("categories"));
  const cloneId = optionalString(ctx, "clone_flow_id");
  const endpointUri = optionalHttpsUrl(ctx, "endpoint_uri");
  const flowJson = flowJsonParam(ctx);
  const publish = optionalBoolean(ctx, "publish") ?? false;
  const source = cloneId === undefined ? undefined : ctx.state.flows.get(cloneId);
  if (cloneId !== undefined && source === undefined) {
    throw new GraphErrorReply(
      invalidParam("clone_flow_id", `must be the ID of an existing Flow - got "${cloneId}".`),
    );
  }
  if (publish && flowJson === undefined) throw new GraphErrorReply(missingParam("flow_json"));
  assertNameFree(ctx.state, name);

  const flow = ctx.state.create(name, categories);
  ctx.note.flowId = flow.id;
  ctx.note.name = name;
  if (source?.flowJson !== undefined) Object.assign(flow, flowJsonFacts(source.flowJson));
  if (source?.endpointUri !== undefined) flow.endpointUri = source.endpointUri;
  if (endpointUri !== undefined) flow.endpointUri = endpointUri;
  if (flowJson === undefined) return { status: 200, body: { id: flow.id } };

  Object.assign(flow, flowJsonFacts(flowJson));
  if (publish && publishable(flow) === undefined) flow.status = "PUBLISHED";
  return { status: 200, body: { id: flow.id, success: true, validation_errors: flow.validationErrors } };
}
