import { SystemError } from "../errors/index.js";
import type { Operation, ResolvedStream } from "../operations/index.js";
import { StreamStats } from "./stream-stats.js";

/** Everything the pipeline keeps per catalog stream. */
export interface StreamRuntime {
  readonly stream: ResolvedStream;
  readonly operation: Operation;
  readonly stats: StreamStats;
  readonly label: string;
}

function streamLabel(name: string, namespace: string | null | undefined): string {
  return namespace ? `${namespace}.${name}` : name;
}

/** Pairs each resolved stream with its compiled operation; a missing one is our bug. */
export function buildRuntimes(
  streams: ReadonlyMap<string, ResolvedStream>,
  operations: ReadonlyMap<string, Operation>,
): Map<string, StreamRuntime> {
  const runtimes = new Map<string, StreamRuntime>();
  for (const [key, stream] of streams) {
    const operation = operations.get(key);
    if (operation === undefined) {
      throw new SystemError(
        `No operation was compiled for stream "${streamLabel(stream.name, stream.namespace)}"`,
      );
    }
    const label = streamLabel(stream.name, stream.namespace);
    runtimes.set(key, { stream, operation, stats: new StreamStats(label), label });
  }
  return runtimes;
}
