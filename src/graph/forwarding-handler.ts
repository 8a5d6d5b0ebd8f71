import type { Dispatcher } from "undici";
import type { ResponseHeaders } from "./response-headers.js";

export type Controller = Dispatcher.DispatchController;

/**
 * A dispatch handler that passes every event on to `inner` unchanged: the handlers of the
 * transport's interceptors extend it and override the events they act on (undici's own
 * DecoratorHandler is deprecated).
 */
export class ForwardingHandler implements Dispatcher.DispatchHandler {
  constructor(protected readonly inner: Dispatcher.DispatchHandler) {}

  onRequestStart(controller: Controller, context: unknown): void {
    this.inner.onRequestStart?.(controller, context);
  }

  onResponseStart(controller: Controller, status: number, headers: ResponseHeaders, message?: string): void {
    this.inner.onResponseStart?.(controller, status, headers, message);
  }

  onResponseData(controller: Controller, chunk: Buffer): void {
    this.inner.onResponseData?.(controller, chunk);
  }

  onResponseEnd(controller: Controller, trailers: ResponseHeaders): void {
    this.inner.onResponseEnd?.(controller, trailers);
  }

  onResponseError(controller: Controller, error: Error): void {
    this.inner.onResponseError?.(controller, error);
  }
}

/**
 * The controller an interceptor hands a handler that fails before undici started its request
 * (a pacing wait aborted, a deadline run out in the pool's queue): there is nothing to control.
 */
export const NOT_STARTED: Controller = {
  aborted: true,
  paused: false,
  reason: null,
  abort() {},
  pause() {},
  resume() {},
};
