import { setFlagsFromString } from "node:v8";

/**
 * V8 settings for `discover` and `check`, applied before their first connection (check's before
 * its modules load, discover's when it starts: it is bundled on its own). undici parses HTTP
 * with llhttp compiled to WebAssembly; on Node 20 its first answer already spends the parser's
 * tier-up budget, and the TurboFan compile that starts runs on a V8 worker thread which process
 * exit joins: ~70 ms after the last byte of every discover (measured, of ~300 ms). The baseline
 * compiler's code parses the few answers these commands read; `write` runs on it too, for its
 * memory (./write-memory.ts). Node 24's V8 tiers up later, so there it changes nothing visible.
 */
export const SHORT_COMMAND_V8_FLAGS = ["--liftoff-only"] as const;

export function keepWasmOnBaseline(): void {
  for (const flag of SHORT_COMMAND_V8_FLAGS) setFlagsFromString(flag);
}
