import { specMessage } from "../protocol/messages/output.js";
import { MessageWriter } from "../protocol/stdout-writer.js";
import { readInstalledJson } from "./installed-json.js";
import type { CommandIO, ExitCode } from "./io.js";

/**
 * The committed spec/spec.json rather than the zod schema it is derived from: deriving it loads
 * zod's ~95 modules, most of `spec`'s start-up. A unit test keeps the file equal to the schema's
 * spec (`npm run spec:update` rewrites it), so the two cannot drift.
 */
function committedSpecification(): object {
  return readInstalledJson("spec/spec.json", "the connector's specification", "ERR_SPEC_MISSING") as object;
}

export async function runSpec(io: CommandIO): Promise<ExitCode> {
  const writer = new MessageWriter(io.stdout);
  await writer.write(specMessage(committedSpecification()));
  await writer.flush();
  return 0;
}
