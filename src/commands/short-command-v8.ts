/**
 * V8 settings for `discover` and `check`, applied by main.ts before their code loads (discover's
 * build-time code is only taken under the same flags: ./standalone-command.ts). undici parses HTTP
 * with llhttp compiled to WebAssembly; on Node 20 its first answer already spends the parser's
 * tier-up budget, and the TurboFan compile that starts runs on a V8 worker thread which process
 * exit joins: ~70 ms after the last byte of every discover (measured, of ~300 ms). The baseline
 * compiler's code parses the few answers these commands read; `write` runs on it too, for its
 * memory (./write-memory.ts). Node 24's V8 tiers up later, so there it changes nothing visible.
 */
export const SHORT_COMMAND_V8_FLAGS = ["--liftoff-only"] as const;

/** node:v8 only when called: main.js imports this for every command, `spec` included. */
export function keepWasmOnBaseline(): void {
  const { setFlagsFromString } = process.getBuiltinModule("node:v8");
  for (const flag of SHORT_COMMAND_V8_FLAGS) setFlagsFromString(flag);
}
