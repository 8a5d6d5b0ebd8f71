import type { Dispatcher } from "undici";
import type { AttemptOptions } from "../attempt-options.js";
import { type Controller, ForwardingHandler, NOT_STARTED } from "../forwarding-handler.js";
import { flattenHeaders, type ResponseHeaders } from "../response-headers.js";
import type { PacingLane } from "../types.js";
import { readUsage } from "../usage-headers.js";
import type { Pacer } from "./pacer.js";
import type { WriteReport } from "./write-report.js";

/** The caller's signal ended an attempt while it waited for its lane: it never left. */
export class PacingWaitAborted extends Error {
  constructor(readonly reason: unknown) {
    super("aborted while waiting for the pacing lane");
    this.name = "PacingWaitAborted";
  }
}

/**
 * The undici interceptor that paces the connector's Graph calls: an attempt whose options name a
 * lane (`AttemptOptions.pacing`) waits for the lane's grant (or takes one held for it), a paced
 * send then waits for room in its lane's window of writes and tells the lane when undici writes
 * it onto its connection (or that it never will), and the usage headers of a management answer
 * space the WABA's next calls. Unpaced attempts go straight through.
 */
export function pacedDispatch(pacer: Pacer): Dispatcher.DispatcherComposeInterceptor {
  return (dispatch) => (opts, handler) => {
    const { pacing: lane, signal } = opts as AttemptOptions;
    if (lane === undefined || lane.kind === "none") return dispatch(opts, handler);
    const refused = (reason: unknown) =>
      handler.onResponseError?.(NOT_STARTED, new PacingWaitAborted(reason));
    const go = (): boolean => {
      if (lane.kind === "management")
        return dispatch(opts, new PacedHandler(handler, undefined, pacer, lane));
      const write = (report: WriteReport | undefined) =>
        dispatch(opts, report === undefined ? handler : new PacedHandler(handler, report, undefined, lane));
      const slot = pacer.writeSlot(lane, signal);
      if (!(slot instanceof Promise)) return write(slot);
      slot.then(write, refused);
      return true;
    };
    if (lane.kind === "send" && pacer.takeReserved(lane)) return go();
    const wait = pacer.acquire(lane, signal);
    if (wait === null) return go();
    wait.then(go, refused);
    return true;
  };
}

/** The handler of a granted attempt: reports to its lane, passes everything on unchanged. */
class PacedHandler extends ForwardingHandler {
  private started = false;

  constructor(
    inner: Dispatcher.DispatchHandler,
    /** A paced send's lane, told when the request is written. */
    private readonly writes: WriteReport | undefined,
    /** For a management call: the pacer its answer's usage headers go to. */
    private readonly usage: Pacer | undefined,
    private readonly lane: PacingLane,
  ) {
    super(inner);
  }

  override onRequestStart(controller: Controller, context: unknown): void {
    this.started = true;
    this.writes?.written();
    super.onRequestStart(controller, context);
  }

  /** A management answer's usage headers space the WABA's next calls. */
  override onResponseStart(...event: Parameters<ForwardingHandler["onResponseStart"]>): void {
    const [, status, headers] = event;
    if (this.usage !== undefined && status >= 200) this.reportUsage(headers);
    super.onResponseStart(...event);
  }

  override onResponseError(controller: Controller, error: Error): void {
    // Failed before undici wrote it (a refused connection, an abort or deadline while queued).
    if (!this.started) this.writes?.unwritten();
    super.onResponseError(controller, error);
  }

  private reportUsage(headers: ResponseHeaders): void {
    if (headers["x-business-use-case-usage"] === undefined && headers["x-app-usage"] === undefined) return;
    const usage = readUsage(flattenHeaders(headers));
    if (usage !== undefined) this.usage?.usageReported(this.lane, usage.maxPercent);
  }
}
