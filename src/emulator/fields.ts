import { GraphErrorReply } from "./graph-error-reply.js";
import { nonexistingField } from "./graph-errors.js";

/**
 * The top-level names of a `fields` parameter: `preview.invalidate(false)` and
 * `metric.name(X).granularity(DAY)` select `preview` and `metric`.
 */
export function requestedFields(
  raw: string | null | undefined,
  defaults: readonly string[],
): readonly string[] {
  if (raw === null || raw === undefined || raw.trim() === "") return defaults;
  const names: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i <= raw.length; i++) {
    const c = raw[i];
    if (c === "(" || c === "{") depth++;
    else if (c === ")" || c === "}") depth--;
    else if ((c === "," && depth === 0) || i === raw.length) {
      const name = raw.slice(start, i).trim().split(/[.({]/)[0]!;
      if (name !== "") names.push(name);
      start = i + 1;
    }
  }
  return names;
}

/** Pick the requested fields from a node's field getters; an unknown field is Graph error 100. */
export function project(
  fields: readonly string[],
  getters: Readonly<Record<string, () => unknown>>,
  nodeType: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of fields) {
    const get = getters[name];
    if (get === undefined) throw new GraphErrorReply(nonexistingField(name, nodeType));
    const value = get();
    if (value !== undefined) out[name] = value;
  }
  if (out.id === undefined && getters.id) out.id = getters.id();
  return out;
}
