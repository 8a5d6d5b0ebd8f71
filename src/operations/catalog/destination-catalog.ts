import type { OperationEnv } from "../contract/operation-env.js";
import { listTemplatesOrWhy } from "../graph-calls/template-catalog.js";
import { recordJsonSchema } from "../records/record-schema.js";
import { activationDefinitions } from "./definitions.js";
import type { DestinationOperation } from "./destination-operation.js";
import { isSendableFlowTemplate, templateObjectName, templateObjectOperation } from "./template-objects.js";

/**
 * discover's catalog: one destination operation per (operation, sync mode) of every operation
 * with a record schema, in the definitions' order. Static: it needs no network and no config value, so
 * `npm run spec:update` writes it to spec/catalog.json for discover (a unit test keeps the two equal).
 */
export function destinationCatalog(): { readonly operations: DestinationOperation[] } {
  const operations: DestinationOperation[] = [];
  for (const definition of activationDefinitions()) {
    const json_schema = {
      ...recordJsonSchema(definition.record!),
      title: definition.title,
      description: definition.description,
    };
    for (const sync_mode of definition.syncModes) {
      operations.push({
        object_name: definition.name,
        sync_mode,
        json_schema,
        ...(definition.matchingKeys.length === 0 ? {} : { matching_keys: definition.matchingKeys }),
      });
    }
  }
  return { operations };
}

/**
 * discover with a working token: the operations it knows without the network (the static ones,
 * `destinationCatalog()`, which discover reads from the build-time spec/catalog.json, and the
 * configured streams' objects, ./stream-objects.ts), then one object per APPROVED template with a
 * FLOW button (./template-objects.ts). When the WABA's templates cannot be listed (no network, a
 * failing token) the offline operations are the answer and `note` says why.
 */
export async function liveDestinationCatalog(
  offlineOperations: readonly DestinationOperation[],
  env: OperationEnv,
  signal: AbortSignal | undefined,
): Promise<{ readonly catalog: { readonly operations: DestinationOperation[] }; readonly note?: string }> {
  const templates = await listTemplatesOrWhy(env, signal);
  if (typeof templates === "string") {
    return {
      catalog: { operations: [...offlineOperations] },
      note: `${templates}: only the static operations and the configured streams' objects are listed, no template objects`,
    };
  }
  const live = templates
    .filter(isSendableFlowTemplate)
    .sort((a, b) => templateObjectName(a).localeCompare(templateObjectName(b)))
    .map(templateObjectOperation);
  return { catalog: { operations: [...offlineOperations, ...live] } };
}
