#!/usr/bin/env node
/**
 * The image's entrypoint: `spec | check --config F | discover --config F | write --config F --catalog F | emulator`.
 * Only argument parsing, dispatch and exit codes live here; each command is a module of its own,
 * imported on demand so that `spec` starts without loading the HTTP stack.
 */
import { parseArgs } from "node:util";
import type { CommandIO, ExitCode } from "./commands/io.js";
// Not the protocol barrel: it loads zod (input parsing), which `spec` must not pay for.
import { MessageWriter } from "./protocol/stdout-writer.js";

const USAGE = `Usage:
  destination-whatsapp-flows spec
  destination-whatsapp-flows check --config CONFIG.json
  destination-whatsapp-flows discover --config CONFIG.json
  destination-whatsapp-flows write --config CONFIG.json --catalog CATALOG.json < messages.jsonl
  destination-whatsapp-flows emulator [--port N] [--host 127.0.0.1] [--token TOKEN]
                                      [--customer-service-window open|enforced]
`;

class UsageError extends Error {}

function required(values: Record<string, string | boolean | undefined>, name: string): string {
  const value = values[name];
  if (typeof value !== "string" || value.length === 0) throw new UsageError(`--${name} is required`);
  return value;
}

async function dispatch(argv: readonly string[], io: CommandIO): Promise<ExitCode> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      config: { type: "string" },
      catalog: { type: "string" },
      port: { type: "string" },
      host: { type: "string" },
      token: { type: "string" },
      "customer-service-window": { type: "string" },
    },
    strict: true,
    allowPositionals: false,
  });
  switch (command) {
    case "spec":
      return (await import("./commands/spec.js")).runSpec(io);
    case "check":
      return (await import("./commands/check.js")).runCheck(io, required(values, "config"));
    case "discover":
      return (await import("./commands/discover.js")).runDiscover(io, required(values, "config"));
    case "write":
      return (await import("./commands/write.js")).runWrite(
        io,
        required(values, "config"),
        required(values, "catalog"),
      );
    case "emulator":
      return (await import("./commands/emulator.js")).runEmulator(io, {
        ...(values.port !== undefined ? { port: values.port } : {}),
        ...(values.host !== undefined ? { host: values.host } : {}),
        ...(values.token !== undefined ? { token: values.token } : {}),
        ...(values["customer-service-window"] !== undefined
          ? { customerServiceWindow: values["customer-service-window"] }
          : {}),
      });
    default:
      throw new UsageError(command ? `unknown command "${command}"` : "a command is required");
  }
}

async function main(): Promise<void> {
  const controller = new AbortController();
  const onSignal = (): void => controller.abort(new Error("terminated by signal"));
  process.once("SIGTERM", onSignal);
  process.once("SIGINT", onSignal);
  const io: CommandIO = {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    signal: controller.signal,
  };
  try {
    process.exitCode = await dispatch(process.argv.slice(2), io);
  } catch (error) {
    if (
      error instanceof UsageError ||
      (error as { code?: unknown }).code === "ERR_PARSE_ARGS_UNKNOWN_OPTION"
    ) {
      process.stderr.write(`destination-whatsapp-flows: ${(error as Error).message}\n\n${USAGE}`);
      process.exitCode = 2;
      return;
    }
    // A bug of ours: still one well-formed TRACE on stdout, never a bare stack trace.
    const { errorToTrace } = await import("./protocol/error-trace.js");
    const writer = new MessageWriter(process.stdout);
    await writer.write(errorToTrace(error));
    await writer.flush();
    process.exitCode = 1;
  }
}

await main();
