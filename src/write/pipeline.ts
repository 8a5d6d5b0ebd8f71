import { randomUUID } from "node:crypto";
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
import { FirstRecordsGuard, type GuardedOutcome } from "./first-records-guard.js";
import { JournalGate } from "./journal/journal-gate.js";
import { OutcomePolicy } from "./outcome-policy.js";
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
import type { WebhookSink } from "./response-webhook/index.js";
import { KeyedQueue } from "./scheduler/index.js";
import { Shutdown, STOP, waitAtMost } from "./shutdown.js";
import { buildRuntimes, type StreamRuntime } from "./stream-runtime.js";
import { WebhookOutage } from "./webhook-outage.js";
import { createWebhookSink, envelopeOf } from "./webhook-wiring.js";

export interface PipelineResult {
  readonly exitCode: 0 | 1;
  readonly fatal: ConnectorError | undefined;
}

/**
 * The write loop. Reads messages, plans each record at read time, runs the calls through the
 * keyed queue (bounded concurrency, per-key order), applies the outcome policy, reports and
 * forwards what needs it, and echoes each STATE once every earlier record of its scope is settled.
 * A record is settled once its outcome is final, reported, stored (object storage), and its
 * envelope delivered (webhook). An envelope the webhook did not take settles its record too, once
 * kept in the outbox or, without object storage, named in a LOG line: its call was made, and
 * holding its STATE back would only have the next attempt make it again.
 *
 * Fatal path: stop reading, drop queued work, give in-flight calls `drainTimeoutMs` (then abort),
 * let the states that became settled go out, then one TRACE.
 */
export class WritePipeline {
  private readonly runtimes: Map<string, StreamRuntime>;
  private readonly tracker: CheckpointTracker<StateEcho>;
  private readonly queue: KeyedQueue<RecordJob>;
  private readonly policy: OutcomePolicy;
  private readonly guard = new FirstRecordsGuard<Settling>();
  private readonly progress: ProgressReporter;
  private readonly shutdown = new Shutdown();
  private readonly sink: WebhookSink<RecordJob> | undefined;
  private readonly outage: WebhookOutage;
  private readonly gate: JournalGate;
  private readonly maxPending: number;
  private readonly keeping: Keeping;
  private readonly syncId: string;
  private admitted = 0;
  private inputEnded = false;
  private fatal: ConnectorError | undefined;
  private wakeReader: (() => void) | undefined;
  private wakeIdle: (() => void) | undefined;

  constructor(private readonly options: PipelineOptions) {
    this.runtimes = buildRuntimes(options.streams, options.operations);
    this.tracker = new CheckpointTracker((released) =>
      options.output.emit(
        echoedStateMessage(released.state, released.recordCount, released.rejectedRecordCount),
      ),
    );
    this.queue = new KeyedQueue(options.maxConcurrency, (job, done) => this.execute(job, done));
    this.policy = new OutcomePolicy(options.policy);
    const statsByStream = new Map([...this.runtimes].map(([key, runtime]) => [key, runtime.stats]));
    this.progress = new ProgressReporter(statsByStream, {
      intervalMs: options.progressIntervalMs ?? DEFAULT_PROGRESS_INTERVAL_MS,
      emit: (message) => options.output.emit(message),
      ...(options.clientTotals ? { clientTotals: options.clientTotals } : {}),
    });
    this.syncId = options.syncId ?? randomUUID();
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
      readAheadFull: () => this.pending >= this.maxPending,
      dropped: () => this.finish(),
      failed: this.crash,
    });
    const batchSize = options.webhook?.target.batch_size ?? 1;
    this.maxPending = options.maxPending ?? defaultMaxPending(options.maxConcurrency, batchSize);
    const redact = options.redact ?? ((text: string) => text);
    this.outage = new WebhookOutage({
      webhook: options.webhook,
      outbox: options.outbox,
      redact,
      signal: this.shutdown.signal,
      emit: this.emit,
      settle: (job) => this.settle(job),
      fail: (error) => this.fail(error),
      stopped: () => this.fatal !== undefined,
    });
    this.sink = options.webhook
      ? createWebhookSink<RecordJob>(options.webhook, {
          concurrency: options.maxConcurrency,
          signal: this.shutdown.signal,
          redact,
          onDelivered: (jobs) => {
            for (const job of jobs) this.settle(job);
          },
          onUndelivered: ({ tokens, envelopes }, error) =>
            this.outage.undeliverable(tokens, envelopes, error),
        })
      : undefined;
  }

  async run(messages: AsyncIterable<NumberedMessage>): Promise<PipelineResult> {
    const { signal } = this.options;
    const onAbort = (): void => this.fail(new SyncInterruptedError());
    if (signal?.aborted) onAbort();
    else signal?.addEventListener("abort", onAbort, { once: true });
    this.progress.start();
    try {
      await this.outage.deliverOutbox();
      await this.read(messages);
      this.inputEnded = true;
      this.stopWhenOnlyHeld();
      this.flushTail();
      await this.drain();
    } finally {
      signal?.removeEventListener("abort", onAbort);
      this.progress.stop();
      this.shutdown.dispose();
    }
    this.progress.summary(this.fatal ? "Summary (sync stopped)" : "Summary");
    const { output } = this.options;
    this.fatal = this.outage.endError(this.fatal);
    if (this.fatal) output.emit(errorToTrace(this.fatal));
    await output.flush();
    return { exitCode: this.fatal ? 1 : 0, fatal: this.fatal };
  }

  private async read(messages: AsyncIterable<NumberedMessage>): Promise<void> {
    const iterator = messages[Symbol.asyncIterator]();
    try {
      while (!this.shutdown.isStopping) {
        if (this.pending >= this.maxPending) await new Promise<void>((r) => (this.wakeReader = r));
        if (this.options.output.backlog > this.maxPending) await this.options.output.flush();
        if (this.shutdown.isStopping) break;
        // Raced against the stop promise: a stalled stdin must not keep a stopped sync alive.
        const next = await this.shutdown.race(iterator.next());
        // A fatal error may have come while the line was read: it must not be admitted.
        if (next === STOP || next.done || this.shutdown.isStopping) break;
        this.handle(next.value);
      }
    } catch (error) {
      this.fail(error);
    }
    if (this.shutdown.isStopping) void iterator.return?.(undefined)?.catch(() => undefined);
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
    const { stats, label } = job.runtime;
    stats.count(outcome.kind, job.calls);
    reportOutcome(job, outcome, this.emit);
    if (outcome.kind !== "succeeded") {
      job.rejected = outcome.kind === "rejected";
      const fatal = job.rejected ? this.policy.onRejected(label, job.recordIndex, outcome.error) : undefined;
      if (fatal !== undefined) {
        this.stopUnsettled(fatal, [{ job, outcome }]);
        return;
      }
    }
    if (this.fatal === undefined) {
      const step = this.guard.observe(label, job.recordIndex, guardedOf(outcome), { job, outcome });
      if (step.kind === "hold") {
        // A record held once the input has ended may be the last one the sync waits for.
        this.stopWhenOnlyHeld();
        return;
      }
      if (step.kind === "stop") {
        this.stopUnsettled(step.error, [...step.held, { job, outcome }]);
        return;
      }
      if (step.kind === "release") for (const held of step.held) this.settleOutcome(held);
    }
    this.settleOutcome({ job, outcome });
  }

  /** Stored (object storage), forwarded (webhook), then settled. */
  private settleOutcome({ job, outcome }: Settling): void {
    this.gate.settle(job, outcome, () => this.forward(job, outcome));
  }

  /**
   * Records whose outcomes stop the sync stay unsettled, so no STATE after them goes out and the
   * next sync sees them again: their outcomes are stored (by the journal's close), not forwarded.
   */
  private stopUnsettled(error: ConnectorError, records: readonly Settling[]): void {
    for (const { job, outcome } of records) this.gate.afterOutcome(job, outcome)?.catch(() => undefined);
    this.fail(error);
    this.finish(records.length);
  }

  /**
   * Once the input has ended and only held records are left, no outcome can clear their streams
   * any more: each of those streams ended with every record rejected for one configuration-level
   * cause, having sent nothing, so the sync stops as it does at the rule's full count.
   */
  private stopWhenOnlyHeld(): void {
    if (!this.inputEnded || this.guard.heldCount === 0 || this.admitted > this.guard.heldCount) return;
    const stop = this.guard.stopAtEnd();
    if (stop !== undefined) this.stopUnsettled(stop.error, stop.held);
  }

  /** Records read and not yet finished, less those the guard holds for their stream's verdict. */
  private get pending(): number {
    return this.admitted - this.guard.heldCount;
  }

  private forward(job: RecordJob, outcome: Outcome): void {
    this.sink?.add(envelopeOf(job, outcome, this.syncId), job);
    if (this.sink === undefined) this.settle(job);
    else this.flushTail();
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
    this.stopWhenOnlyHeld();
    if (this.pending < this.maxPending) this.resumeReader();
    this.flushTail();
    if (this.admitted === 0 && this.wakeIdle !== undefined) this.wakeIdle();
  }

  /** Once nothing can join a partial webhook batch any more, send it without waiting for the linger. */
  private flushTail(): void {
    const idle = this.queue.running === 0 && this.queue.queued === 0;
    if (idle && (this.inputEnded || this.shutdown.isStopping)) this.sink?.flush();
  }

  private fail(error: unknown): void {
    if (this.fatal !== undefined) return;
    this.fatal = error instanceof ConnectorError ? error : new InternalPipelineError(error);
    this.shutdown.stop(this.options.drainTimeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS);
    // Queued records never started, and held ones wait for a verdict that will not come: they
    // stay unsettled, so no state after them goes out.
    const held = this.guard.takeHeld();
    for (const { job, outcome } of held) this.gate.afterOutcome(job, outcome)?.catch(() => undefined);
    this.finish(held.length + this.gate.abandon(this.queue.clear()));
    this.resumeReader();
  }

  private resumeReader(): void {
    const wake = this.wakeReader;
    this.wakeReader = undefined;
    wake?.();
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

/** A record with its outcome, on its way to being settled. */
interface Settling {
  readonly job: RecordJob;
  readonly outcome: Outcome;
}

const SUCCEEDED: GuardedOutcome = { kind: "succeeded" };
const AMBIGUOUS: GuardedOutcome = { kind: "ambiguous" };

/** What the first-records guard reads of an outcome: a rejection's configuration-level cause. */
function guardedOf(outcome: Outcome): GuardedOutcome {
  if (outcome.kind !== "rejected") return outcome.kind === "succeeded" ? SUCCEEDED : AMBIGUOUS;
  const cause = outcome.error instanceof RecordError ? outcome.error.configCause : undefined;
  return { kind: "rejected", cause };
}

/** Runs one sync's write loop. */
export function runPipeline(
  messages: AsyncIterable<NumberedMessage>,
  options: PipelineOptions,
): Promise<PipelineResult> {
  return new WritePipeline(options).run(messages);
}
