import { SystemError } from "../../errors/index.js";

/** Anything but our typed errors reaching the pipeline is a bug: a system_error with its stack. */
export class InternalPipelineError extends SystemError {
  constructor(cause: unknown) {
    const err = cause instanceof Error ? cause : new Error(String(cause));
    super(`Unexpected internal error in the write pipeline: ${err.message}`, {
      code: "ERR_INTERNAL",
      cause: err,
      ...(err.stack ? { internal: err.stack } : {}),
    });
  }
}
