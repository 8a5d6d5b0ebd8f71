import { activationDefinitions } from "./definitions.js";
import { recordJsonSchema } from "./record-schema.js";

/** One DestinationOperation of the Airbyte protocol (data activation). */
export interface DestinationOperation {
  readonly object_name: string;
  readonly sync_mode: string;
  readonly json_schema: Record<string, unknown>;
  readonly matching_keys?: readonly (readonly string[])[];
}

/**
 * discover's catalog: one operation per (template, sync mode) of every template with a record
 * schema, in the definitions' order. Static: it needs no network and no config value.
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
