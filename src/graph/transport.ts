import { type Dispatcher, Pool } from "undici";
import type { AttemptOptions } from "./attempt-options.js";
import { boundedAttempt } from "./bounded-attempt.js";
import { type CallBounds, MAX_RESPONSE_BYTES, MAX_RESPONSE_HEADER_BYTES } from "./call-bounds.js";
import { type AddressPolicy, guardedConnector } from "./connect-guard.js";
import { pacedDispatch } from "./pacing/paced-dispatch.js";
import type { Pacer } from "./pacing/pacer.js";
import { type RawResponse, ResponseCollector } from "./response-collector.js";
import type { PacingLane } from "./types.js";

export interface TransportOptions {
  /** Connections per origin (pipelining 1). */
  readonly connections: number;
  /** The overall deadline of one attempt: connect, headers and the whole body. */
  readonly requestTimeoutMs: number;
  readonly connectTimeoutMs: number;
  /** Default MAX_RESPONSE_BYTES. */
  readonly maxResponseBytes?: number;
  readonly addresses: AddressPolicy;
  /** Paces the requests that name a lane (the Graph client's); none for the response webhook. */
  readonly pacer?: Pacer;
}

export interface RawRequest {
  readonly origin: string;
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string | Buffer | Uint8Array | undefined;
  readonly signal: AbortSignal | undefined;
  /** The lane the request waits in; needs a Transport made with a pacer. */
  readonly pacing?: PacingLane;
}

interface Origin {
  readonly pool: Pool;
  /** The pool's dispatch behind the transport's interceptors. */
  readonly dispatch: Dispatcher.Dispatch;
}

/**
 * The one HTTP path of the connector (Graph API and response webhook alike): one keep-alive undici
 * Pool per origin whose every connection passes the address guard, composed with the
 * interceptors every attempt goes through: pacing (when the transport has a pacer), then its
 * bounds (deadline, size cap, abort signal). Every answer is read in full (so its socket is
 * reused) by a ResponseCollector.
 */
export class Transport {
  private readonly origins = new Map<string, Origin>();
  private readonly options: TransportOptions;
  private readonly bounds: CallBounds;

  constructor(options: TransportOptions) {
    this.options = options;
    this.bounds = {
      deadlineMs: options.requestTimeoutMs,
      maxResponseBytes: options.maxResponseBytes ?? MAX_RESPONSE_BYTES,
    };
  }

  get requestTimeoutMs(): number {
    return this.options.requestTimeoutMs;
  }

  get connectTimeoutMs(): number {
    return this.options.connectTimeoutMs;
  }

  get maxResponseBytes(): number {
    return this.bounds.maxResponseBytes;
  }

  send(req: RawRequest): Promise<RawResponse> {
    const attempt: AttemptOptions = {
      method: req.method as Dispatcher.HttpMethod,
      path: req.path,
      headers: req.headers,
      body: req.body ?? null,
      signal: req.signal,
      pacing: req.pacing,
    };
    return new Promise((resolve, reject) => {
      this.origin(req.origin).dispatch(attempt, new ResponseCollector(resolve, reject));
    });
  }

  async close(): Promise<void> {
    const origins = [...this.origins.values()];
    this.origins.clear();
    await Promise.all(origins.map((origin) => origin.pool.close()));
  }

  private origin(url: string): Origin {
    let origin = this.origins.get(url);
    if (origin === undefined) {
      const pool = new Pool(url, {
        connections: this.options.connections,
        pipelining: 1,
        maxHeaderSize: MAX_RESPONSE_HEADER_BYTES,
        // The bounds interceptor's deadline bounds the whole attempt; these only end a silent socket early.
        headersTimeout: this.options.requestTimeoutMs,
        bodyTimeout: this.options.requestTimeoutMs,
        connect: guardedConnector(this.options.addresses, { timeoutMs: this.options.connectTimeoutMs }),
      });
      // compose() runs the last interceptor first: pacing waits, then the bounds start.
      const interceptors = [boundedAttempt(this.bounds)];
      if (this.options.pacer !== undefined) interceptors.push(pacedDispatch(this.options.pacer));
      const composed = pool.compose(interceptors);
      origin = { pool, dispatch: composed.dispatch.bind(composed) };
      this.origins.set(url, origin);
    }
    return origin;
  }
}
