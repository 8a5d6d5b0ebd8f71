import type { IncomingHttpHeaders } from "node:http";
import { parseBody } from "./body/index.js";
import type { RequestLogEntry, RequestLogExchange, RequestLogFilePart, RouteName } from "./types.js";

/** What the Graph handler hands over for an exchange: the request as read and the answer sent. */
export interface ExchangeInput {
  readonly headers: IncomingHttpHeaders;
  readonly query: URLSearchParams;
  readonly raw: Buffer;
  /** The JSON answer, or the text of a raw fault answer. */
  readonly response: unknown;
}

const DEFAULT_EXCHANGE_BYTES = 32 * 1024 * 1024;

/**
 * Every request in order; bounded: past the limit the oldest half is dropped at once. Exchanges
 * (bodies and answers) are kept only when asked for, and only up to a byte budget: past it an
 * entry has no exchange and `uncaptured` counts it, so a test can tell it saw everything.
 */
export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private seq = 0;
  dropped = 0;
  /** Dropped entries by route: a long run's count of sends stays exact once its start is gone. */
  droppedByRoute: Partial<Record<RouteName | "control", number>> = {};
  uncaptured = 0;
  private exchangeBytes = 0;

  constructor(
    private readonly limit: number,
    public exchanges = false,
    private readonly exchangeBudget = DEFAULT_EXCHANGE_BYTES,
  ) {}

  start(method: string, path: string, route: RouteName | "control"): RequestLogEntry {
    this.seq += 1;
    const entry: RequestLogEntry = { seq: this.seq, time: Date.now(), method, path, route, status: 0 };
    if (this.entries.length >= this.limit) {
      const drop = Math.max(1, Math.floor(this.limit / 2));
      const gone = this.entries.splice(0, drop);
      this.dropped += drop;
      for (const e of gone) {
        this.droppedByRoute[e.route] = (this.droppedByRoute[e.route] ?? 0) + 1;
        if (e.exchange !== undefined) this.exchangeBytes -= exchangeSize(e.exchange);
      }
    }
    this.entries.push(entry);
    return entry;
  }

  /** Keeps the request and answer of `entry` when exchanges are on and the budget allows. */
  capture(entry: RequestLogEntry, input: ExchangeInput): void {
    if (!this.exchanges) return;
    const answer = typeof input.response === "string" ? input.response : JSON.stringify(input.response);
    const size = input.raw.length + Buffer.byteLength(answer ?? "");
    if (this.exchangeBytes + size > this.exchangeBudget) {
      this.uncaptured += 1;
      return;
    }
    entry.exchange = readExchange(input, size);
    this.exchangeBytes += size;
  }

  /** Entries with seq greater than `since` (all by default), copied. */
  list(since = 0): RequestLogEntry[] {
    const out: RequestLogEntry[] = [];
    for (const e of this.entries) if (e.seq > since) out.push({ ...e });
    return out;
  }

  clear(): void {
    this.entries = [];
    this.dropped = 0;
    this.droppedByRoute = {};
    this.uncaptured = 0;
    this.exchangeBytes = 0;
  }
}

const SIZES = new WeakMap<RequestLogExchange, number>();

function exchangeSize(exchange: RequestLogExchange): number {
  return SIZES.get(exchange) ?? 0;
}

function credentialOf(
  headers: IncomingHttpHeaders,
  query: URLSearchParams,
): RequestLogExchange["credential"] {
  if (/^bearer\s/i.test(headers.authorization ?? "")) return "bearer";
  return query.has("access_token") ? "query" : "none";
}

function readExchange(input: ExchangeInput, size: number): RequestLogExchange {
  const query: Record<string, string> = {};
  for (const [key, value] of input.query) if (key !== "access_token") query[key] = value;
  const contentType = input.headers["content-type"];
  let body: unknown;
  let bodyKind: RequestLogExchange["bodyKind"];
  const files: Record<string, RequestLogFilePart> = {};
  try {
    const parsed = parseBody(input.raw, contentType);
    bodyKind = parsed.kind;
    body = parsed.kind === "none" ? undefined : parsed.fields;
    for (const [name, file] of parsed.files) {
      files[name] = { filename: file.filename, contentType: file.contentType, bytes: file.data.length };
    }
  } catch {
    bodyKind = "unreadable";
    body = input.raw.toString("utf8");
  }
  const exchange: RequestLogExchange = {
    query,
    credential: credentialOf(input.headers, input.query),
    contentType,
    userAgent: input.headers["user-agent"],
    body,
    bodyKind,
    files,
    response: input.response,
  };
  SIZES.set(exchange, size);
  return exchange;
}
