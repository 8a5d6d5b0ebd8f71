import type { Config, ConfiguredCatalog } from "../../config/index.js";
import { ConfigError } from "../../errors/index.js";
import { streamKey } from "../../protocol/index.js";
import type { OperationDefinition } from "../contract/definition.js";
import type { ResolvedStream } from "../contract/resolved-stream.js";
import { activationDefinitions, definitionOf } from "./definitions.js";
import { isStreamObjectName, streamObjectIndex, streamObjectName } from "./stream-object-names.js";
import { templateObjectEndpoint } from "./template-objects.js";

/**
 * Maps every catalog stream to its endpoint before the first record is read, so that a sync never
 * starts with a stream it would have to fail on halfway. With data activation the catalog names
 * the object (`destination_object_name`) and its sync mode; otherwise config `streams[]` maps the
 * stream, an exact name (and namespace, when the mapping gives one) winning over `*`. A `*` entry
 * never applies to a stream the catalog maps onto an object.
 */
export function resolveStreams(config: Config, catalog: ConfiguredCatalog): Map<string, ResolvedStream> {
  const resolved = new Map<string, ResolvedStream>();
  catalog.streams.forEach((configured, index) => {
    const name = configured.stream.name;
    const namespace = configured.stream.namespace ?? undefined;
    const label = `Stream "${namespace ? `${namespace}.${name}` : name}" (catalog streams[${index}])`;
    const mode = configured.destination_sync_mode;
    const objectName = configured.destination_object_name ?? undefined;
    const key = streamKey(name, namespace);
    const primaryKey = primaryKeyOf(configured.primary_key);
    const base = {
      name,
      namespace,
      key,
      syncMode: mode,
      ...(configured.sync_id == null ? {} : { syncId: configured.sync_id }),
      ...(configured.generation_id == null ? {} : { generationId: configured.generation_id }),
      ...(primaryKey === undefined ? {} : { primaryKey }),
    };
    if (objectName !== undefined && isStreamObjectName(objectName)) {
      resolved.set(key, {
        ...base,
        objectName,
        ...configuredStreamObject(config, objectName, label, { name, namespace, mode }),
      });
      return;
    }
    if (objectName !== undefined) {
      // A template's own object (live discover) is send_flow_template with that template fixed.
      const templateObject = templateObjectEndpoint(objectName);
      const template = templateObject?.template ?? objectName;
      const definition = activationDefinitions().find((candidate) => candidate.name === template);
      if (definition === undefined) {
        throw new ConfigError(
          `${label} is mapped onto object "${objectName}", which this destination does not have`,
          {
            code: "ERR_UNKNOWN_OBJECT",
            hint: `Map it onto one of: ${activationDefinitions()
              .map((d) => d.name)
              .join(", ")} (run discover again if the connector was upgraded)`,
          },
        );
      }
      checkMode(label, mode, definition, definition.syncModes);
      const exact = findMapping(config, name, namespace, false);
      const mapping = exact < 0 ? undefined : config.streams[exact]!;
      if (mapping !== undefined && mapping.endpoint.template !== template) {
        throw new ConfigError(
          `${label} is mapped twice: onto object "${objectName}" by the connection and onto template "${mapping.endpoint.template}" by streams[${exact}]`,
          {
            code: "ERR_STREAM_MAPPED_TWICE",
            hint: `Remove streams[${exact}] from the config, or map the stream onto "${mapping.endpoint.template}" in the connection`,
          },
        );
      }
      resolved.set(key, {
        ...base,
        objectName,
        // A classic entry for the same operation still contributes its options (a fixed flow_id).
        endpoint: { ...(mapping?.endpoint ?? { template }), ...templateObject },
        configPath: mapping === undefined ? `catalog streams[${index}]` : `streams[${exact}].endpoint`,
      });
      return;
    }
    const mappingIndex = findMapping(config, name, namespace, true);
    if (mappingIndex < 0) {
      throw new ConfigError(
        `${label} has no destination_object_name and no entry of "streams" maps it to an endpoint`,
        {
          code: "ERR_STREAM_UNMAPPED",
          hint: `Map the stream onto an object in the connection (data activation), or add {"stream_name": "${name}", "endpoint": {...}} to streams (or a "*" entry for every other stream)`,
        },
      );
    }
    const mapping = config.streams[mappingIndex]!;
    const definition = definitionOf(mapping.endpoint.template)!;
    checkMode(label, mode, definition, ["append", ...definition.syncModes]);
    resolved.set(key, {
      ...base,
      endpoint: mapping.endpoint,
      configPath: `streams[${mappingIndex}].endpoint`,
    });
  });
  return resolved;
}

/**
 * A stream mapped onto a configured stream's object (`stream__…`, ./stream-object-names.ts) runs
 * that `streams[]` entry's endpoint, its fixed options included, whatever the catalog stream is
 * called. An object whose entry is gone from the config fails here, before any record is read;
 * so does a stream whose own exact entry is another one (mapped twice).
 */
function configuredStreamObject(
  config: Config,
  objectName: string,
  label: string,
  stream: { readonly name: string; readonly namespace: string | undefined; readonly mode: string },
): Pick<ResolvedStream, "endpoint" | "configPath"> {
  const index = streamObjectIndex(config.streams, objectName);
  if (index < 0) {
    throw new ConfigError(
      `${label} is mapped onto object "${objectName}", but no entry of "streams" in the config gives that object (it was removed or renamed)`,
      {
        code: "ERR_UNKNOWN_OBJECT",
        hint: `Run discover again and map the stream onto one of its objects, or add the streams[] entry back (the object stream__<stream_name>, or stream__<namespace>__<stream_name>, comes from its stream_name and namespace)`,
      },
    );
  }
  const mapping = config.streams[index]!;
  const definition = definitionOf(mapping.endpoint.template)!;
  checkMode(label, stream.mode, definition, definition.syncModes);
  const exact = findMapping(config, stream.name, stream.namespace, false);
  if (exact >= 0 && exact !== index) {
    throw new ConfigError(
      `${label} is mapped twice: onto object "${objectName}" (streams[${index}]) by the connection and onto template "${config.streams[exact]!.endpoint.template}" by streams[${exact}]`,
      {
        code: "ERR_STREAM_MAPPED_TWICE",
        hint: `Remove streams[${exact}] from the config, or map the stream onto "${streamObjectName(config.streams[exact]!)}" in the connection`,
      },
    );
  }
  return { endpoint: mapping.endpoint, configPath: `streams[${index}].endpoint` };
}

function checkMode(
  label: string,
  mode: string,
  definition: OperationDefinition,
  allowed: readonly string[],
): void {
  if (allowed.includes(mode)) return;
  const modes = [...new Set(allowed)];
  throw new ConfigError(
    `${label} uses destination_sync_mode "${mode}", but "${definition.name}" has only ${modes.map((m) => `"${m}"`).join(", ")}`,
    {
      code: "ERR_SYNC_MODE",
      hint: `Set the stream's destination sync mode to ${modes.map((m) => `"${m}"`).join(" or ")}`,
    },
  );
}

function findMapping(config: Config, name: string, namespace: string | undefined, wildcard: boolean): number {
  let fallback = -1;
  for (let i = 0; i < config.streams.length; i++) {
    const mapping = config.streams[i]!;
    if (mapping.namespace && mapping.namespace !== namespace) continue;
    if (mapping.stream_name === name) return i;
    if (wildcard && mapping.stream_name === "*" && fallback < 0) fallback = i;
  }
  return fallback;
}

/** The catalog's primary key when it names at least one non-empty field path. */
function primaryKeyOf(
  key: readonly (readonly string[])[] | null | undefined,
): readonly (readonly string[])[] | undefined {
  const paths = (key ?? []).filter((path) => path.length > 0);
  return paths.length === 0 ? undefined : paths;
}
