import { GraphErrorReply } from "../graph-error-reply.js";
import { flowError } from "../graph-errors.js";
import { type Reply, type RouteContext, SUCCESS } from "../route-context.js";
import { requireFlow } from "./lookup.js";
import { publishable } from "./publishable.js";

/** DRAFT → PUBLISHED, irreversible; 139002 when the flow is not ready. */
export function publishFlow(ctx: RouteContext): Reply {
  const flow = requireFlow(ctx);
  const why = publishable(flow);
  if (why !== undefined) throw new GraphErrorReply(flowError(139002, "Publishing failed", why));
  flow.status = "PUBLISHED";
  flow.updatedAt = Date.now();
  return SUCCESS;
}

/** PUBLISHED → DEPRECATED; 139003 otherwise, including for an already deprecated flow. */
export function deprecateFlow(ctx: RouteContext): Reply {
  const flow = requireFlow(ctx);
  if (flow.status !== "PUBLISHED" && flow.status !== "THROTTLED") {
    const why =
      flow.status === "DEPRECATED"
        ? "The Flow is already deprecated."
        : `The Flow is ${flow.status}: only published Flows can be deprecated.`;
    throw new GraphErrorReply(flowError(139003, "Flow can't be deprecated", why));
  }
  flow.status = "DEPRECATED";
  flow.updatedAt = Date.now();
  return SUCCESS;
}

/** Only drafts can be deleted (139004); afterwards the id is unknown (100/33). */
export function deleteFlow(ctx: RouteContext): Reply {
  const flow = requireFlow(ctx);
  if (flow.status !== "DRAFT") {
    throw new GraphErrorReply(
      flowError(
        139004,
        "Flow can't be deleted",
        `The Flow is ${flow.status}: only Flows in DRAFT can be deleted.`,
      ),
    );
  }
  ctx.state.delete(flow);
  return SUCCESS;
}
