import { readFileSync } from "node:fs";
import { SystemError } from "../errors/system-error.js";
import { installedFile } from "../install-root.js";

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
