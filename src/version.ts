import { readFileSync } from "node:fs";
import { installedFile } from "./install-root.js";

/**
 * The connector's version, from the package.json that ships beside dist/ (in the image and in a
 * checkout alike): one place to bump, read once.
 */
function readVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(installedFile("package.json"), "utf8")) as {
      version?: unknown;
    };
    return typeof pkg.version === "string" ? pkg.version : "0.0.0";
  } catch {
    return "0.0.0";
  }
}

export const CONNECTOR_VERSION = readVersion();
export const USER_AGENT = `destination-whatsapp-flows/${CONNECTOR_VERSION}`;
