import { SystemError } from "../errors/system-error.js";
import { installedFile } from "../install-root.js";

/**
 * node:fs as Node's own object, not as an ES module: importing it as one reads every export,
 * and its lazy `promises` loads ~12 more built-in modules (readline among them) that `spec`,
 * whose one file read is this, would load for nothing.
 */
const { readFileSync } = process.getBuiltinModule("node:fs");

/**
 * A JSON file the package ships beside dist/ (spec/): answers computed at build time from the
 * code (`npm run spec:update`), which `spec` and `discover` read instead of deriving them at every
 * start. Unit tests keep each file equal to what the code derives.
 */
export function readInstalledJson(path: string, what: string, code: string): unknown {
  const url = installedFile(path);
  let text: string;
  try {
    text = readFileSync(url, "utf8");
  } catch (cause) {
    throw new SystemError(`${what} ${url.pathname} cannot be read`, {
      code,
      hint: "Reinstall the connector: its package and image ship spec/ beside dist/",
      cause,
    });
  }
  return JSON.parse(text) as unknown;
}
