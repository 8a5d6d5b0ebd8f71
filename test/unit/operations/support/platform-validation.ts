/**
 * Airbyte's connection validation for data activation, re-implemented from the platform's
 * ConnectionsHandler (validateCatalogWithDestinationCatalog) and the reading of the UI:
 * each stream names an object; (object, sync mode) is one of discover's operations; every field
 * the operation's json_schema requires is mapped; no unknown field is mapped where
 * additionalProperties is false; and the stream's primary key, flattened, is one of the
 * operation's matching_keys when it has any, its fields mapped (the key names destination
 * fields: a record without them could not be matched to anything).
 */
export interface DestinationOperation {
  readonly object_name: string;
  readonly sync_mode: string;
  readonly json_schema: {
    properties?: Record<string, unknown>;
    required?: string[];
    additionalProperties?: unknown;
  };
  readonly matching_keys?: readonly (readonly string[])[];
}

export interface MappedStream {
  readonly name: string;
  readonly destination_object_name?: string;
  readonly destination_sync_mode: string;
  /** The destination field names the user mapped source fields onto. */
  readonly fields: readonly string[];
  readonly primary_key?: readonly (readonly string[])[];
}

export function validateConnection(
  operations: readonly DestinationOperation[],
  streams: readonly MappedStream[],
): string[] {
  const problems: string[] = [];
  for (const stream of streams) {
    const object = stream.destination_object_name;
    if (object === undefined) {
      problems.push(`${stream.name}: missing destination object name`);
      continue;
    }
    const operation = operations.find(
      (op) => op.object_name === object && op.sync_mode === stream.destination_sync_mode,
    );
    if (operation === undefined) {
      problems.push(`${stream.name}: no operation ${object}/${stream.destination_sync_mode}`);
      continue;
    }
    const declared = Object.keys(operation.json_schema.properties ?? {});
    for (const required of operation.json_schema.required ?? []) {
      if (!stream.fields.includes(required))
        problems.push(`${stream.name}: required field ${required} not mapped`);
    }
    // The platform's JsonSchemas.allowsAdditionalProperties: absent or true allows them.
    if (operation.json_schema.additionalProperties === false) {
      for (const field of stream.fields) {
        if (!declared.includes(field)) problems.push(`${stream.name}: field ${field} is not in ${object}`);
      }
    }
    const keys = operation.matching_keys ?? [];
    if (keys.length > 0) {
      const flat = (stream.primary_key ?? []).flat();
      if (!keys.some((key) => key.length === flat.length && key.every((part, i) => part === flat[i]))) {
        problems.push(
          `${stream.name}: primary key [${flat.join(", ")}] is none of ${object}'s matching keys`,
        );
      }
      for (const part of flat) {
        if (!stream.fields.includes(part))
          problems.push(`${stream.name}: primary key field ${part} not mapped`);
      }
    }
  }
  return problems;
}
