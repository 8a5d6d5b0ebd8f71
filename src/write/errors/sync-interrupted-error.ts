import { TransientError } from "../../errors/index.js";

/** SIGTERM/SIGINT: the platform stopped the sync; a later run resumes from the last echoed state. */
export class SyncInterruptedError extends TransientError {
  constructor() {
    super("the sync was interrupted", {
      code: "ERR_INTERRUPTED",
      hint: "The destination received a termination signal; the next sync resumes from the last checkpoint",
    });
  }
}
