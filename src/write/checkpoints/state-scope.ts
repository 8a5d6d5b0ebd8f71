import type { StateMessage } from "../../protocol/index.js";
import { streamKey } from "../../protocol/index.js";

/** The global scope (GLOBAL and LEGACY states) cannot collide with a stream key: those never start with NUL. */
export const GLOBAL_SCOPE = "\u0000global";

/**
 * Which records a state acknowledges: a STREAM state those of its stream (matched by name and
 * namespace), a GLOBAL or LEGACY state (LEGACY: no type, or type LEGACY) every record of the sync.
 */
export function scopeOfState(state: StateMessage["state"]): string {
  if (state.type === "STREAM" && state.stream !== undefined) {
    const descriptor = state.stream.stream_descriptor;
    return streamKey(descriptor.name, descriptor.namespace);
  }
  return GLOBAL_SCOPE;
}
