import { type Dispatcher, errors } from "undici";
import type { AttemptOptions } from "./attempt-options.js";
import { BoundExceeded, type CallBounds } from "./call-bounds.js";
import type { TimeoutPhase } from "./errors/request-timeout-error.js";
import { type Controller, ForwardingHandler, NOT_STARTED } from "./forwarding-handler.js";
import type { ResponseHeaders } from "./response-headers.js";

/**
 * The undici interceptor that bounds every attempt from its dispatch (after any pacing wait) to
 * its last byte: one deadline (undici's own timeouts only bound each idle gap, so a server
 * trickling bytes is never cut off by them), a size cap checked against Content-Length and again
 * as bytes arrive, and the caller's abort signal (`AttemptOptions.signal`). A bound that runs out
 * settles the attempt at once with BoundExceeded and aborts the request, now or as soon as undici
 * starts it; the signal aborts it the same way and settles it with the signal's reason.
 */
export function boundedAttempt(bounds: CallBounds): Dispatcher.DispatcherComposeInterceptor {
  return (dispatch) => (opts, handler) =>
    dispatch(opts, new BoundedHandler(handler, bounds, (opts as AttemptOptions).signal));
}

class BoundedHandler extends ForwardingHandler {
  private controller: Controller | undefined;
  private reason: Error | undefined;
  private settled = false;
  private phase: TimeoutPhase = "connect";
  private length = 0;
  private readonly deadline: NodeJS.Timeout;

  constructor(
    inner: Dispatcher.DispatchHandler,
    private readonly bounds: CallBounds,
    private readonly signal: AbortSignal | undefined,
  ) {
    super(inner);
    this.deadline = setTimeout(onDeadline, bounds.deadlineMs, this);
    if (signal === undefined) return;
    if (signal.aborted) this.reason = reasonOf(signal);
    // The handler is its own listener object: no closure per request.
    else signal.addEventListener("abort", this, { once: true });
  }

  /** The signal fired: abort now if the request has started, else as soon as it starts. */
  handleEvent(): void {
    if (this.signal === undefined || this.settled) return;
    this.reason = reasonOf(this.signal);
    this.controller?.abort(this.reason);
  }

  /** undici calls it just before it writes the request onto its connection. */
  override onRequestStart(controller: Controller, context: unknown): void {
    if (this.reason !== undefined) {
      controller.abort(this.reason);
      return;
    }
    this.controller = controller;
    this.phase = "headers";
    super.onRequestStart(controller, context);
  }

  override onResponseStart(
    controller: Controller,
    status: number,
    headers: ResponseHeaders,
    message?: string,
  ) {
    // 1xx answers are interim: the real one follows.
    if (this.settled || status < 200) return;
    this.phase = "body";
    if (declaredLength(headers) > this.bounds.maxResponseBytes) {
      this.exceeded("size", this.bounds.maxResponseBytes);
      return;
    }
    super.onResponseStart(controller, status, headers, message);
  }

  override onResponseData(controller: Controller, chunk: Buffer): void {
    if (this.settled) return;
    this.length += chunk.length;
    if (this.length > this.bounds.maxResponseBytes) {
      this.exceeded("size", this.bounds.maxResponseBytes);
      return;
    }
    super.onResponseData(controller, chunk);
  }

  override onResponseEnd(controller: Controller, trailers: ResponseHeaders): void {
    if (this.settle()) super.onResponseEnd(controller, trailers);
  }

  override onResponseError(controller: Controller, error: Error): void {
    if (this.settle()) super.onResponseError(controller, error);
  }

  deadlineRanOut(): void {
    this.exceeded("deadline", this.bounds.deadlineMs);
  }

  /** A bound ran out: the caller hears it now; the request is torn down now or once it starts. */
  private exceeded(bound: BoundExceeded["bound"], limit: number): void {
    if (this.settled) return;
    const error = new BoundExceeded(bound, this.phase, limit);
    this.reason = error;
    this.controller?.abort(error);
    if (this.settle()) super.onResponseError(this.controller ?? NOT_STARTED, error);
  }

  private settle(): boolean {
    if (this.settled) return false;
    this.settled = true;
    clearTimeout(this.deadline);
    this.signal?.removeEventListener("abort", this);
    return true;
  }
}

function onDeadline(handler: BoundedHandler): void {
  handler.deadlineRanOut();
}

/** The Content-Length the answer declares (-1 when it declares none: chunked or until close). */
function declaredLength(headers: ResponseHeaders): number {
  const value = headers["content-length"];
  if (typeof value !== "string") return -1;
  const length = Number(value);
  return Number.isFinite(length) ? length : -1;
}

/** As undici's own request(): the signal's reason as given, or its RequestAbortedError. */
function reasonOf(signal: AbortSignal): Error {
  return (signal.reason as Error | undefined) ?? new errors.RequestAbortedError();
}
