import { validateFlowJson } from "../../flow-json/index.js";
import type { FlowRecord } from "../types.js";

/** Why a flow cannot be published, or undefined when it can. */
export function publishable(flow: FlowRecord): string | undefined {
  if (flow.status !== "DRAFT") return `The Flow is ${flow.status}: only Flows in DRAFT can be published.`;
  if (flow.flowJson === undefined) return "The Flow has no Flow JSON: upload one before publishing.";
  if (flow.validationErrors.length > 0) {
    return `The Flow JSON has ${flow.validationErrors.length} validation error(s): fix them before publishing.`;
  }
  const strict = validateFlowJson(flow.flowJson, { requirePublishable: true });
  if (!strict.valid) {
    return `The Flow JSON version ${flow.jsonVersion ?? "(none)"} cannot be published: ${strict.errors[0]?.message ?? "upgrade it"}`;
  }
  if (flow.dataApiVersion !== undefined && flow.endpointUri === undefined) {
    return "The Flow uses an endpoint (data_api_version) but has no endpoint_uri: set one before publishing.";
  }
  return undefined;
}
