import { destinationCatalog, loadConfig } from "../operations/index.js";
import { destinationCatalogMessage, errorToTrace, MessageWriter, Redactor } from "../protocol/index.js";
import type { CommandIO, ExitCode } from "./io.js";

/**
 * `discover --config` (data activation): exactly one DESTINATION_CATALOG, the operations every
 * template offers as objects. Static: the config is validated (a bad one is a TRACE config_error
 * naming the field, exit 1) but no call is made.
 */
export async function runDiscover(io: CommandIO, configPath: string): Promise<ExitCode> {
  const redactor = new Redactor();
  const writer = new MessageWriter(io.stdout, redactor);
  try {
    loadConfig(configPath, (secret) => redactor.add(secret));
  } catch (error) {
    await writer.write(errorToTrace(error));
    await writer.flush();
    return 1;
  }
  await writer.write(destinationCatalogMessage(destinationCatalog()));
  await writer.flush();
  return 0;
}
