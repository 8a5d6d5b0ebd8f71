import { existsSync } from "node:fs";
import { IN_CI, missingSchemaMessage, PROTOCOL_SCHEMA_PATH } from "./protocol-schema.js";

/**
 * The e2e project's global setup: runs once per test run, before any e2e file. Without the
 * official protocol schema it says so once (outside CI), or fails the run (in CI), instead of
 * each test file falling back on its own.
 */
export default function announceProtocolSchema(): void {
  if (existsSync(PROTOCOL_SCHEMA_PATH)) return;
  if (IN_CI) throw new Error(missingSchemaMessage(PROTOCOL_SCHEMA_PATH, true));
  process.stderr.write(`\n${missingSchemaMessage(PROTOCOL_SCHEMA_PATH, false)}\n\n`);
}
