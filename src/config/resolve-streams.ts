import { ConfigError } from "../errors/index.js";
import type { ConfiguredCatalog } from "./catalog.js";
import type { Config, EndpointConfig } from "./schema/index.js";

export const SUPPORTED_SYNC_MODES = ["append"] as const;

export interface ResolvedStream {
  readonly name: string;
  readonly namespace: string | undefined;
  /** Stable key for maps: namespace and name cannot collide because names cannot hold NUL. */
  readonly key: string;
  readonly endpoint: EndpointConfig;
  /** Where the endpoint came from, for errors: e.g. "streams[2].endpoint". */
  readonly configPath: string;
}

export function streamKey(name: string, namespace: string | null | undefined): string {
  return namespace ? `${namespace}\u0000${name}` : name;
}

/**
 * Maps every catalog stream to its endpoint before the first record is read, so that a sync never
 * starts with a stream it would have to fail on halfway. An exact name (and namespace, when the
 * mapping gives one) wins over `*`.
 */
export function resolveStreams(config: Config, catalog: ConfiguredCatalog): Map<string, ResolvedStream> {
  const resolved = new Map<string, ResolvedStream>();
  catalog.streams.forEach((configured, index) => {
    const name = configured.stream.name;
    const namespace = configured.stream.namespace ?? undefined;
    const label = namespace ? `${namespace}.${name}` : name;
    const mode = configured.destination_sync_mode;
    if (!(SUPPORTED_SYNC_MODES as readonly string[]).includes(mode)) {
      throw new ConfigError(
        `Stream "${label}" (catalog streams[${index}]) uses destination_sync_mode "${mode}", which this destination does not support`,
        {
          code: "ERR_SYNC_MODE",
          hint: 'Set the stream\'s sync mode to "append" (each record becomes one API call)',
        },
      );
    }
    const mappingIndex = findMapping(config, name, namespace);
    if (mappingIndex < 0) {
      throw new ConfigError(
        `Stream "${label}" is in the catalog but no entry of "streams" maps it to an endpoint`,
        {
          code: "ERR_STREAM_UNMAPPED",
          hint: `Add {"stream_name": "${name}", "endpoint": {...}} to streams, or a "*" entry for every other stream`,
        },
      );
    }
    const mapping = config.streams[mappingIndex]!;
    resolved.set(streamKey(name, namespace), {
      name,
      namespace,
      key: streamKey(name, namespace),
      endpoint: mapping.endpoint,
      configPath: `streams[${mappingIndex}].endpoint`,
    });
  });
  return resolved;
}

function findMapping(config: Config, name: string, namespace: string | undefined): number {
  let wildcard = -1;
  for (let i = 0; i < config.streams.length; i++) {
    const mapping = config.streams[i]!;
    if (mapping.namespace && mapping.namespace !== namespace) continue;
    if (mapping.stream_name === name) return i;
    if (mapping.stream_name === "*" && wildcard < 0) wildcard = i;
  }
  return wildcard;
}
