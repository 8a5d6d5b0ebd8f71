import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { CLI, ROOT } from "../support/cli.js";

const run = promisify(execFile);

/**
 * A module hook that refuses every package import (bare specifiers other than node: builtins):
 * `spec` answers from spec/spec.json, so it needs neither zod nor undici, whose loading was most
 * of its start-up (issue 14: `spec` within 1.8x `node -e 0`).
 */
const dir = mkdtempSync(join(tmpdir(), "spec-startup-"));
const hooks = join(dir, "hooks.mjs");
writeFileSync(
  hooks,
  `export async function resolve(specifier, context, next) {
  if (!/^(node:|[./]|file:|data:)/.test(specifier)) throw new Error("package import: " + specifier);
  return next(specifier, context);
}
`,
);
const register = join(dir, "register.mjs");
writeFileSync(
  register,
  `import { register } from "node:module";\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`,
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const withoutPackages = (args: string[]) =>
  run(process.execPath, ["--import", pathToFileURL(register).href, ...args], { cwd: ROOT, timeout: 60_000 });

describe("spec start-up", () => {
  it("answers one SPEC message without importing any package (no zod, no undici)", async () => {
    const { stdout } = await withoutPackages([CLI, "spec"]);
    const lines = stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect((JSON.parse(lines[0]!) as { type: string }).type).toBe("SPEC");
  });

  it("the hook does refuse a package import (so the test above can fail)", async () => {
    await expect(withoutPackages(["--input-type=module", "-e", 'await import("zod")'])).rejects.toThrow(
      /package import: zod/,
    );
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
