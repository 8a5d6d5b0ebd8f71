// How the image starts node, read from the Dockerfile: the options its ENTRYPOINT puts before the
// CLI and its NODE_OPTIONS (V8's memory settings for `write`). The bench starts every connector
// child the same way, so that its figures are the image's.
import { readFileSync } from "node:fs";
import { ROOT } from "./paths.mjs";

const DOCKERFILE = readFileSync(`${ROOT}Dockerfile`, "utf8");

function entrypointOptions() {
  const entrypoint = /^ENTRYPOINT\s+(\[.*\])\s*$/m.exec(DOCKERFILE);
  if (!entrypoint) throw new Error("the Dockerfile has no exec-form ENTRYPOINT");
  const [, ...args] = JSON.parse(entrypoint[1]);
  return args.filter((arg) => arg.startsWith("--"));
}

function nodeOptions() {
  const value = /^ENV NODE_OPTIONS=("(?:[^"\\]|\\.)*"|\S+)\s*$/m.exec(DOCKERFILE)?.[1];
  if (value === undefined) return {};
  return { NODE_OPTIONS: value.startsWith('"') ? JSON.parse(value) : value };
}

/** Node's options between the binary and the CLI. */
export const IMAGE_NODE_ARGS = entrypointOptions();
/** The environment variables the image sets for node. */
export const IMAGE_NODE_ENV = nodeOptions();
