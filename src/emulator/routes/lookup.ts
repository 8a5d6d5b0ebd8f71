import { GraphErrorReply } from "../graph-error-reply.js";
import { unknownObject } from "../graph-errors.js";
import type { RouteContext } from "../route-context.js";
import type { FlowRecord } from "../types.js";

function objectId(ctx: RouteContext): string {
  return ctx.segments[0] ?? "";
}

export function requireFlow(ctx: RouteContext): FlowRecord {
  const flow = ctx.state.flows.get(objectId(ctx));
  if (flow === undefined) throw new GraphErrorReply(unknownObject(ctx.method, objectId(ctx)));
  ctx.note.flowId = flow.id;
  return flow;
}

export function requireWaba(ctx: RouteContext): string {
  const id = objectId(ctx);
  if (id !== ctx.state.wabaId) throw new GraphErrorReply(unknownObject(ctx.method, id));
  return id;
}

export function requirePhone(ctx: RouteContext): string {
  const id = objectId(ctx);
  if (!ctx.state.isPhone(id)) throw new GraphErrorReply(unknownObject(ctx.method, id));
  ctx.note.phoneNumberId = id;
  return id;
}

/** Graph list paging: opaque cursors over positions, `limit` and `after`/`before`. */
export function page<T>(
  ctx: RouteContext,
  items: readonly T[],
  defaultLimit = 25,
): { data: T[]; paging?: unknown } {
  const limitRaw = Number(ctx.query.get("limit") ?? defaultLimit);
  const limit = Number.isInteger(limitRaw) && limitRaw > 0 ? Math.min(limitRaw, 1000) : defaultLimit;
  const decode = (c: string | null): number | undefined => {
    if (c === null) return undefined;
    const n = Number(Buffer.from(c, "base64url").toString("utf8").replace(/^pos:/, ""));
    return Number.isInteger(n) && n >= 0 ? n : undefined;
  };
  const encode = (n: number): string => Buffer.from(`pos:${n}`).toString("base64url");
  const after = decode(ctx.query.get("after"));
  const before = decode(ctx.query.get("before"));
  let start = after !== undefined ? after + 1 : 0;
  if (before !== undefined && after === undefined) start = Math.max(0, before - limit);
  const end = Math.min(items.length, start + limit);
  const data = items.slice(start, end);
  if (data.length === 0) return { data };
  const cursors = { before: encode(start), after: encode(end - 1) };
  return { data, paging: end < items.length ? { cursors, next: `after=${cursors.after}` } : { cursors } };
}
