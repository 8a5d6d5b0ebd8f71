import { Pool } from "undici";
import { type RawResponse, ResponseCollector } from "./response-collector.js";

export interface TransportOptions {
  readonly connections: number;
  readonly requestTimeoutMs: number;
  readonly connectTimeoutMs: number;
}

export interface RawRequest {
  readonly origin: string;
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string | Buffer | undefined;
  readonly signal: AbortSignal | undefined;
}

/** One keep-alive undici Pool per origin; each answer's body is read in full so its socket is reused. */
export class Transport {
  private readonly pools = new Map<string, Pool>();
  private readonly options: TransportOptions;

  constructor(options: TransportOptions) {
    this.options = options;
  }

  send(req: RawRequest): Promise<RawResponse> {
    return new Promise((resolve, reject) => {
      this.pool(req.origin).dispatch(
        { method: req.method, path: req.path, headers: req.headers, body: req.body },
        new ResponseCollector(resolve, reject, req.signal),
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
        headersTimeout: this.options.requestTimeoutMs,
        bodyTimeout: this.options.requestTimeoutMs,
        connect: { timeout: this.options.connectTimeoutMs },
      });
      this.pools.set(origin, pool);
    }
    return pool;
  }
}
