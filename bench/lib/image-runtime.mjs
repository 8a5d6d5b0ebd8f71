// How the image starts node, read from the Dockerfile: the options its ENTRYPOINT puts before the
// CLI and its runtime ENV (NODE_OPTIONS with V8's memory settings for `write`, glibc's malloc
// settings). The bench starts every connector child the same way, so its figures are the image's.
import { readFileSync } from "node:fs";
import { ROOT } from "./paths.mjs";

const DOCKERFILE = readFileSync(`${ROOT}Dockerfile`, "utf8");

function entrypointOptions() {
  const entrypoint = /^ENTRYPOINT\s+(\[.*\])\s*$/m.exec(DOCKERFILE);
  if (!entrypoint) throw new Error("the Dockerfile has no exec-form ENTRYPOINT");
  const [, ...args] = JSON.parse(entrypoint[1]);
  return args.filter((arg) => arg.startsWith("--"));
}

/**
 * The runtime stage's ENV (the last FROM's): NODE_OPTIONS (V8's memory settings), glibc's malloc
 * settings and the rest, as every process of the image gets them.
 */
function runtimeEnv() {
  const runtime = DOCKERFILE.slice(DOCKERFILE.lastIndexOf("\nFROM "));
  const env = {};
  for (const [, key, raw] of runtime.matchAll(/^ENV ([A-Z_][A-Z0-9_]*)=("(?:[^"\\]|\\.)*"|\S+)\s*$/gm))
    env[key] = raw.startsWith('"') ? JSON.parse(raw) : raw;
  if (env.NODE_OPTIONS === undefined) throw new Error("the Dockerfile's runtime stage sets no NODE_OPTIONS");
  return env;
}

/** Node's options between the binary and the CLI. */
export const IMAGE_NODE_ARGS = entrypointOptions();
/** The environment variables the image sets for node. */
export const IMAGE_NODE_ENV = runtimeEnv();
