import type { Config } from "../../config/index.js";
import { ConfigError } from "../../errors/index.js";

/** One entry of the config's `streams[]`. */
export type StreamMapping = Config["streams"][number];
/** What an entry's object name is made of. */
type Named = Pick<StreamMapping, "stream_name" | "namespace">;

/**
 * With data activation every stream must be mapped onto an object of discover's catalog, so each
 * entry of `streams[]` is offered as an object of its own: `stream__<stream_name>`, or
 * `stream__<namespace>__<stream_name>` when the entry names a namespace. A `*` entry becomes
 * `stream__*` (`stream__<namespace>__*`): the endpoint it configures for every other stream. The
 * prefix keeps these names apart from the operations' own objects (no operation name starts with
 * it) and from the live template objects (`send_flow_template__…`).
 */
export const STREAM_OBJECT_PREFIX = "stream__";

export function streamObjectName(mapping: Named): string {
  const namespace = mapping.namespace ?? "";
  return namespace === ""
    ? `${STREAM_OBJECT_PREFIX}${mapping.stream_name}`
    : `${STREAM_OBJECT_PREFIX}${namespace}__${mapping.stream_name}`;
}

export function isStreamObjectName(objectName: string): boolean {
  return objectName.startsWith(STREAM_OBJECT_PREFIX);
}

/**
 * The object name of every entry of `streams[]`, by index. Two entries that would share a name
 * (the same stream_name and namespace twice, or a `__` in a name meeting a namespace: stream
 * `a__b` and namespace `a` with stream `b`) are a ConfigError naming both: an object must stand
 * for exactly one endpoint, or a saved connection could silently start running another.
 */
export function streamObjectNames(streams: readonly Named[]): string[] {
  const seen = new Map<string, number>();
  return streams.map((mapping, index) => {
    const name = streamObjectName(mapping);
    const first = seen.get(name);
    if (first !== undefined) {
      throw new ConfigError(
        `streams[${first}] and streams[${index}] would both be offered as object "${name}"`,
        {
          code: "ERR_STREAM_OBJECT_COLLISION",
          hint: `Remove one of them, or change its stream_name or namespace: an entry's object is stream__<stream_name>, or stream__<namespace>__<stream_name> with a namespace`,
        },
      );
    }
    seen.set(name, index);
    return name;
  });
}

/** The index of the `streams[]` entry an object name stands for, or -1 when none does. */
export function streamObjectIndex(streams: readonly Named[], objectName: string): number {
  return streamObjectNames(streams).indexOf(objectName);
}
