import type { CommandIO, ExitCode } from "./io.js";

export interface EmulatorCliOptions {
  readonly port?: string;
  readonly host?: string;
  readonly token?: string;
  readonly customerServiceWindow?: string;
}

/** Runs the local WhatsApp Flows API until SIGTERM/SIGINT; prints its base URL on stdout. */
export async function runEmulator(io: CommandIO, options: EmulatorCliOptions): Promise<ExitCode> {
  const { startEmulator } = await import("../emulator/index.js");
  const port = options.port === undefined ? 0 : Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    io.stderr.write(`--port must be a number from 0 to 65535\n`);
    return 2;
  }
  const windows = options.customerServiceWindow ?? "open";
  if (windows !== "open" && windows !== "enforced") {
    io.stderr.write(`--customer-service-window must be open or enforced\n`);
    return 2;
  }
  const emulator = await startEmulator({
    port,
    host: options.host ?? "127.0.0.1",
    ...(options.token ? { token: options.token } : {}),
    customerServiceWindow: windows,
  });
  io.stdout.write(`${emulator.url}\n`);
  io.stderr.write(`WhatsApp Flows API emulator listening on ${emulator.url} (stop with Ctrl-C)\n`);
  await new Promise<void>((resolve) => {
    if (io.signal.aborted) resolve();
    else io.signal.addEventListener("abort", () => resolve(), { once: true });
  });
  await emulator.close();
  return 0;
}
