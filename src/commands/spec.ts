import { readFileSync } from "node:fs";
import { SystemError } from "../errors/system-error.js";
import { installedFile } from "../install-root.js";
import { specMessage } from "../protocol/messages/output.js";
import { MessageWriter } from "../protocol/stdout-writer.js";
import type { CommandIO, ExitCode } from "./io.js";

/**
 * The committed spec/spec.json rather than the zod schema it is derived from: deriving it loads
 * zod's ~95 modules, most of `spec`'s start-up. A unit test keeps the file equal to the schema's
 * spec (`npm run spec:update` rewrites it), so the two cannot drift.
 */
const SPEC_FILE = installedFile("spec/spec.json");

function committedSpecification(): object {
  let text: string;
  try {
    text = readFileSync(SPEC_FILE, "utf8");
  } catch (cause) {
    throw new SystemError(`the connector's specification ${SPEC_FILE.pathname} cannot be read`, {
      code: "ERR_SPEC_MISSING",
      hint: "Reinstall the connector: its package and image ship spec/ beside dist/",
      cause,
    });
  }
  return JSON.parse(text) as object;
}

export async function runSpec(io: CommandIO): Promise<ExitCode> {
  const writer = new MessageWriter(io.stdout);
  await writer.write(specMessage(committedSpecification()));
  await writer.flush();
  return 0;
}
