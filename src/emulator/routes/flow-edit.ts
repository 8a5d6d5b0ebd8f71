import { GraphErrorReply } from "../graph-error-reply.js";
import { flowError } from "../graph-errors.js";
import type { RouteContext } from "../route-context.js";
import type { FlowRecord } from "../types.js";

/**
 * An edit of a Flow's JSON or metadata, as Meta's lifecycle has it: a DRAFT takes it; a
 * PUBLISHED Flow takes it and returns to DRAFT under the same id (messages already sent keep
 * their content; it goes live again when published); any other state refuses with 139001, and so
 * does a PUBLISHED Flow when the emulator plays the older rule (`published_flow_edits: refuse`).
 * `apply` may refuse too (a taken name): the Flow is then left as it was.
 */
export function editFlow(ctx: RouteContext, flow: FlowRecord, apply: () => void): void {
  const republish = flow.status === "PUBLISHED" && ctx.state.rules.publishedFlowEdits === "draft";
  if (flow.status !== "DRAFT" && !republish) {
    const rule =
      flow.status === "PUBLISHED"
        ? "only Flows in DRAFT can be modified."
        : "only Flows in DRAFT or PUBLISHED can be modified.";
    throw new GraphErrorReply(
      flowError(139001, "Flow can't be updated", `The Flow is ${flow.status}: ${rule}`),
    );
  }
  apply();
  flow.status = "DRAFT";
  flow.updatedAt = Date.now();
}
