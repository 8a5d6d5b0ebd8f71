import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { CLI, ROOT } from "../support/cli.js";
import { builtinsLoaded, loadedCode } from "../support/loaded-code.js";
import { type RunningS3, startS3 } from "../support/s3-server.js";
import { objectStorage } from "./object-storage-support.js";
import { configFor, emulator } from "./write-support.js";

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), "spec-startup-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * `spec` answers from spec/spec.json, so none of the files it loads may hold zod or undici, whose
 * loading would be most of its start-up (bench/README.md has the figures). What a run loads is
 * asserted rather than its time: this machine is shared and noisy, the list is not.
 */
describe("spec start-up", () => {
  it("answers one SPEC message without loading any package's code (no zod, no undici)", async () => {
    const { stdout, packages } = await loadedCode(["spec"]);
    const lines = stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect((JSON.parse(lines[0]!) as { type: string }).type).toBe("SPEC");
    expect([...packages]).toEqual([]);
  });

  it("loads none of the built-in modules that node:util's ES-module form pulls in", async () => {
    // Importing a built-in as an ES module reads all its exports, and node:util's lazy ones load
    // worker_threads and ~30 more modules that spec never uses (on Node 24; Node 20's do not).
    const { stdout, builtins } = await builtinsLoaded(["spec"]);
    expect(JSON.parse(stdout.trim())).toMatchObject({ type: "SPEC" });
    expect(builtins).not.toContain("worker_threads");
  });

  it("the same list shows them for check, whose code imports node:util as an ES module (so the test above can fail)", async () => {
    const { stdout, builtins } = await builtinsLoaded(["check", "--config", join(dir, "missing.json")]);
    expect(stdout).toContain('"type":"CONNECTION_STATUS"');
    expect(builtins).toContain("worker_threads");
  });

  it("the same check sees zod in check's files (so the test above can fail)", async () => {
    const { stdout, packages } = await loadedCode(["check", "--config", join(dir, "missing.json")]);
    expect(stdout).toContain('"type":"CONNECTION_STATUS"');
    expect(packages).toContain("zod");
  });

  it("without spec/spec.json beside dist/ it is one system_error TRACE saying to reinstall, exit 1", async () => {
    const install = join(dir, "install");
    cpSync(dirname(CLI), join(install, "dist"), { recursive: true });
    writeFileSync(join(install, "package.json"), JSON.stringify({ type: "module" }));
    symlinkSync(join(ROOT, "node_modules"), join(install, "node_modules")); // errors load zod
    const failed = await run(process.execPath, [join(install, "dist", "main.js"), "spec"], {
      timeout: 60_000,
    }).then(
      () => undefined,
      (error: { code: number; stdout: string }) => error,
    );
    expect(failed?.code).toBe(1);
    const lines = failed!.stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    const trace = JSON.parse(lines[0]!) as {
      type: string;
      trace: { error: { failure_type: string; message: string } };
    };
    expect(trace.type).toBe("TRACE");
    expect(trace.trace.error.failure_type).toBe("system_error");
    expect(trace.trace.error.message).toContain("spec/spec.json cannot be read");
    expect(trace.trace.error.message).toContain("Reinstall the connector");
  });
});

describe("check start-up: the AWS SDK is loaded only with S3 object storage", () => {
  let emu: RunningEmulator;
  let s3: RunningS3;
  beforeAll(async () => {
    [emu, s3] = await Promise.all([emulator(), startS3()]);
  });
  afterAll(async () => {
    await Promise.all([emu?.close(), s3?.close()]);
  });
  const checked = async (config: Record<string, unknown>) => {
    const path = join(dir, `check-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(path, JSON.stringify(config));
    const { stdout, packages } = await loadedCode(["check", "--config", path]);
    expect(stdout).toContain('"status":"SUCCEEDED"');
    return [...packages].filter((name) => /^@(aws-sdk|smithy|aws-crypto)\//.test(name));
  };

  it("a check without object storage loads none of the SDK's code", async () => {
    expect(await checked(configFor(emu))).toEqual([]);
  });

  it("the same check with S3 object storage loads it (so the test above can fail)", async () => {
    const sdk = await checked(configFor(emu, { object_storage_config: objectStorage(s3) }));
    expect(sdk).toContain("@aws-sdk/client-s3");
  });
});
