import { ConnectorError, RecordError } from "../errors/index.js";
import type { Outcome } from "../operations/index.js";
import {
  echoedStateMessage,
  errorToTrace,
  type NumberedMessage,
  type OutputMessage,
  type RecordMessage,
  type StateEcho,
  streamKey,
  type UnreadableRecordMessage as Unreadable,
  unknownStreamError,
} from "../protocol/index.js";
import { CheckpointTracker, scopeOfState } from "./checkpoints/index.js";
import { InternalPipelineError, SyncInterruptedError, UnreadableRecordError } from "./errors/index.js";
import { InputReader, type PipelineInput } from "./input-reader.js";
import { JournalGate } from "./journal/journal-gate.js";
import { OutcomePolicy } from "./outcome-policy.js";
import { OutcomeSettlement } from "./outcome-settlement.js";
import {
  ABORT_GRACE_MS,
  DEFAULT_DRAIN_TIMEOUT_MS,
  DEFAULT_PROGRESS_INTERVAL_MS,
  defaultMaxPending,
  type PipelineOptions,
} from "./pipeline-options.js";
import { ProgressReporter } from "./progress.js";
import { admittedJob, type Keeping, type RecordJob } from "./record-job.js";
import { reportOutcome } from "./record-report.js";
import { ResponseDelivery } from "./response-delivery.js";
import { KeyedQueue } from "./scheduler/index.js";
import { Shutdown, waitAtMost } from "./shutdown.js";
import { buildRuntimes, type StreamRuntime } from "./stream-runtime.js";

export interface PipelineResult {
  readonly exitCode: 0 | 1;
  readonly fatal: ConnectorError | undefined;
}

/**
 * The write loop. Reads messages, plans each record at read time, runs the calls through the
 * keyed queue (bounded concurrency, per-key order), reports each outcome and hands it to the
 * outcome settlement, and echoes each STATE once every earlier record of its scope is settled:
 * its outcome final, reported, stored (object storage) and delivered (ResponseDelivery, which
 * also says when an envelope the webhook did not take settles its record).
 *
 * Fatal path: stop reading, drop queued work, give in-flight calls `drainTimeoutMs` (then abort),
 * let the states that became settled go out, then one TRACE.
 */
export class WritePipeline {
  private readonly runtimes: Map<string, StreamRuntime>;
  private readonly tracker: CheckpointTracker<StateEcho>;
  private readonly queue: KeyedQueue<RecordJob>;
  private readonly settlement: OutcomeSettlement;
  private readonly progress: ProgressReporter;
  private readonly shutdown = new Shutdown();
  private readonly delivery: ResponseDelivery;
  private readonly gate: JournalGate;
  private readonly reader: InputReader;
  private readonly keeping: Keeping;
  private admitted = 0;
  private inputEnded = false;
  private fatal: ConnectorError | undefined;
  private wakeIdle: (() => void) | undefined;

  constructor(private readonly options: PipelineOptions) {
    this.runtimes = buildRuntimes(options.streams, options.operations);
    this.tracker = new CheckpointTracker((released) =>
      options.output.emit(
        echoedStateMessage(released.state, released.recordCount, released.rejectedRecordCount),
      ),
    );
    this.queue = new KeyedQueue(options.maxConcurrency, (job, done) => this.execute(job, done));
    const statsByStream = new Map([...this.runtimes].map(([key, runtime]) => [key, runtime.stats]));
    this.progress = new ProgressReporter(statsByStream, {
      intervalMs: options.progressIntervalMs ?? DEFAULT_PROGRESS_INTERVAL_MS,
      emit: (message) => options.output.emit(message),
      ...(options.clientTotals ? { clientTotals: options.clientTotals } : {}),
    });
    this.keeping = {
      keep: (data) => this.gate.keep(data),
      includeRecord: options.webhook?.target.include_record === true,
    };
    this.gate = new JournalGate(options.journal, {
      concurrency: options.maxConcurrency,
      pacedCallsPerSecond: options.pacedCallsPerSecond,
      grants: options.callGrants,
      shutdown: this.shutdown,
      call: (key, job) => this.queue.push(key, job),
      settleWithout: (job, outcome) => this.onOutcome(job, outcome),
      readerWaiting: () => this.reader.waitingForRoom,
      dropped: () => this.finish(),
      failed: this.crash,
    });
    this.settlement = new OutcomeSettlement({
      gate: this.gate,
      policy: new OutcomePolicy(options.policy),
      forward: (job, outcome) => this.forward(job, outcome),
      fail: (error) => this.fail(error),
      leave: (count) => this.finish(count),
      stopped: () => this.fatal !== undefined,
      inputEnded: () => this.inputEnded,
      admitted: () => this.admitted,
    });
    const batchSize = options.webhook?.target.batch_size ?? 1;
    this.reader = new InputReader(
      options.maxPending ?? defaultMaxPending(options.maxConcurrency, batchSize),
      {
        pending: () => this.pending,
        output: options.output,
        shutdown: this.shutdown,
        handle: (numbered) => this.handle(numbered),
        fail: (error) => this.fail(error),
      },
    );
    this.delivery = new ResponseDelivery({
      webhook: options.webhook,
      outbox: options.outbox,
      redact: options.redact ?? ((text: string) => text),
      concurrency: options.maxConcurrency,
      signal: this.shutdown.signal,
      emit: this.emit,
      settle: (job) => this.settle(job),
      fail: (error) => this.fail(error),
      stopped: () => this.fatal !== undefined,
      syncId: options.syncId,
    });
  }

  async run(messages: AsyncIterable<PipelineInput>): Promise<PipelineResult> {
    const { signal } = this.options;
    const onAbort = (): void => this.fail(new SyncInterruptedError());
    if (signal?.aborted) onAbort();
    else signal?.addEventListener("abort", onAbort, { once: true });
    this.progress.start();
    try {
      await this.delivery.deliverOutbox();
      await this.reader.read(messages);
      this.inputEnded = true;
      this.settlement.stopWhenOnlyHeld();
      this.flushTail();
      await this.drain();
    } finally {
      signal?.removeEventListener("abort", onAbort);
      this.progress.stop();
      this.shutdown.dispose();
    }
    this.progress.summary(this.fatal ? "Summary (sync stopped)" : "Summary");
    const { output } = this.options;
    this.fatal = this.delivery.endError(this.fatal);
    if (this.fatal) output.emit(errorToTrace(this.fatal));
    await output.flush();
    return { exitCode: this.fatal ? 1 : 0, fatal: this.fatal };
  }

  private handle({ lineNumber, message }: NumberedMessage): void {
    if (message.type === "RECORD" || message.type === "UNREADABLE_RECORD") this.admit(lineNumber, message);
    else if (message.type === "STATE") this.tracker.state(scopeOfState(message.state), message.echo);
  }

  /** An unreadable line (see UnreadableRecordMessage) is a record rejected before any call. */
  private admit(lineNumber: number, message: RecordMessage | Unreadable): void {
    const { record } = message;
    const key = streamKey(record.stream, record.namespace);
    const runtime = this.runtimes.get(key);
    if (runtime === undefined) {
      this.fail(unknownStreamError(lineNumber, record.stream, record.namespace));
      return;
    }
    const recordIndex = ++runtime.stats.records;
    const at = { recordIndex, lineNumber, ticket: this.tracker.admit(key) };
    const job = admittedJob(runtime, message, at, this.keeping);
    this.admitted++;
    try {
      if (message.type === "UNREADABLE_RECORD")
        throw new UnreadableRecordError(runtime.stream.name, recordIndex, message.problem);
      const context = { stream: runtime.stream, recordIndex, lineNumber, calls: job.calls };
      job.plan = runtime.operation.plan(message.record.data, context);
      this.gate.dispatch(runtime.operation.orderingKey(job.plan), job);
    } catch (error) {
      if (error instanceof RecordError) this.onOutcome(job, { kind: "rejected", error });
      else this.crash(error);
    }
  }

  private execute(job: RecordJob, done: () => void): void {
    let call: Promise<Outcome>;
    try {
      call = job.runtime.operation.execute(job.plan, this.shutdown.signal);
    } catch (error) {
      call = Promise.reject(error);
    }
    call.then(
      (outcome) => {
        done();
        this.onOutcome(job, outcome);
      },
      (error: unknown) => {
        if (error instanceof RecordError) {
          done();
          this.onOutcome(job, { kind: "rejected", error });
          return;
        }
        // Fatal (a config_error such as an expired token or a payment problem): the queue is
        // cleared before this call's slot frees, so no queued record starts a call after it.
        this.fail(error);
        done();
        this.finish();
      },
    );
  }

  private onOutcome(job: RecordJob, outcome: Outcome): void {
    job.runtime.stats.count(outcome.kind, job.calls);
    reportOutcome(job, outcome, this.emit);
    this.settlement.accept(job, outcome);
  }

  /** Records read and not yet finished, less those the guard holds for their stream's verdict. */
  private get pending(): number {
    return this.admitted - this.settlement.heldCount;
  }

  private forward(job: RecordJob, outcome: Outcome): void {
    this.delivery.forward(job, outcome);
    this.flushTail();
  }

  private readonly emit = (message: OutputMessage): void => this.options.output.emit(message);

  /** A call that threw: fatal, unless the sync is already stopping (then it was aborted). */
  private readonly crash = (error: unknown): void => {
    this.fail(error);
    this.finish();
  };

  private settle(job: RecordJob): void {
    this.tracker.settle(job.ticket, job.rejected);
    this.finish();
  }

  /** A record leaves the pipeline, settled or not. */
  private finish(count = 1): void {
    this.admitted -= count;
    this.settlement.stopWhenOnlyHeld();
    this.reader.recordLeft();
    this.flushTail();
    if (this.admitted === 0 && this.wakeIdle !== undefined) this.wakeIdle();
  }

  /** Once nothing can join a partial webhook batch any more, send it without waiting for the linger. */
  private flushTail(): void {
    const idle = this.queue.running === 0 && this.queue.queued === 0;
    if (idle && (this.inputEnded || this.shutdown.isStopping)) this.delivery.flush();
  }

  private fail(error: unknown): void {
    if (this.fatal !== undefined) return;
    this.fatal = error instanceof ConnectorError ? error : new InternalPipelineError(error);
    this.shutdown.stop(this.options.drainTimeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS);
    // Queued records never started, and held ones wait for a verdict that will not come: they
    // stay unsettled, so no state after them goes out.
    this.finish(this.settlement.abandonHeld() + this.gate.abandon(this.queue.clear()));
    this.reader.resume();
  }

  /** Waits until every admitted record has left; on a fatal error, at most the drain bound (+ grace). */
  private async drain(): Promise<void> {
    const idle =
      this.admitted === 0 ? Promise.resolve() : new Promise<void>((resolve) => (this.wakeIdle = resolve));
    if (this.fatal === undefined) {
      const stopped = this.shutdown.stopped.then(() => undefined);
      await Promise.race([idle, stopped]);
      if (this.fatal === undefined) return;
    }
    const bound = (this.options.drainTimeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS) + ABORT_GRACE_MS;
    await waitAtMost(idle, bound);
  }
}

/** Runs one sync's write loop. */
export function runPipeline(
  messages: AsyncIterable<PipelineInput>,
  options: PipelineOptions,
): Promise<PipelineResult> {
  return new WritePipeline(options).run(messages);
}
