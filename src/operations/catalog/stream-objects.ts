import type { Config, Json } from "../../config/index.js";
import { compileAdvanced } from "../advanced/advanced-compile.js";
import { advancedEndpointSchema } from "../advanced/advanced-endpoint.js";
import { advancedRecordJsonSchema } from "../advanced/advanced-record-schema.js";
import { fixedOptions, type OperationDefinition, parseEndpointWith } from "../contract/definition.js";
import type { OperationEnv } from "../contract/operation-env.js";
import { definitionOf } from "./definitions.js";
import type { DestinationOperation } from "./destination-operation.js";
import { type StreamMapping, streamObjectNames } from "./stream-object-names.js";

type Node = { [key: string]: Json };

/**
 * discover's objects for the endpoints configured in `streams[]` (./stream-object-names.ts names
 * them), so that Airbyte's mapping screen reaches every one of them: `advanced` endpoints and
 * operations whose options fix a Flow, a sender or a message template. Each lists exactly the
 * record fields its endpoint reads, under the sync modes and matching keys of its operation:
 * - an operation: its own destination operations' schema (`templateOperations`, discover's
 *   static catalog), without the fields the stream's options fix (a fixed flow_id leaves flow_id and flow_name
 *   unread), `required` and the matching keys adjusted;
 * - `advanced`: the `{message.x}` placeholders of its URL, headers and body template
 *   (../advanced/advanced-record-schema.ts), compiled as `write` compiles them, so a placeholder `write` would
 *   refuse is the same config_error here.
 * Two entries that would share an object name are a config_error naming both.
 */
export function configuredStreamOperations(
  config: Config,
  env: OperationEnv,
  templateOperations: readonly DestinationOperation[],
): DestinationOperation[] {
  const names = streamObjectNames(config.streams);
  return config.streams.flatMap((mapping, index) => {
    const definition = definitionOf(mapping.endpoint.template);
    // The config schema admits only the operations' endpoints: a miss is a bug, not user input.
    if (definition === undefined) throw new Error(`no definition for template ${mapping.endpoint.template}`);
    const configPath = `streams[${index}].endpoint`;
    const object = { name: names[index]!, label: `streams[${index}] (${streamLabel(mapping)})`, configPath };
    return definition.record === undefined
      ? advancedObject(definition, mapping, object, env)
      : templateObject(definition, mapping, object, templateOperations);
  });
}

interface StreamObject {
  readonly name: string;
  /** `streams[2] (stream "invites")`, for titles and descriptions. */
  readonly label: string;
  readonly configPath: string;
}

function streamLabel(mapping: StreamMapping): string {
  const stream = mapping.stream_name === "*" ? "every stream not listed" : `stream "${mapping.stream_name}"`;
  return mapping.namespace ? `${stream} in namespace "${mapping.namespace}"` : stream;
}

/** An operation without a static record schema (`advanced`) reads what its placeholders name. */
function advancedObject(
  definition: OperationDefinition,
  mapping: StreamMapping,
  object: StreamObject,
  env: OperationEnv,
): DestinationOperation[] {
  const endpoint = parseEndpointWith(advancedEndpointSchema, mapping.endpoint, object.configPath);
  const compiled = compileAdvanced(env, endpoint, object.configPath);
  const json_schema = {
    ...advancedRecordJsonSchema(compiled),
    title: `${definition.title}: ${object.label}`,
    description: `The advanced endpoint of ${object.label}: ${endpoint.method} to ${compiled.url.origin.host}. Its fields are the {message.…} placeholders of its URL, headers and body template.`,
  };
  return definition.syncModes.map((sync_mode) => ({ object_name: object.name, sync_mode, json_schema }));
}

function templateObject(
  definition: OperationDefinition,
  mapping: StreamMapping,
  object: StreamObject,
  templateOperations: readonly DestinationOperation[],
): DestinationOperation[] {
  const endpoint = parseEndpointWith(definition.endpoint, mapping.endpoint, object.configPath);
  const fixed = fixedOptions(definition, endpoint);
  const unread = new Set(fixed.flatMap((option) => definition.supersedes[option] ?? [option]));
  const settings = fixed.map((option) => `${option} "${String(endpoint[option])}"`).join(", ");
  const title = `${definition.title}: ${object.label}`;
  const description =
    `The endpoint of ${object.label}: ${definition.description}` +
    (settings === "" ? "" : ` The stream fixes ${settings}.`);
  return templateOperations
    .filter((operation) => operation.object_name === definition.name)
    .map((operation) => {
      const keys = (operation.matching_keys ?? []).filter((key) => key.every((field) => !unread.has(field)));
      return {
        object_name: object.name,
        sync_mode: operation.sync_mode,
        json_schema: { ...withoutFields(operation.json_schema as Node, unread), title, description },
        ...(keys.length === 0 ? {} : { matching_keys: keys }),
      };
    });
}

/** A record schema without some of its top-level fields, `required` adjusted. */
function withoutFields(schema: Node, unread: ReadonlySet<string>): Node {
  const properties = Object.fromEntries(
    Object.entries((schema.properties ?? {}) as Node).filter(([name]) => !unread.has(name)),
  );
  const required = ((schema.required ?? []) as string[]).filter((name) => !unread.has(name));
  const { required: _, ...rest } = schema;
  return { ...rest, properties, ...(required.length === 0 ? {} : { required }) };
}
