import { project, requestedFields } from "./fields.js";
import type { FlowRecord } from "./types.js";

export const GET_FLOW_DEFAULT_FIELDS = ["id", "name", "categories", "status", "validation_errors"];
export const LIST_FLOW_DEFAULT_FIELDS = ["id", "name", "categories", "status", "validation_errors"];

function isoSeconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}+0000`;
}

/**
 * Meta's `health_status` of a Flow: the Flow's own entity and its WABA's, with the errors of a
 * blocked or limited one. A Flow that is BLOCKED by status is blocked here too, whatever was set.
 */
function flowHealthView(flow: FlowRecord): Record<string, unknown> {
  const set = flow.health;
  const can = flow.status === "BLOCKED" ? "BLOCKED" : (set?.canSendMessage ?? "AVAILABLE");
  const errors =
    can === "AVAILABLE"
      ? undefined
      : [
          {
            error_code: set?.errorCode ?? 139003,
            error_description:
              set?.errorDescription ?? `The Flow is ${can === "BLOCKED" ? "blocked" : "limited"}.`,
            possible_solution:
              set?.possibleSolution ?? "Check the Flow's health and its endpoint in WhatsApp Manager.",
          },
        ];
  return {
    can_send_message: can,
    entities: [
      {
        entity_type: "FLOW",
        id: flow.id,
        can_send_message: can,
        ...(errors === undefined ? {} : { errors }),
      },
      { entity_type: "WABA", id: flow.wabaId, can_send_message: "AVAILABLE" },
    ],
  };
}

/** A flow as the Graph API shows it, limited to the requested fields. */
export function flowView(
  flow: FlowRecord,
  rawFields: string | null | undefined,
  defaults: readonly string[],
  baseUrl: string,
): Record<string, unknown> {
  const getters: Record<string, () => unknown> = {
    id: () => flow.id,
    name: () => flow.name,
    categories: () => flow.categories,
    status: () => flow.status,
    validation_errors: () => flow.validationErrors,
    json_version: () => flow.jsonVersion,
    data_api_version: () => flow.dataApiVersion,
    data_channel_uri: () => flow.endpointUri,
    endpoint_uri: () => flow.endpointUri,
    updated_at: () => isoSeconds(flow.updatedAt),
    preview: () => ({
      preview_url: `${baseUrl}/__emulator/preview/${flow.id}`,
      expires_at: isoSeconds(Date.now() + 30 * 24 * 3600 * 1000),
    }),
    whatsapp_business_account: () => ({ id: flow.wabaId }),
    application: () => (flow.applicationId === undefined ? undefined : { id: flow.applicationId }),
    health_status: () => flowHealthView(flow),
  };
  return project(requestedFields(rawFields, defaults), getters, "WhatsAppFlow");
}
