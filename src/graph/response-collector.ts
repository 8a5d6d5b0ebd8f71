import type { Dispatcher } from "undici";
import { flattenHeaders, type ResponseHeaders } from "./response-headers.js";

/** An answer read in full. Its headers are flattened on first read: a plain send never reads them. */
export class RawResponse {
  private flat: Record<string, string> | undefined;

  constructor(
    readonly status: number,
    private readonly parsedHeaders: ResponseHeaders,
    readonly text: string,
  ) {}

  get headers(): Record<string, string> {
    this.flat ??= flattenHeaders(this.parsedHeaders);
    return this.flat;
  }
}

/**
 * The undici dispatch handler that reads one answer in full into a string, at the end of the
 * transport's interceptors (which bound the attempt and pace it). `request()` would wrap every
 * answer in a body stream, an async resource and two promises before `text()`; every answer the
 * connector reads is small and read whole, so the chunks are kept as they come instead. A
 * leading BOM is dropped, as `body.text()` drops it.
 */
export class ResponseCollector implements Dispatcher.DispatchHandler {
  private status = 0;
  private headers: ResponseHeaders = {};
  private chunks: Buffer[] = [];
  private length = 0;

  constructor(
    private readonly resolve: (response: RawResponse) => void,
    private readonly reject: (error: unknown) => void,
  ) {}

  /** undici 7 takes a handler without it for one of its older API (it would never settle). */
  onRequestStart(): void {}

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: ResponseHeaders,
  ): void {
    this.status = statusCode;
    this.headers = headers;
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.length += chunk.length;
    this.chunks.push(chunk);
  }

  onResponseEnd(): void {
    this.resolve(new RawResponse(this.status, this.headers, this.text()));
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.chunks = [];
    this.reject(error);
  }

  private text(): string {
    const { chunks, length } = this;
    if (chunks.length === 0 || length === 0) return "";
    const buffer = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, length);
    const start = buffer.length > 2 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0;
    return buffer.toString("utf8", start);
  }
}
