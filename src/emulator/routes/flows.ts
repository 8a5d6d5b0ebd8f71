import { flowView, GET_FLOW_DEFAULT_FIELDS, LIST_FLOW_DEFAULT_FIELDS } from "../flow-view.js";
import { GraphErrorReply } from "../graph-error-reply.js";
import { missingParam } from "../graph-errors.js";
import { optionalCategories, optionalHttpsUrl, optionalString } from "../params.js";
import { type Reply, type RouteContext, SUCCESS } from "../route-context.js";
import { editFlow } from "./flow-edit.js";
import { page, requireFlow, requireWaba } from "./lookup.js";
import { assertNameFree } from "./name-check.js";

export function listFlows(ctx: RouteContext): Reply {
  requireWaba(ctx);
  const fields = ctx.query.get("fields");
  const all = [...ctx.state.flows.values()];
  const paged = page(ctx, all);
  const data = paged.data.map((f) => flowView(f, fields, LIST_FLOW_DEFAULT_FIELDS, ctx.baseUrl));
  return { status: 200, body: { ...paged, data } };
}

export function getFlow(ctx: RouteContext): Reply {
  const flow = requireFlow(ctx);
  return { status: 200, body: flowView(flow, ctx.query.get("fields"), GET_FLOW_DEFAULT_FIELDS, ctx.baseUrl) };
}

/** POST /{flow}: name, categories, endpoint_uri, application_id; a PUBLISHED Flow returns to DRAFT. */
export function updateMetadata(ctx: RouteContext): Reply {
  const flow = requireFlow(ctx);
  const name = optionalString(ctx, "name");
  const categories = optionalCategories(ctx);
  const endpointUri = optionalHttpsUrl(ctx, "endpoint_uri") ?? optionalHttpsUrl(ctx, "data_channel_uri");
  const applicationId = optionalString(ctx, "application_id");
  if (
    name === undefined &&
    categories === undefined &&
    endpointUri === undefined &&
    applicationId === undefined
  ) {
    throw new GraphErrorReply(missingParam("name, categories, endpoint_uri or application_id"));
  }
  if (name !== undefined && name.trim() === "") throw new GraphErrorReply(missingParam("name"));
  editFlow(ctx, flow, () => {
    if (name !== undefined) {
      assertNameFree(ctx.state, name, flow.id);
      ctx.state.rename(flow, name);
      ctx.note.name = name;
    }
    if (categories !== undefined) flow.categories = categories;
    if (endpointUri !== undefined) flow.endpointUri = endpointUri;
    if (applicationId !== undefined) flow.applicationId = applicationId;
  });
  return SUCCESS;
}
