import { type Dispatcher, Pool } from "undici";

type IncomingHttpHeaders = Dispatcher.ResponseData["headers"];

export interface TransportOptions {
  readonly connections: number;
  readonly requestTimeoutMs: number;
  readonly connectTimeoutMs: number;
}

export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly text: string;
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

  async send(req: RawRequest): Promise<RawResponse> {
    const res = await this.pool(req.origin).request({
      method: req.method,
      path: req.path,
      headers: req.headers,
      body: req.body,
      signal: req.signal,
    });
    const text = await res.body.text();
    return { status: res.statusCode, headers: flatten(res.headers), text };
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
