import { execFile } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { CLI, ROOT } from "../support/cli.js";
import { loadedCode } from "../support/loaded-code.js";
import { tempDir } from "../support/temp-files.js";
import { emulator, TOKEN } from "./write-support.js";

/**
 * discover's start-up: it lists the static operations the build computed (spec/catalog.json)
 * rather than deriving their JSON schemas at each start.
 */
const run = promisify(execFile);
const dir = tempDir();
let emu: RunningEmulator;
beforeAll(async () => {
  emu = await emulator();
});
afterAll(async () => {
  await emu.close();
  dir.cleanup();
});

const config = () => ({
  access_token: TOKEN,
  waba_id: emu.wabaId,
  phone_number_id: emu.phoneNumberIds[0],
  base_url: emu.url,
});

type Failure = { code: number; stdout: string };
interface Message {
  readonly type: string;
  readonly destination_catalog?: { readonly operations: unknown[] };
  readonly trace?: { readonly error: { readonly failure_type: string; readonly message: string } };
}

async function discover(cli: string, configPath: string) {
  const result = await run(process.execPath, [cli, "discover", "--config", configPath], {
    cwd: ROOT,
    timeout: 60_000,
  }).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: Failure) => ({ code: error.code, stdout: error.stdout }),
  );
  const messages = result.stdout
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as Message);
  return { ...result, messages };
}

describe("discover start-up", () => {
  it("answers with spec/catalog.json's operations first, as the build wrote them", async () => {
    const { code, messages } = await discover(CLI, dir.file("config.json", config()));
    expect(code).toBe(0);
    expect(messages.map((m) => m.type)).toEqual(["DESTINATION_CATALOG"]);
    const committed = JSON.parse(readFileSync(join(ROOT, "spec", "catalog.json"), "utf8"));
    const operations = messages[0]!.destination_catalog!.operations;
    expect(operations.slice(0, committed.operations.length)).toEqual(committed.operations);
  });

  it("loads the config, operations and Graph client code, not the write pipeline, object storage or the AWS SDK", async () => {
    // Asserted rather than timed (this machine is noisy): what discover's chunks hold is its start-up cost.
    const { stdout, packages, sourceFolders } = await loadedCode([
      "discover",
      "--config",
      dir.file("l.json", config()),
    ]);
    expect(stdout).toContain('"type":"DESTINATION_CATALOG"');
    expect(sourceFolders).toContain("graph");
    expect([...sourceFolders].filter((f) => ["write", "object-storage", "emulator"].includes(f))).toEqual([]);
    expect([...packages].filter((name) => /^@(aws-sdk|smithy|aws-crypto)\//.test(name))).toEqual([]);
  });

  it("loads zod's tree-shakable form only: none of its chained API or JIT compiler", async () => {
    // zod's chained form holds every schema kind and method whatever the connector uses: loading
    // it again (an `import { z } from "zod"` anywhere) would cost every command ~40 ms.
    const { dependencyModules } = await loadedCode(["discover", "--config", dir.file("z.json", config())]);
    const zod = [...dependencyModules].filter((path) => path.startsWith("zod/"));
    expect(zod).toContain("zod/v4/mini/schemas.js");
    expect(
      zod.filter((path) => path.startsWith("zod/v4/classic/") || path === "zod/v4/core/compile.js"),
    ).toEqual([]);
  });

  it("the same view sees the write pipeline and the S3 code in write's files (so the test above can fail)", async () => {
    const { sourceFolders } = await loadedCode([
      "write",
      "--config",
      dir.file("w.json", config()),
      "--catalog",
      "/nonexistent/catalog.json",
    ]);
    expect(sourceFolders).toContain("write");
  });

  it("without spec/catalog.json beside dist/ it is one system_error TRACE saying to reinstall, exit 1", async () => {
    const install = join(dir.path, "install");
    cpSync(dirname(CLI), join(install, "dist"), { recursive: true });
    mkdirSync(join(install, "spec"));
    cpSync(join(ROOT, "spec", "spec.json"), join(install, "spec", "spec.json"));
    writeFileSync(join(install, "package.json"), JSON.stringify({ type: "module" }));
    symlinkSync(join(ROOT, "node_modules"), join(install, "node_modules"));
    const { code, messages } = await discover(join(install, "dist", "main.js"), dir.file("c.json", config()));
    expect(code).toBe(1);
    expect(messages).toHaveLength(1);
    const { type, trace } = messages[0]!;
    expect(type).toBe("TRACE");
    expect(trace!.error.failure_type).toBe("system_error");
    expect(trace!.error.message).toContain("spec/catalog.json cannot be read");
    expect(trace!.error.message).toContain("Reinstall the connector");
  });
});
