import { execFile } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { CLI, ROOT } from "../support/cli.js";
import { tempDir } from "../support/temp-files.js";
import { emulator, TOKEN } from "./write-support.js";

/**
 * discover's start-up (issue 14: within 1.8x `node -e 0`): it lists the static operations the
 * build computed (spec/catalog.json) rather than deriving their JSON schemas; it parses without
 * zod's JIT and runs one CommonJS file of its own from V8 code the build compiled.
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

/**
 * Preloaded into the CLI: when it exits, writes the public built-ins it loaded and how many
 * functions it built from source (`new Function`: zod's JIT compiling a parser), as JSON.
 */
const probe = dir.file(
  "builtins-probe.cjs",
  `let built = 0;
  globalThis.Function = new Proxy(Function, { construct: (F, args) => (built++, Reflect.construct(F, args)) });
  process.on("exit", () => require("node:fs").writeFileSync(process.env.BUILTINS_LOADED, JSON.stringify({
    builtins: process.moduleLoadList.filter((m) => m.startsWith("NativeModule ") && !m.includes("internal/"))
      .map((m) => m.slice("NativeModule ".length)),
    built })));`,
);

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

async function discover(cli: string, configPath: string, command = "discover") {
  const loaded = join(dir.path, `loaded-${Math.random().toString(36).slice(2)}.txt`);
  const result = await run(process.execPath, ["--require", probe, cli, command, "--config", configPath], {
    cwd: ROOT,
    timeout: 60_000,
    env: { ...process.env, BUILTINS_LOADED: loaded },
  }).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: Failure) => ({ code: error.code, stdout: error.stdout }),
  );
  const messages = result.stdout
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as Message);
  const seen = JSON.parse(readFileSync(loaded, "utf8")) as { builtins: string[]; built: number };
  return { ...result, messages, builtins: seen.builtins, functionsBuilt: seen.built };
}

describe("discover start-up", () => {
  it("answers over HTTP/1 with spec/catalog.json's operations", async () => {
    const { code, messages } = await discover(CLI, dir.file("config.json", config()));
    expect(code).toBe(0);
    expect(messages.map((m) => m.type)).toEqual(["DESTINATION_CATALOG"]);
    const committed = JSON.parse(readFileSync(join(ROOT, "spec", "catalog.json"), "utf8"));
    const operations = messages[0]!.destination_catalog!.operations;
    expect(operations.slice(0, committed.operations.length)).toEqual(committed.operations);
  });

  it("sets zod's JIT off before it builds the config schema (zod reads the setting per schema)", async () => {
    // discover.ts imports short-command-zod.ts first: no parser is compiled from source.
    const { code, functionsBuilt } = await discover(CLI, dir.file("jit.json", config()));
    expect(code).toBe(0);
    expect(functionsBuilt).toBe(0);
    // check keeps the JIT: the same probe counts its compiled parsers (so the above can fail).
    const checked = await discover(CLI, dir.file("jit-check.json", config()), "check");
    expect(checked.code).toBe(0);
    expect(checked.functionsBuilt).toBeGreaterThan(0);
  });

  it("runs from the V8 code the build stored, which this Node takes under discover's flags", async () => {
    // What main.js does before it runs dist/chunks/discover.cjs, with the cache's verdict printed
    const file = join(dirname(CLI), "chunks", "discover.cjs");
    const probe = `
      import { readFileSync } from "node:fs";
      const { keepWasmOnBaseline } = await import(${JSON.stringify(join(dirname(CLI), "commands", "short-command-v8.js"))});
      const { compileStandalone } = await import(${JSON.stringify(join(dirname(CLI), "commands", "standalone-command.js"))});
      keepWasmOnBaseline();
      const file = ${JSON.stringify(file)};
      process.stdout.write(String(compileStandalone(file, readFileSync(file + ".cache")).cachedDataRejected));
    `;
    const { NODE_OPTIONS: _, ...env } = process.env;
    const { stdout } = await run(process.execPath, ["--input-type=module", "-e", probe], {
      env,
      timeout: 60_000,
    });
    expect(stdout).toBe("false");
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
