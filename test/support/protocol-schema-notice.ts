import { existsSync } from "node:fs";
import { META_OPENAPI_PATH, missingMetaOpenApiMessage } from "./meta-openapi.js";
import { IN_CI, missingSchemaMessage, PROTOCOL_SCHEMA_PATH } from "./protocol-schema.js";

/**
 * The e2e project's global setup: runs once per test run, before any e2e file. Without the
 * official protocol schema or Meta's OpenAPI file it says so once (outside CI), or fails the run
 * (in CI), instead of each test file falling back on its own.
 */
export default function announceProtocolSchema(): void {
  const missing: Array<(ci: boolean) => string> = [];
  if (!existsSync(PROTOCOL_SCHEMA_PATH)) missing.push((ci) => missingSchemaMessage(PROTOCOL_SCHEMA_PATH, ci));
  if (!existsSync(META_OPENAPI_PATH)) missing.push((ci) => missingMetaOpenApiMessage(META_OPENAPI_PATH, ci));
  if (missing.length === 0) return;
  if (IN_CI) throw new Error(missing.map((m) => m(true)).join("\n\n"));
  for (const m of missing) process.stderr.write(`\n${m(false)}\n\n`);
}
