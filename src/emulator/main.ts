#!/usr/bin/env node
/**
 * The emulator's own entry (`npm run emulator -- --port 8787`, built to dist/emulator.js): a local
 * WhatsApp Flows API for dry runs, the demo, tests and the bench. It is a program of its own, not
 * a command of the connector, so the runtime image, which ships the connector's bundle only,
 * holds none of its code. Prints its base URL on stdout, then serves until SIGTERM or SIGINT.
 * A bad option is a usage error: on stderr with the usage, exit 2.
 */
import { parseArgs } from "node:util";
import { startEmulator } from "./server.js";

const USAGE = `Usage: npm run emulator -- [--port N] [--host 127.0.0.1] [--token TOKEN] [--customer-service-window open|enforced]

Runs a local WhatsApp Flows API for dry runs and tests.
Prints its base URL on stdout, then serves until Ctrl-C. Point the config's base_url at it;
with --token, only that access token is accepted. --customer-service-window enforced models
Meta's 24-hour customer service window per recipient (by default every window is open).
`;

class UsageError extends Error {}

interface EmulatorArguments {
  readonly help: boolean;
  readonly port: number;
  readonly host: string;
  readonly token: string | undefined;
  readonly customerServiceWindow: "open" | "enforced";
}

function readArguments(argv: readonly string[]): EmulatorArguments {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        port: { type: "string" },
        host: { type: "string" },
        token: { type: "string" },
        "customer-service-window": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    // node:util's parse errors (unknown option, an option without its value, a stray argument).
    throw new UsageError((error as Error).message);
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError("--port must be a number from 0 to 65535");
  }
  const windows = values["customer-service-window"] ?? "open";
  if (windows !== "open" && windows !== "enforced") {
    throw new UsageError("--customer-service-window must be open or enforced");
  }
  const token = values.token;
  return {
    help: values.help === true,
    port,
    host: typeof values.host === "string" ? values.host : "127.0.0.1",
    token: typeof token === "string" && token !== "" ? token : undefined,
    customerServiceWindow: windows,
  };
}

async function main(): Promise<void> {
  let args: EmulatorArguments;
  try {
    args = readArguments(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`emulator: ${error.message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (args.help) {
    process.stdout.write(USAGE);
    return;
  }
  const emulator = await startEmulator({
    port: args.port,
    host: args.host,
    ...(args.token === undefined ? {} : { token: args.token }),
    customerServiceWindow: args.customerServiceWindow,
  });
  process.stdout.write(`${emulator.url}\n`);
  process.stderr.write(`WhatsApp Flows API emulator listening on ${emulator.url} (stop with Ctrl-C)\n`);
  const stop = (): void => {
    void emulator.close();
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

await main();
