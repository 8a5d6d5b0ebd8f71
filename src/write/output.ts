import type { MessageWriter, OutputMessage } from "../protocol/index.js";

/** Where the pipeline prints: lines come out in `emit` order. */
export interface PipelineOutput {
  emit(message: OutputMessage): void;
  /** Lines handed over and not yet accepted by stdout. */
  readonly backlog: number;
  flush(): Promise<void>;
}

/**
 * stdout for the pipeline: emit never blocks the caller (outcomes arrive in callbacks), and the
 * reader checks `backlog` to stop pulling stdin while stdout is slow. MessageWriter keeps the
 * order of writes started in order, so no chain of promises is needed here.
 */
export class WriterOutput implements PipelineOutput {
  private pending = 0;
  private error: unknown;

  constructor(private readonly writer: MessageWriter) {}

  get backlog(): number {
    return this.pending;
  }

  emit(message: OutputMessage): void {
    this.pending++;
    this.writer.write(message).then(
      () => {
        this.pending--;
      },
      (error: unknown) => {
        this.pending--;
        this.error ??= error;
      },
    );
  }

  async flush(): Promise<void> {
    await this.writer.flush();
    if (this.error !== undefined) throw this.error;
  }
}

/** Collects messages in memory: for tests and for wrapping. */
export class MemoryOutput implements PipelineOutput {
  readonly messages: OutputMessage[] = [];
  readonly backlog = 0;

  emit(message: OutputMessage): void {
    this.messages.push(message);
  }

  async flush(): Promise<void> {}
}
