import { isPlainObject } from "../records/record-fields.js";

/** A Flow's `health_status` read: whether Meta lets messages open it, and why not. */
export interface FlowHealth {
  readonly blocked: boolean;
  readonly reason: string;
}

/**
 * Meta's `health_status` of a Flow: `can_send_message` AVAILABLE, LIMITED or BLOCKED overall, and
 * per entity (the Flow, its WABA, business and app) with the errors that block it. Only BLOCKED
 * stops sends: a LIMITED Flow still reaches people. Undefined when the answer says nothing.
 */
export function flowHealthOf(body: unknown): FlowHealth | undefined {
  if (!isPlainObject(body) || !isPlainObject(body.health_status)) return undefined;
  const status = body.health_status;
  if (typeof status.can_send_message !== "string") return undefined;
  const blocked = status.can_send_message === "BLOCKED";
  const reasons: string[] = [];
  for (const entity of Array.isArray(status.entities) ? status.entities : []) {
    if (!isPlainObject(entity) || entity.can_send_message !== "BLOCKED") continue;
    const what = `${String(entity.entity_type ?? "entity")} ${String(entity.id ?? "")}`.trim();
    const errors = (Array.isArray(entity.errors) ? entity.errors : []).filter(isPlainObject).map((e) => {
      const description = typeof e.error_description === "string" ? e.error_description : "";
      const solution = typeof e.possible_solution === "string" ? ` (${e.possible_solution})` : "";
      const code = typeof e.error_code === "number" ? ` [${e.error_code}]` : "";
      return `${description}${code}${solution}`.trim();
    });
    reasons.push(errors.length > 0 ? `${what} is BLOCKED: ${errors.join("; ")}` : `${what} is BLOCKED`);
  }
  const reason =
    reasons.length > 0
      ? `health_status ${reasons.join("; ")}`
      : `health_status can_send_message is ${status.can_send_message}`;
  return { blocked, reason };
}
