import type { ServerResponse } from "node:http";
import { sendJson } from "../respond.js";
import type { Runtime } from "../runtime.js";
import type { FlowHealthSetting } from "../types.js";

const CAN_SEND = ["AVAILABLE", "LIMITED", "BLOCKED"] as const;

/**
 * `POST /__emulator/flows/{id}/health` `{can_send_message, error_code?, error_description?,
 * possible_solution?}`: the health_status Meta reports for a Flow (the connector's Flow health
 * guard reads it). Templates are paused with `POST /__emulator/templates/{id}` and a number's
 * quality is set with `POST /__emulator/phone_numbers/{id}` (control-campaign.ts).
 */
function setFlowHealth(rt: Runtime, id: string, body: unknown): { status: number; body: unknown } {
  const flow = rt.state.flows.get(id);
  if (flow === undefined) return { status: 404, body: { error: `no flow with id ${id}` } };
  const b = (body !== null && typeof body === "object" ? body : {}) as Record<string, unknown>;
  const can = b.can_send_message;
  if (typeof can !== "string" || !(CAN_SEND as readonly string[]).includes(can)) {
    return { status: 400, body: { error: `can_send_message must be one of ${CAN_SEND.join(", ")}` } };
  }
  if (b.error_code !== undefined && (typeof b.error_code !== "number" || !Number.isInteger(b.error_code))) {
    return { status: 400, body: { error: "error_code must be an integer" } };
  }
  for (const k of ["error_description", "possible_solution"]) {
    if (b[k] !== undefined && typeof b[k] !== "string") {
      return { status: 400, body: { error: `${k} must be a string` } };
    }
  }
  const health: FlowHealthSetting = {
    canSendMessage: can as FlowHealthSetting["canSendMessage"],
    ...(b.error_code === undefined ? {} : { errorCode: b.error_code as number }),
    ...(b.error_description === undefined ? {} : { errorDescription: b.error_description as string }),
    ...(b.possible_solution === undefined ? {} : { possibleSolution: b.possible_solution as string }),
  };
  flow.health = health;
  return { status: 200, body: { id, health_status: health } };
}

/** The control routes of the campaign guardrails; false when the route is not one of them. */
export function handleGuardControl(
  rt: Runtime,
  res: ServerResponse,
  method: string,
  parts: readonly string[],
  body: unknown,
): boolean {
  const [edge, id, leaf] = parts;
  if (method !== "POST" || edge !== "flows" || id === undefined || leaf !== "health" || parts.length !== 3) {
    return false;
  }
  const reply = setFlowHealth(rt, id, body);
  sendJson(res, reply.status, reply.body);
  return true;
}
