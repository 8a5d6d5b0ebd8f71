#!/usr/bin/env node
/**
 * The image's entrypoint: `spec | check | discover | write`, plus `--help`,
 * `help <command>` and `--version` for people. Only argument parsing, dispatch and exit codes live
 * here; each command is a module of its own, imported on demand so that `spec` starts without
 * loading the HTTP stack. Exit 2 is a usage error (on stderr, with the usage), never a TRACE.
 */
import { parseArgs } from "node:util";
import { enableCompileCache } from "./commands/compile-cache.js";
import type { CommandIO, ExitCode } from "./commands/io.js";
import { commandHelp, usage } from "./commands/usage.js";

// main.js imports nothing else up front: a module it shares with a command is one more file for
// every command to load; the version and the bug TRACE's writer are imported when needed.

class UsageError extends Error {
  constructor(
    message: string,
    /** The help to print after the message: the command's own when the command is known. */
    readonly help: string = usage(),
  ) {
    super(message);
  }
}

/** `--help`, `-h`, `help [command]` and `--version`: answered before any command runs. */
async function answerForPeople(argv: readonly string[], io: CommandIO): Promise<ExitCode | undefined> {
  const [first, second] = argv;
  if (first === "--version" || first === "-V") {
    io.stdout.write(`${(await import("./version.js")).CONNECTOR_VERSION}\n`);
    return 0;
  }
  if (first === "--help" || first === "-h" || (first === "help" && second === undefined)) {
    io.stdout.write(usage());
    return 0;
  }
  const topic =
    first === "help" ? second : argv.includes("--help") || argv.includes("-h") ? first : undefined;
  if (topic === undefined) return undefined;
  const help = commandHelp(topic);
  if (help === undefined) throw new UsageError(`unknown command "${topic}"`);
  io.stdout.write(help);
  return 0;
}

/** One set of options for every command: a command ignores the ones it does not read. */
const OPTIONS = {
  config: { type: "string" },
  catalog: { type: "string" },
} as const;

function parseOptions(args: readonly string[], help: string) {
  try {
    return parseArgs({ args: [...args], options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    // node:util's parse errors (unknown option, an option without its value, a stray argument).
    throw new UsageError((error as Error).message, help);
  }
}

function requiredOption(
  values: Readonly<Record<string, string | undefined>>,
  name: string,
  help: string,
): string {
  const value = values[name];
  if (typeof value !== "string" || value.length === 0) throw new UsageError(`--${name} is required`, help);
  return value;
}

async function dispatch(argv: readonly string[], io: CommandIO): Promise<ExitCode> {
  const forPeople = await answerForPeople(argv, io);
  if (forPeople !== undefined) return forPeople;
  const [command, ...rest] = argv;
  if (command === undefined) throw new UsageError("a command is required");
  const help = commandHelp(command);
  if (help === undefined) throw new UsageError(`unknown command "${command}"`);
  const values = parseOptions(rest, help);
  const required = (name: string): string => requiredOption(values, name, help);
  switch (command) {
    case "spec":
      return (await import("./commands/spec.js")).runSpec(io);
    case "check":
      return (await import("./commands/check.js")).runCheck(io, required("config"));
    case "discover":
      return (await import("./commands/discover.js")).runDiscover(io, required("config"));
    case "write":
      return (await import("./commands/write.js")).runWrite(io, required("config"), required("catalog"));
    default:
      throw new UsageError(`"${command}" is not available in this build`);
  }
}

async function main(): Promise<void> {
  // Before the first command module loads: only modules compiled after this are cached.
  enableCompileCache();
  const controller = new AbortController();
  const onSignal = (): void => controller.abort(new Error("terminated by signal"));
  process.once("SIGTERM", onSignal);
  process.once("SIGINT", onSignal);
  // A reader that closed our stdout (Airbyte gone, or `… | head`) can hear nothing more: stop
  // quietly, as a Unix tool does on SIGPIPE, rather than dying on an unhandled 'error' event.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    process.exit(1);
  });
  const io: CommandIO = {
    // On first read: `spec`, `check` and `discover` never read stdin, and opening it takes time.
    get stdin() {
      return process.stdin;
    },
    stdout: process.stdout,
    stderr: process.stderr,
    signal: controller.signal,
  };
  try {
    process.exitCode = await dispatch(process.argv.slice(2), io);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`destination-whatsapp-flows: ${error.message}\n\n${error.help}`);
      process.exitCode = 2;
      return;
    }
    // A bug of ours: still one well-formed TRACE on stdout, never a bare stack trace.
    const { errorToTrace } = await import("./protocol/error-trace.js");
    // Not the protocol barrel: it loads zod (input parsing).
    const { MessageWriter } = await import("./protocol/stdout-writer.js");
    const writer = new MessageWriter(process.stdout);
    await writer.write(errorToTrace(error));
    await writer.flush();
    process.exitCode = 1;
  }
}

await main();
