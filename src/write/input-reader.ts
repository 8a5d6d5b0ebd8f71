import type { NumberedMessage } from "../protocol/index.js";
import type { PipelineOutput } from "./output.js";
import { type Shutdown, STOP } from "./shutdown.js";

/**
 * What the write loop reads: messages one at a time, or in the batches the stdin reader reads
 * them in (readInputBatches), in input order either way.
 */
export type PipelineInput = NumberedMessage | readonly NumberedMessage[];

export interface InputReaderSteps {
  /** Records read and not yet left the pipeline (less those held for a verdict). */
  readonly pending: () => number;
  readonly output: PipelineOutput;
  readonly shutdown: Shutdown;
  /** Takes one message in input order. */
  readonly handle: (numbered: NumberedMessage) => void;
  readonly fail: (error: unknown) => void;
}

/**
 * The read side of the write loop: takes input only while fewer than `maxPending` records are
 * pending and stdout keeps up, and stops at once when the sync stops, even on a stalled stdin.
 *
 * Once the read-ahead is full, the reader waits until a quarter of it has left, then reads that
 * much at once: woken for each record that leaves, a busy sync (whose read-ahead is full all the
 * time) would pay a promise and an await for every record it reads.
 */
export class InputReader {
  private wake: (() => void) | undefined;
  /** Pending records at or below which a reader waiting for room goes on. */
  private readonly resumeAt: number;

  constructor(
    readonly maxPending: number,
    private readonly steps: InputReaderSteps,
  ) {
    this.resumeAt = maxPending - Math.max(1, maxPending >> 2);
  }

  /** No room for one more record: the read-ahead bound is reached. */
  private get readAheadFull(): boolean {
    return this.steps.pending() >= this.maxPending;
  }

  /** The reader reads no more until records leave: the read-ahead is full, or it waits to refill it. */
  get waitingForRoom(): boolean {
    return this.wake !== undefined || this.readAheadFull;
  }

  async read(input: AsyncIterable<PipelineInput>): Promise<void> {
    const { shutdown } = this.steps;
    const iterator = input[Symbol.asyncIterator]();
    try {
      reading: while (await this.roomToRead()) {
        // Raced against the stop promise: a stalled stdin must not keep a stopped sync alive.
        const next = await shutdown.race(iterator.next());
        if (next === STOP || next.done) break;
        const messages = isBatch(next.value) ? next.value : [next.value];
        for (const numbered of messages) {
          // Awaited only when full: a message of a batch costs no promise of its own.
          if (this.full() && !(await this.roomToRead())) break reading;
          // A fatal error may have come while the line was read: it must not be admitted.
          if (shutdown.isStopping) break reading;
          this.steps.handle(numbered);
        }
      }
    } catch (error) {
      this.steps.fail(error);
    }
    if (shutdown.isStopping) void iterator.return?.(undefined)?.catch(() => undefined);
  }

  /** A record left: a reader waiting for room goes on once enough has left. */
  recordLeft(): void {
    if (this.wake !== undefined && this.steps.pending() <= this.resumeAt) this.resume();
  }

  /** Wakes a waiting reader whatever the room (the sync stops: it must see that and end). */
  resume(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  /** The read-ahead is full, or stdout holds more than it: the reader waits. */
  private full(): boolean {
    return this.readAheadFull || this.steps.output.backlog > this.maxPending;
  }

  /** Waits for room in the read-ahead and for stdout to catch up; false once the sync stops. */
  private async roomToRead(): Promise<boolean> {
    const { shutdown, output } = this.steps;
    if (shutdown.isStopping) return false;
    if (this.readAheadFull) await new Promise<void>((resolve) => (this.wake = resolve));
    if (output.backlog > this.maxPending) await output.flush();
    return !shutdown.isStopping;
  }
}

function isBatch(input: PipelineInput): input is readonly NumberedMessage[] {
  return Array.isArray(input);
}
