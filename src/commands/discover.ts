import type { Config } from "../config/index.js";
import {
  configuredStreamOperations,
  createOperationEnv,
  type DestinationOperation,
  liveDestinationCatalog,
  loadConfig,
} from "../operations/index.js";
import {
  destinationCatalogMessage,
  errorToTrace,
  logMessage,
  MessageWriter,
  Redactor,
} from "../protocol/index.js";
import { graphClientFromConfig } from "./graph-client-from-config.js";
import { readInstalledJson } from "./installed-json.js";
import type { CommandIO, ExitCode } from "./io.js";

/** discover answers while the platform waits: one quick try, not a sync's retry budget. */
const DISCOVER_RETRIES = 1;
const DISCOVER_TIMEOUT_SECONDS = 15;

/**
 * The static operations as the build computed them (spec/catalog.json, `npm run spec:update`):
 * deriving them runs zod's toJSONSchema over every record schema, work each discover would repeat
 * for an answer that only changes with the code. A unit test keeps the file equal to the derivation.
 */
function committedStaticOperations(): readonly DestinationOperation[] {
  const file = readInstalledJson("spec/catalog.json", "discover's static catalog", "ERR_CATALOG_MISSING");
  return (file as { readonly operations: readonly DestinationOperation[] }).operations;
}

/**
 * `discover --config` (data activation): exactly one DESTINATION_CATALOG, the destination
 * operations every operation offers as objects, one object per entry of the config's
 * `streams[]` (`stream__<name>`), and with a working token one object per APPROVED Flow message
 * template of the WABA. A bad config (an advanced endpoint that does not compile, two entries
 * with one object name) is a TRACE config_error naming the field (exit 1); message templates
 * that cannot be listed (no network, a failing token) leave the other objects and a WARN LOG
 * saying why.
 */
export async function runDiscover(io: CommandIO, configPath: string): Promise<ExitCode> {
  const redactor = new Redactor();
  const writer = new MessageWriter(io.stdout, redactor);
  try {
    return await discover(io, configPath, redactor, writer);
  } catch (error) {
    // One TRACE, as main.ts would answer it, but through this writer: its redactor knows the
    // config's secrets.
    await writer.write(errorToTrace(error));
    await writer.flush();
    return 1;
  }
}

async function discover(
  io: CommandIO,
  configPath: string,
  redactor: Redactor,
  writer: MessageWriter,
): Promise<ExitCode> {
  let config: Config;
  try {
    config = loadConfig(configPath, (secret) => redactor.add(secret));
  } catch (error) {
    await writer.write(errorToTrace(error));
    await writer.flush();
    return 1;
  }
  const throughput = config.throughput;
  const client = graphClientFromConfig({
    ...config,
    throughput: {
      ...throughput,
      max_retries: Math.min(throughput.max_retries, DISCOVER_RETRIES),
      request_timeout_seconds: Math.min(throughput.request_timeout_seconds, DISCOVER_TIMEOUT_SECONDS),
    },
  });
  try {
    const env = createOperationEnv(config, client);
    const staticOperations = committedStaticOperations();
    // Every streams[] entry as an object too: with data activation the mapping screen is the only
    // way to reach an endpoint, so advanced ones and fixed options must be objects of their own.
    const offline = [...staticOperations, ...configuredStreamOperations(config, env, staticOperations)];
    const { catalog, note } = await liveDestinationCatalog(offline, env, io.signal);
    if (note !== undefined) await writer.write(logMessage("WARN", `discover: ${note}`));
    await writer.write(destinationCatalogMessage(catalog));
  } finally {
    await client.close();
  }
  await writer.flush();
  return 0;
}
