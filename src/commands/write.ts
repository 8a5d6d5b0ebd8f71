import {
  type Config,
  type ConfiguredCatalog,
  loadCatalog,
  parseConfig,
  readJsonFile,
  resolveStreams,
  secretsOf,
} from "../config/index.js";
import { errorToTrace, MessageWriter, Redactor } from "../protocol/index.js";
import type { CommandIO, ExitCode } from "./io.js";

/**
 * `write`: load and check everything that can be checked before the first record (config,
 * catalog, every stream's endpoint), then hand stdin to the pipeline. Any failure before that is
 * a config_error TRACE and exit 1.
 */
export async function runWrite(io: CommandIO, configPath: string, catalogPath: string): Promise<ExitCode> {
  const redactor = new Redactor();
  const writer = new MessageWriter(io.stdout, redactor);
  let config: Config;
  let catalog: ConfiguredCatalog;
  try {
    const raw = readJsonFile(configPath, "config");
    for (const secret of secretsOf(raw)) redactor.add(secret);
    config = parseConfig(raw, `config file ${configPath}`);
    catalog = loadCatalog(catalogPath);
    resolveStreams(config, catalog);
  } catch (error) {
    await writer.write(errorToTrace(error));
    await writer.flush();
    return 1;
  }
  // The pipeline comes with the write issue.
  await writer.flush();
  return 0;
}
