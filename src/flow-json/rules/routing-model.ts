import { FlowJsonErrorCode as C, SCHEMA_ERROR_TYPE } from "../error-codes.js";
import type { JsonPath } from "../json-path.js";
import { isObject } from "../screen-facts.js";
import type { FlowContext } from "./context.js";

const MAX_BRANCHES = 10;

/** The routing model of an endpoint Flow, or the one implied by navigate actions otherwise. */
export function checkRoutingModel(ctx: FlowContext): void {
  const model = ctx.doc.routing_model;
  // An empty model declares no routes, so the navigate actions still define them: Meta's own
  // component examples (DatePicker, CalendarPicker) ship endpoint Flows with `"routing_model": {}`.
  if (model === undefined || (isObject(model) && Object.keys(model).length === 0)) checkImpliedRoutes(ctx);
  else if (!isObject(model)) {
    ctx.reporter.report(
      C.INVALID_PROPERTY_TYPE,
      "Expected property 'routing_model' to be an object mapping each screen id to the ids it can route to.",
      ["routing_model"],
      SCHEMA_ERROR_TYPE,
    );
  } else checkDeclaredRoutes(ctx, model);
}

function invalid(ctx: FlowContext, message: string, paths: JsonPath | readonly JsonPath[]): void {
  ctx.reporter.report(C.INVALID_ROUTING_MODEL, message, paths);
}

function checkDeclaredRoutes(ctx: FlowContext, model: Record<string, unknown>): void {
  const edges = new Map<string, Set<string>>();
  const unknown = new Set<string>();
  const unknownPaths: JsonPath[] = [];
  for (const [source, targets] of Object.entries(model)) {
    const path: JsonPath = ["routing_model", source];
    if (!ctx.byId.has(source)) {
      unknown.add(source);
      unknownPaths.push(path);
    }
    if (!Array.isArray(targets)) {
      ctx.reporter.report(
        C.INVALID_PROPERTY_TYPE,
        `Expected routing_model['${source}'] to be an array of screen ids.`,
        path,
        SCHEMA_ERROR_TYPE,
      );
      continue;
    }
    const out = new Set<string>();
    targets.forEach((target, i) => {
      if (typeof target !== "string" || !ctx.byId.has(target)) {
        unknown.add(String(target));
        unknownPaths.push([...path, i]);
      } else out.add(target);
    });
    edges.set(source, out);
    if (targets.length > MAX_BRANCHES) {
      invalid(
        ctx,
        `Number of branches exceeds the max limit of ${MAX_BRANCHES} for screens: [${source}].`,
        path,
      );
    }
  }
  if (unknown.size > 0) {
    invalid(ctx, `Invalid screens found in the routing model: [${[...unknown].join(", ")}].`, unknownPaths);
  }
  // A screen is in the model as a key or as a target: a terminal screen routes nowhere, so Meta
  // accepts it listed only as a target (`{"A": ["DONE"]}`, as in pywa's forward_refs example and
  // tacafricamain/auto-whatsapp-airtime-purchase). Its own navigate actions still need routes.
  const targeted = new Set([...edges.values()].flatMap((targets) => [...targets]));
  const missing = [...ctx.byId.keys()].filter((id) => !(id in model) && !targeted.has(id));
  if (missing.length > 0) {
    invalid(ctx, `Following screens are missing in the routing model: [${missing.join(", ")}].`, [
      "routing_model",
    ]);
  }
  for (const [a, targets] of edges) {
    for (const b of targets) {
      if (a < b && edges.get(b)?.has(a) === true) {
        invalid(
          ctx,
          `Backward route [${b}->${a}] corresponding to forward route [${a}->${b}] is not allowed in the routing model. Only forward routes can be specified.`,
          ["routing_model", b],
        );
      }
    }
  }
  const cycle = findCycle(edges);
  if (cycle !== undefined && cycle.length !== 2) {
    invalid(ctx, `Loop detected in the routing model for screens: [${cycle.join(", ")}].`, [
      "routing_model",
      cycle[0] ?? "",
    ]);
  }
  const known = [...edges.keys()].filter((id) => ctx.byId.has(id));
  if (known.length > 0 && !known.some((id) => !hasInbound(edges, id))) {
    invalid(
      ctx,
      "No entry screen found in the routing model. Expected a screen with no inbound edges as the entry screen.",
      ["routing_model"],
    );
  }
  const disconnected = disconnectedScreens([...ctx.byId.keys()], edges);
  if (disconnected.length > 0) {
    invalid(
      ctx,
      `Following screens are not connected with the rest of the screens: [${disconnected.join(", ")}]. All screens should be connected.`,
      ["routing_model"],
    );
  }
  for (const screen of ctx.screens) {
    if (screen.id === undefined) continue;
    for (const action of screen.actions) {
      const next = action.next;
      if (action.name !== "navigate" || next === undefined || next === screen.id || !ctx.byId.has(next))
        continue;
      if (edges.get(screen.id)?.has(next) !== true) {
        invalid(
          ctx,
          `Missing direct route from screen '${screen.id}' to screen '${next}' in the routing model, while it exists in the navigate screen action of screen '${screen.id}'.`,
          [...action.path, "next", "name"],
        );
      }
    }
  }
}

/** Without a routing model the navigate actions form it: an entry screen and ≤10 branches each. */
function checkImpliedRoutes(ctx: FlowContext): void {
  const edges = new Map<string, Set<string>>();
  for (const screen of ctx.screens) {
    if (screen.id === undefined || edges.has(screen.id)) continue;
    const out = new Set<string>();
    for (const action of screen.actions) {
      if (
        action.name === "navigate" &&
        action.next !== undefined &&
        action.next !== screen.id &&
        ctx.byId.has(action.next)
      ) {
        out.add(action.next);
      }
    }
    edges.set(screen.id, out);
    if (out.size > MAX_BRANCHES) {
      invalid(
        ctx,
        `Number of branches exceeds the max limit of ${MAX_BRANCHES} for screens: [${screen.id}]. Reduce navigate actions for the screen.`,
        [...screen.path, "layout"],
      );
    }
  }
  if (edges.size > 0 && ![...edges.keys()].some((id) => !hasInbound(edges, id))) {
    invalid(
      ctx,
      "No entry screen found in the routing model. Add a screen that is not used as the next screen in any of the navigate actions.",
      ["screens"],
    );
  }
}

function hasInbound(edges: ReadonlyMap<string, ReadonlySet<string>>, id: string): boolean {
  for (const [source, targets] of edges) if (source !== id && targets.has(id)) return true;
  return false;
}

/** One directed cycle (ids in order), found by depth-first search; undefined when acyclic. */
function findCycle(edges: ReadonlyMap<string, ReadonlySet<string>>): string[] | undefined {
  const state = new Map<string, 1 | 2>();
  const stack: string[] = [];
  const visit = (id: string): string[] | undefined => {
    state.set(id, 1);
    stack.push(id);
    for (const next of edges.get(id) ?? []) {
      const s = state.get(next);
      if (s === 1) return stack.slice(stack.indexOf(next));
      if (s === undefined) {
        const found = visit(next);
        if (found !== undefined) return found;
      }
    }
    stack.pop();
    state.set(id, 2);
    return undefined;
  };
  for (const id of edges.keys()) {
    if (state.get(id) === undefined) {
      const found = visit(id);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** Screens outside the (undirected) component of the first screen. */
function disconnectedScreens(
  ids: readonly string[],
  edges: ReadonlyMap<string, ReadonlySet<string>>,
): string[] {
  const first = ids[0];
  if (first === undefined) return [];
  const adjacent = new Map<string, Set<string>>(ids.map((id) => [id, new Set<string>()]));
  for (const [a, targets] of edges) {
    for (const b of targets) {
      adjacent.get(a)?.add(b);
      adjacent.get(b)?.add(a);
    }
  }
  const seen = new Set([first]);
  const queue = [first];
  for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
    for (const n of adjacent.get(id) ?? []) {
      if (!seen.has(n)) {
        seen.add(n);
        queue.push(n);
      }
    }
  }
  return ids.filter((id) => !seen.has(id));
}
