import { type CallBounds, MAX_RESPONSE_BYTES, MAX_RESPONSE_HEADER_BYTES } from "./call-bounds.js";
import { type AddressPolicy, guardedConnector } from "./connect-guard.js";
import type { WriteReport } from "./pacing/write-report.js";
import { type RawResponse, ResponseCollector } from "./response-collector.js";
import { Pool } from "./undici-parts.js";

export interface TransportOptions {
  /** Connections per origin (pipelining 1). */
  readonly connections: number;
  /** The overall deadline of one attempt: connect, headers and the whole body. */
  readonly requestTimeoutMs: number;
  readonly connectTimeoutMs: number;
  /** Default MAX_RESPONSE_BYTES. */
  readonly maxResponseBytes?: number;
  readonly addresses: AddressPolicy;
}

export interface RawRequest {
  readonly origin: string;
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string | Buffer | Uint8Array | undefined;
  readonly signal: AbortSignal | undefined;
  /** Told when the request goes onto its connection, or that it never will (paced sends). */
  readonly writes?: WriteReport | undefined;
}

/**
 * The one HTTP path of the connector (Graph API and response webhook alike): one keep-alive undici
 * Pool per origin whose every connection passes the address guard, and every answer read in full
 * (so its socket is reused) within the attempt's deadline and size cap.
 */
export class Transport {
  private readonly pools = new Map<string, Pool>();
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
    return new Promise((resolve, reject) => {
      this.pool(req.origin).dispatch(
        { method: req.method, path: req.path, headers: req.headers, body: req.body },
        new ResponseCollector(resolve, reject, req.signal, this.bounds, req.writes),
      );
    });
  }

  async close(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((pool) => pool.close()));
  }

  private pool(origin: string): Pool {
    let pool = this.pools.get(origin);
    if (pool === undefined) {
      pool = new Pool(origin, {
        connections: this.options.connections,
        pipelining: 1,
        maxHeaderSize: MAX_RESPONSE_HEADER_BYTES,
        // The collector's deadline bounds the whole attempt; these only end a silent socket early.
        headersTimeout: this.options.requestTimeoutMs,
        bodyTimeout: this.options.requestTimeoutMs,
        connect: guardedConnector(this.options.addresses, { timeoutMs: this.options.connectTimeoutMs }),
      });
      this.pools.set(origin, pool);
    }
    return pool;
  }
}
