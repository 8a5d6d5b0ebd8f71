import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, posix, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { ROOT } from "../support/cli.js";
import { parseDockerfile } from "../support/dockerfile.js";
import {
  IMAGE_UID,
  imageNodeBinary,
  type RehearsedImage,
  rehearseImage,
  runAsImageUser,
  runEntrypoint,
} from "../support/image-rehearsal.js";
import { assertNoSecrets } from "../support/no-secrets.js";
import { assertProtocolLines } from "../support/protocol-schema.js";
import { type RunningS3, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY, startS3 } from "../support/s3-server.js";
import { objectStorage } from "./object-storage-support.js";
import { catalog, configFor, emulator, send, streamState, TOKEN } from "./write-support.js";

/**
 * The image, rehearsed without Docker (test/support/image-rehearsal.ts re-enacts the Dockerfile),
 * then used the way Airbyte uses it: the ENTRYPOINT plus a command, as the unprivileged user, in
 * the writable working directory, on the image's Node.
 */
type Message = Record<string, unknown> & { type: string };

interface RehearsedCommand {
  /** The arguments after the ENTRYPOINT; file names are relative to the working directory. */
  readonly args: readonly string[];
  /** A file of the working directory fed on stdin. */
  readonly stdin?: string;
  /** The message types printed, in order, LOG messages aside. */
  readonly types: readonly string[];
  readonly verify?: (messages: readonly Message[], emu: RunningEmulator) => void;
}

/** One entry a command: what the image must answer. Files: config.json, catalog.json, messages.jsonl. */
const COMMANDS: Readonly<Record<string, RehearsedCommand>> = {
  spec: { args: ["spec"], types: ["SPEC"] },
  check: {
    args: ["check", "--config", "config.json"],
    types: ["CONNECTION_STATUS"],
    verify: ([status]) => expect(status).toMatchObject({ connectionStatus: { status: "SUCCEEDED" } }),
  },
  // The AWS SDK is in chunks loaded only with S3 object storage: they too must run from /app alone.
  "check with S3 object storage": {
    args: ["check", "--config", "config-s3.json"],
    types: ["CONNECTION_STATUS"],
    verify: ([status]) => expect(status).toMatchObject({ connectionStatus: { status: "SUCCEEDED" } }),
  },
  discover: {
    args: ["discover", "--config", "config.json"],
    types: ["DESTINATION_CATALOG"],
  },
  write: {
    args: ["write", "--config", "config.json", "--catalog", "catalog.json"],
    stdin: "messages.jsonl",
    types: ["STATE"],
    verify: ([state], emu) => {
      expect(state).toMatchObject({ state: { destinationStats: { recordCount: 2 } } });
      expect(emu.journal().filter((e) => e.route === "send")).toHaveLength(2);
    },
  },
};

/** Every file below `root`, as paths. */
function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

const runtimeStage = parseDockerfile(readFileSync(join(ROOT, "Dockerfile"), "utf8")).stages.at(-1)!;
const pinnedImage = runtimeStage.image;
let work: string;
let image: RehearsedImage;
let node: string;
let emu: RunningEmulator;
let s3: RunningS3;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "dwf-image-"));
  node = await imageNodeBinary();
  image = await rehearseImage(work, node);
  [emu, s3] = await Promise.all([emulator(), startS3()]);
  const files: Record<string, string> = {
    "config.json": JSON.stringify(configFor(emu)),
    "config-s3.json": JSON.stringify(configFor(emu, { object_storage_config: objectStorage(s3) })),
    "catalog.json": JSON.stringify(catalog()),
    "messages.jsonl": `${[send("+15550000001"), send("+15550000002"), streamState("invites", 1)].join("\n")}\n`,
  };
  // Written by root, readable by all: as Airbyte mounts them into the container.
  for (const [name, content] of Object.entries(files)) writeFileSync(join(image.workdir, name), content);
}, 900_000);

afterAll(async () => {
  await emu?.close();
  await s3?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("the image, rehearsed from the Dockerfile", () => {
  it("runs on the Node release the Dockerfile pins (scripts/image-node.mjs installs that same one)", () => {
    const version = execFileSync(node, ["--version"], { encoding: "utf8" }).trim();
    expect(pinnedImage).toMatch(/^node:\d+\.\d+\.\d+(-[a-z0-9]+)*$/);
    expect(pinnedImage.split(/[:-]/)[1]).toBe(version.slice(1));
  });

  it("holds in /app exactly what the runtime stage copies: the bundle, no sources, no node_modules", () => {
    const copied = runtimeStage.instructions
      .filter((i) => i.keyword === "COPY")
      .map((i) => posix.basename(i.args.split(/\s+/).at(-1)!));
    expect(readdirSync(join(image.rootfs, "app")).sort()).toEqual([...new Set(copied)].sort());
    expect(copied).toEqual(expect.arrayContaining(["dist", "package.json", "spec"]));
    expect(copied).not.toContain("node_modules");
    // The bundle alone: tsc's per-file modules would import packages the image does not have.
    expect(readdirSync(join(image.rootfs, "app", "dist")).sort()).toEqual([
      "chunks",
      "main.js",
      "main.js.map",
    ]);
  });

  it("ships the connector only: no file in /app holds the emulator's code", () => {
    // The emulator's control API prefix: its router's, in no connector module
    const marker = "/__emulator/";
    const holding = (root: string) =>
      filesUnder(root).filter((file) => readFileSync(file, "latin1").includes(marker));
    // The build does make it, in the emulator's own file (so the check below can fail)
    expect(holding(join(ROOT, "dist")).map((file) => relative(ROOT, file))).toContain(
      join("dist", "emulator.js"),
    );
    expect(holding(join(image.rootfs, "app"))).toEqual([]);
  });

  it("runs as an unprivileged user for whom /app is read-only and the working directory writable", async () => {
    expect(image.user).not.toMatch(/^(root|0)(:|$)/);
    const probe =
      "const fs = require('node:fs');" +
      "const w = (p) => { try { fs.accessSync(p, fs.constants.W_OK); return true; } catch { return false; } };" +
      "console.log(JSON.stringify({ uid: process.getuid(), app: w(process.argv[1]), dist: w(process.argv[2]), cwd: w('.') }));";
    const result = await runAsImageUser(image, [
      "/usr/local/bin/node",
      "-e",
      probe,
      "/app",
      "/app/dist/main.js",
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ uid: IMAGE_UID, app: false, dist: false, cwd: true });
  });

  it("keeps Node's compile cache where the unprivileged user can write it, on the image's Node", async () => {
    const result = await runEntrypoint(image, ["spec"]);
    expect(result.code, result.stderr).toBe(0);
    const cache = join(image.rootfs, "tmp", "node-compile-cache");
    const entries = readdirSync(cache, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(entries.length).toBeGreaterThan(0);
  });

  it.each(Object.entries(COMMANDS))("answers `%s` from there", async (_name, command) => {
    emu.reset();
    const stdin = command.stdin ? readFileSync(join(image.workdir, command.stdin), "utf8") : "";
    const result = await runEntrypoint(image, command.args, stdin);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.split("\n").filter((line) => line !== "");
    assertProtocolLines(lines);
    const messages = lines.map((line) => JSON.parse(line) as Message).filter((m) => m.type !== "LOG");
    expect(messages.map((m) => m.type)).toEqual(command.types);
    command.verify?.(messages, emu);
    assertNoSecrets({ stdout: result.stdout, stderr: result.stderr }, [
      TOKEN,
      S3_ACCESS_KEY_ID,
      S3_SECRET_ACCESS_KEY,
    ]);
  });
});
