import { GraphErrorReply } from "../graph-error-reply.js";
import { invalidParam, malformedBody, missingParam } from "../graph-errors.js";
import { requiredString } from "../params.js";
import type { Reply, RouteContext } from "../route-context.js";
import { editFlow } from "./flow-edit.js";
import { page, requireFlow } from "./lookup.js";

const MAX_FLOW_JSON_BYTES = 10 * 1024 * 1024;

/**
 * POST /{flow}/assets (multipart: file, name, asset_type=FLOW_JSON). An invalid Flow JSON is
 * still saved and answered 200 `success: true` with its `validation_errors`, as Meta does; a
 * PUBLISHED Flow returns to DRAFT (./flow-edit.ts).
 */
export function uploadFlowJson(ctx: RouteContext): Reply {
  const flow = requireFlow(ctx);
  if (ctx.body.kind !== "multipart") {
    throw new GraphErrorReply(malformedBody("Flow JSON assets must be uploaded as multipart/form-data"));
  }
  requiredString(ctx, "name");
  const assetType = requiredString(ctx, "asset_type");
  if (assetType !== "FLOW_JSON") {
    throw new GraphErrorReply(invalidParam("asset_type", `must be one of {FLOW_JSON} - got "${assetType}".`));
  }
  const file = ctx.body.files.get("file");
  if (file === undefined) throw new GraphErrorReply(missingParam("file"));
  if (file.data.length > MAX_FLOW_JSON_BYTES) {
    throw new GraphErrorReply(invalidParam("file", `must not exceed ${MAX_FLOW_JSON_BYTES} bytes`));
  }
  editFlow(ctx, flow, () => Object.assign(flow, ctx.state.flowJsonFacts(file.data.toString("utf8"))));
  return { status: 200, body: { success: true, validation_errors: flow.validationErrors } };
}

export function listAssets(ctx: RouteContext): Reply {
  const flow = requireFlow(ctx);
  const assets =
    flow.flowJson === undefined
      ? []
      : [
          {
            name: "flow.json",
            asset_type: "FLOW_JSON",
            download_url: `${ctx.baseUrl}/__emulator/assets/${flow.id}/flow.json`,
          },
        ];
  return { status: 200, body: page(ctx, assets) };
}
