import { project, requestedFields } from "./fields.js";
import type { FlowRecord } from "./types.js";

export const GET_FLOW_DEFAULT_FIELDS = ["id", "name", "categories", "status", "validation_errors"];
export const LIST_FLOW_DEFAULT_FIELDS = ["id", "name", "categories", "status", "validation_errors"];

function isoSeconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}+0000`;
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
    health_status: () => ({
      can_send_message: flow.status === "BLOCKED" ? "BLOCKED" : "AVAILABLE",
      entities: [
        {
          entity_type: "FLOW",
          id: flow.id,
          can_send_message: flow.status === "BLOCKED" ? "BLOCKED" : "AVAILABLE",
        },
        { entity_type: "WABA", id: flow.wabaId, can_send_message: "AVAILABLE" },
      ],
    }),
  };
  return project(requestedFields(rawFields, defaults), getters, "WhatsAppFlow");
}
