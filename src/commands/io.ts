import type { Readable, Writable } from "node:stream";

/** The process streams a command uses: injected so tests can run commands in-process. */
export interface CommandIO {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
  /** Aborted on SIGTERM/SIGINT: stop reading, drain, exit non-zero. */
  readonly signal: AbortSignal;
}

/** Process exit code of a command. */
export type ExitCode = 0 | 1 | 2;
