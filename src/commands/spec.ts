import { buildSpecification } from "../config/index.js";
import { MessageWriter, specMessage } from "../protocol/index.js";
import type { CommandIO, ExitCode } from "./io.js";

export async function runSpec(io: CommandIO): Promise<ExitCode> {
  const writer = new MessageWriter(io.stdout);
  await writer.write(specMessage(buildSpecification()));
  await writer.flush();
  return 0;
}
