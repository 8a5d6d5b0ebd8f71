import type { Dispatcher } from "undici";
import { BoundExceeded, type CallBounds } from "./call-bounds.js";
import type { WriteReport } from "./pacing/write-report.js";
import { errors, util } from "./undici-parts.js";

type IncomingHttpHeaders = Record<string, string | string[]>;

/** An answer read in full. Its headers are decoded on first read: a plain send never reads them. */
export class RawResponse {
  private decoded: Record<string, string> | undefined;

  constructor(
    readonly status: number,
    private readonly rawHeaders: readonly Buffer[],
    readonly text: string,
  ) {}

  get headers(): Record<string, string> {
    this.decoded ??= flatten(util.parseHeaders(this.rawHeaders as Buffer[]));
    return this.decoded;
  }
}

/**
 * An undici dispatch handler that reads one answer in full into a string. `pool.request()` would
 * wrap every answer in a body stream, an async resource and two promises before `text()`; every
 * Graph answer is small and read whole, so the chunks are kept as they come instead. Behaves as
 * `request()` + `body.text()` did: same errors, the signal's reason on abort, a leading BOM dropped.
 *
 * It also bounds the attempt: one deadline from dispatch to the last byte (undici's own timeouts
 * only bound each idle gap, so a server trickling bytes was never cut off) and a size cap checked
 * against Content-Length and again as bytes arrive. A bound that runs out settles the attempt at
 * once with BoundExceeded and aborts the request (now, or as soon as it starts).
 */
export class ResponseCollector implements Dispatcher.DispatchHandler {
  private status = 0;
  private rawHeaders: Buffer[] = [];
  private chunks: Buffer[] = [];
  private length = 0;
  private abortRequest: ((error?: Error) => void) | undefined;
  private reason: Error | undefined;
  private settled = false;
  private phase: "connect" | "headers" | "body" = "connect";
  private readonly deadline: NodeJS.Timeout;

  constructor(
    private readonly resolve: (response: RawResponse) => void,
    private readonly reject: (error: unknown) => void,
    private readonly signal: AbortSignal | undefined,
    private readonly bounds: CallBounds,
    private readonly writes?: WriteReport | undefined,
  ) {
    this.deadline = setTimeout(() => this.exceeded("deadline", bounds.deadlineMs), bounds.deadlineMs);
    if (signal === undefined) return;
    if (signal.aborted) this.reason = reasonOf(signal);
    // The collector is its own listener object: no closure per request.
    else signal.addEventListener("abort", this, { once: true });
  }

  /** The signal fired: abort now if the request has started, else as soon as it starts. */
  handleEvent(): void {
    if (this.signal === undefined || this.settled) return;
    this.reason = reasonOf(this.signal);
    this.abortRequest?.(this.reason);
  }

  /** undici calls it just before it writes the request onto its connection. */
  onConnect(abort: (error?: Error) => void): void {
    if (this.reason !== undefined) abort(this.reason);
    else {
      this.abortRequest = abort;
      this.phase = "headers";
      this.writes?.written();
    }
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[]): boolean {
    // 1xx answers are interim: the real one follows.
    if (statusCode < 200) return true;
    this.status = statusCode;
    this.rawHeaders = rawHeaders;
    this.phase = "body";
    if (declaredLength(rawHeaders) > this.bounds.maxResponseBytes) {
      this.exceeded("size", this.bounds.maxResponseBytes);
      return false;
    }
    return true;
  }

  onData(chunk: Buffer): boolean {
    if (this.settled) return false;
    this.length += chunk.length;
    if (this.length > this.bounds.maxResponseBytes) {
      this.exceeded("size", this.bounds.maxResponseBytes);
      return false;
    }
    this.chunks.push(chunk);
    return true;
  }

  onComplete(): void {
    if (this.settle()) this.resolve(new RawResponse(this.status, this.rawHeaders, this.text()));
  }

  onError(error: Error): void {
    if (this.settle()) this.reject(error);
  }

  /** A bound ran out: the caller hears it now; the request is torn down now or once it starts. */
  private exceeded(bound: BoundExceeded["bound"], limit: number): void {
    if (this.settled) return;
    const error = new BoundExceeded(bound, this.phase, limit);
    this.reason = error;
    this.chunks = [];
    this.abortRequest?.(error);
    if (this.settle()) this.reject(error);
  }

  private settle(): boolean {
    if (this.settled) return false;
    this.settled = true;
    // Settled before it was written (refused connection, abort, deadline): it never leaves.
    if (this.phase === "connect") this.writes?.unwritten();
    clearTimeout(this.deadline);
    this.signal?.removeEventListener("abort", this);
    return true;
  }

  private text(): string {
    const { chunks, length } = this;
    if (chunks.length === 0 || length === 0) return "";
    const buffer = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, length);
    const start = buffer.length > 2 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0;
    return buffer.toString("utf8", start);
  }
}

/** The Content-Length the answer declares (-1 when it declares none: chunked or until close). */
function declaredLength(rawHeaders: readonly Buffer[]): number {
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!;
    if (name.length === 14 && name.toString("latin1").toLowerCase() === "content-length") {
      const value = Number(rawHeaders[i + 1]!.toString("latin1"));
      return Number.isFinite(value) ? value : -1;
    }
  }
  return -1;
}

/** As undici's own request(): the signal's reason as given, or its RequestAbortedError. */
function reasonOf(signal: AbortSignal): Error {
  return (signal.reason as Error | undefined) ?? new errors.RequestAbortedError();
}

/** undici's headers are already lower-cased strings except repeated ones (set-cookie): join those. */
function flatten(headers: IncomingHttpHeaders): Record<string, string> {
  for (const key in headers) {
    if (typeof headers[key] !== "string") return copyJoined(headers);
  }
  return headers as Record<string, string>;
}

function copyJoined(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    if (value !== undefined) out[key] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}
