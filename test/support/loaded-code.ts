import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { withAwsSandbox } from "./aws-sandbox.js";
import { CLI, ROOT } from "./cli.js";

const run = promisify(execFile);

/** What one CLI run loaded: a deterministic view of its start-up cost, unlike a timing. */
export interface LoadedCode {
  readonly stdout: string;
  /** npm packages whose code the loaded files hold (the bundle marks it `// node_modules/<name>/`). */
  readonly packages: Set<string>;
  /** The dependency modules inside those files, by path under node_modules (`zod/v4/mini/schemas.js`). */
  readonly dependencyModules: Set<string>;
  /** Our own source folders the loaded files hold (`// src/<folder>/`), e.g. `write`. */
  readonly sourceFolders: Set<string>;
}

function runCli(args: readonly string[], nodeArgs: readonly string[], env: NodeJS.ProcessEnv) {
  return run(process.execPath, [...nodeArgs, CLI, ...args], {
    cwd: ROOT,
    timeout: 60_000,
    env: withAwsSandbox({ ...process.env, ...env }),
  }).catch((error: { stdout: string }) => ({ stdout: error.stdout }));
}

/**
 * The files a CLI run loads, written down by a module hook, read for the bundle's source markers:
 * the packages and folders are those of the code inside each chunk.
 */
export async function loadedCode(args: readonly string[]): Promise<LoadedCode> {
  const dir = mkdtempSync(join(tmpdir(), "loaded-code-"));
  try {
    const hooks = join(dir, "hooks.mjs");
    writeFileSync(
      hooks,
      `import { appendFileSync } from "node:fs";
export async function load(url, context, next) {
  if (url.startsWith("file:")) appendFileSync(process.env.LOADED_FILES, url + "\\n");
  return next(url, context);
}
`,
    );
    const register = join(dir, "register.mjs");
    writeFileSync(
      register,
      `import { register } from "node:module";\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`,
    );
    const files = join(dir, "files.txt");
    writeFileSync(files, "");
    const { stdout } = await runCli(args, ["--import", pathToFileURL(register).href], {
      LOADED_FILES: files,
    });
    const packages = new Set<string>();
    const dependencyModules = new Set<string>();
    const sourceFolders = new Set<string>();
    for (const url of readFileSync(files, "utf8")
      .split("\n")
      .filter((line) => line !== "")) {
      const text = readFileSync(fileURLToPath(url), "utf8");
      for (const m of text.matchAll(/\/\/ node_modules\/((?:@[\w.-]+\/)?[\w.-]+)\//g)) packages.add(m[1]!);
      for (const m of text.matchAll(/^\/\/ node_modules\/(\S+)$/gm)) dependencyModules.add(m[1]!);
      for (const m of text.matchAll(/^\/\/ src\/([\w.-]+)\//gm)) sourceFolders.add(m[1]!);
      const dependency = /\/node_modules\/((?:@[\w.-]+\/)?[\w.-]+)\//.exec(url);
      if (dependency) packages.add(dependency[1]!);
    }
    return { stdout, packages, dependencyModules, sourceFolders };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Node's built-in modules a CLI run loaded (`worker_threads`, `internal/fs/promises`), from
 * Node's own list at exit. A run of its own: module hooks run on a worker thread, which would
 * load modules of their own.
 */
export async function builtinsLoaded(
  args: readonly string[],
): Promise<{ stdout: string; builtins: Set<string> }> {
  const dir = mkdtempSync(join(tmpdir(), "loaded-builtins-"));
  try {
    const atExit = join(dir, "at-exit.cjs");
    writeFileSync(
      atExit,
      `process.on("exit", () => require("node:fs").writeFileSync(process.env.LOADED_BUILTINS, process.moduleLoadList.join("\\n")));\n`,
    );
    const list = join(dir, "builtins.txt");
    writeFileSync(list, "");
    const { stdout } = await runCli(args, ["--require", atExit], { LOADED_BUILTINS: list });
    const builtins = new Set(
      readFileSync(list, "utf8")
        .split("\n")
        .filter((line) => line.startsWith("NativeModule "))
        .map((line) => line.slice("NativeModule ".length)),
    );
    return { stdout, builtins };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
