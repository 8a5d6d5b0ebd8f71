import { type Config, parseConfig, readJsonFile, secretsOf } from "../config/index.js";
import { ConnectorError } from "../errors/index.js";
import { connectionStatusMessage, MessageWriter, Redactor } from "../protocol/index.js";
import type { CommandIO, ExitCode } from "./io.js";

/**
 * `check` answers exactly one CONNECTION_STATUS. A bad config or an unreachable/refusing API is
 * FAILED with what to fix, and exit 0: that is an answer, not a crash. Only a bug of ours escapes
 * (main turns it into a TRACE and a non-zero exit).
 */
export async function runCheck(io: CommandIO, configPath: string): Promise<ExitCode> {
  const redactor = new Redactor();
  const writer = new MessageWriter(io.stdout, redactor);
  let config: Config;
  try {
    const raw = readJsonFile(configPath, "config");
    for (const secret of secretsOf(raw)) redactor.add(secret);
    config = parseConfig(raw, `config file ${configPath}`);
  } catch (error) {
    if (!(error instanceof ConnectorError)) throw error;
    await writer.write(connectionStatusMessage("FAILED", error.message));
    await writer.flush();
    return 0;
  }
  const failure = await checkConnectionOf(config, io.signal);
  await writer.write(
    failure ? connectionStatusMessage("FAILED", failure) : connectionStatusMessage("SUCCEEDED"),
  );
  await writer.flush();
  return 0;
}

// Placeholder until the Graph client lands: the config is valid, the API is not probed yet.
async function checkConnectionOf(_config: Config, _signal: AbortSignal): Promise<string | undefined> {
  return undefined;
}
