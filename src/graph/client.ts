import { setTimeout as delay } from "node:timers/promises";
import { classificationOf, classify, classifyAnswer } from "./classify.js";
import { GraphApiError } from "./errors/graph-api-error.js";
import { parseGraphErrorEnvelope } from "./errors/graph-envelope.js";
import { RequestAbortedError } from "./errors/request-aborted-error.js";
import { UnexpectedAnswerError } from "./errors/unexpected-answer-error.js";
import { answerHolds } from "./expected-answer.js";
import { type TransportFailure, toNetworkError } from "./network-failure.js";
import { PacingWaitAborted } from "./pacing/paced-dispatch.js";
import { Pacer } from "./pacing/pacer.js";
import { RECIPIENT_HOLD_MS } from "./pacing/tuning.js";
import { buildHeaders, decodeBody, encodeBody } from "./request-encoding.js";
import { UrlBuilder } from "./request-url.js";
import { DEFAULT_RETRY, decideRetry, type RetrySettings, serverWaitMs } from "./retry-policy.js";
import { Transport } from "./transport.js";
import type { ClientStats, GraphClientOptions, GraphRequest, GraphResponse, PacingLane } from "./types.js";

type CallError = GraphApiError | TransportFailure | UnexpectedAnswerError;

/**
 * The Graph API client every operation uses: paced, retried, typed errors. One instance per sync;
 * `close()` ends its connection pools. Each attempt names its pacing lane and the transport's
 * pacing interceptor holds it to the lane; the client feeds Meta's throttling answers back.
 */
export class GraphClient {
  private readonly transport: Transport;
  private readonly urls: UrlBuilder;
  private readonly pacer: Pacer;
  private readonly retry: RetrySettings;
  private readonly fixedHeaders: { readonly authorization: string; readonly userAgent: string };
  private readonly token: string;
  private readonly requestTimeoutMs: number;
  private readonly connectTimeoutMs: number;
  private readonly random: () => number;
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private requests = 0;
  private retries = 0;
  private rateLimited = 0;

  constructor(options: GraphClientOptions) {
    this.token = options.accessToken;
    this.urls = new UrlBuilder(options.baseUrl, options.apiVersion);
    this.requestTimeoutMs = options.requestTimeoutMs;
    this.connectTimeoutMs = options.connectTimeoutMs ?? Math.min(options.requestTimeoutMs, 10_000);
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms, signal) => delay(ms, undefined, signal ? { signal } : undefined));
    this.pacer = new Pacer({ now: this.now, sleep: this.sleep }, options.pacing);
    this.transport = new Transport({
      connections: Math.max(1, options.maxConcurrency),
      requestTimeoutMs: this.requestTimeoutMs,
      connectTimeoutMs: this.connectTimeoutMs,
      ...(options.maxResponseBytes === undefined ? {} : { maxResponseBytes: options.maxResponseBytes }),
      addresses: options.addresses ?? { trustedEndpoints: [options.baseUrl] },
      pacer: this.pacer,
    });
    this.fixedHeaders = { authorization: `Bearer ${options.accessToken}`, userAgent: options.userAgent };
    this.retry = {
      maxRetries: options.retry.maxRetries,
      maxRetryWaitMs: options.retry.maxRetryWaitMs,
      baseDelayMs: options.retry.baseDelayMs ?? DEFAULT_RETRY.baseDelayMs,
      maxDelayMs: options.retry.maxDelayMs ?? DEFAULT_RETRY.maxDelayMs,
      pauseDelayMs: options.retry.pauseDelayMs ?? DEFAULT_RETRY.pauseDelayMs,
      retryPauses: options.retry.retryPauses ?? DEFAULT_RETRY.retryPauses,
    };
  }

  /**
   * A send's pacing grant taken before its request (see Pacer.reserve): the lane's next request
   * uses it. Null when granted at once; rejects when `signal` ends the wait.
   */
  reservePace(
    lane: Extract<PacingLane, { readonly kind: "send" }>,
    signal?: AbortSignal,
  ): Promise<number> | null {
    return this.pacer.reserve(lane, signal);
  }

  /** Sends per second of every send lane in use, together (Pacer.sendLanesRate). */
  sendLanesRate(): number {
    return this.pacer.sendLanesRate();
  }

  /** A grant from `reservePace` that no request will use. */
  releasePace(lane: Extract<PacingLane, { readonly kind: "send" }>): void {
    this.pacer.release(lane);
  }

  /**
   * Resolves with a 2xx answer; otherwise throws a GraphApiError / NetworkError / RequestAbortedError.
   * `signal`, when given, takes the place of `req.signal`.
   */
  async request(req: GraphRequest, signal: AbortSignal | undefined = req.signal): Promise<GraphResponse> {
    const target =
      req.url !== undefined
        ? this.urls.absolute(req.url, req.query)
        : this.urls.versioned(req.path ?? "", req.query);
    const url = this.scrub(target.reported);
    const encoded = encodeBody(req.body);
    const headers = buildHeaders(this.fixedHeaders, encoded.contentType, req.headers);
    this.requests++;
    let attempt = 0;
    let waitedMs = 0;
    for (;;) {
      attempt++;
      if (signal?.aborted)
        throw withAttempts(new RequestAbortedError(req.method, url, signal.reason), attempt - 1);
      let error: CallError;
      try {
        const raw = await this.transport.send({
          origin: target.origin,
          method: req.method,
          path: target.pathAndQuery,
          headers,
          body: encoded.payload,
          signal,
          pacing: req.pacing,
        });
        const body = decodeBody(raw.text, () => raw.headers["content-type"]);
        const success = raw.status >= 200 && raw.status < 300;
        if (success && (req.expect === undefined || answerHolds(req.expect, body))) {
          // Headers stay as undici parsed them until someone reads them (operations seldom do).
          return {
            status: raw.status,
            get headers() {
              return raw.headers;
            },
            body,
            attempts: attempt,
            url,
          };
        }
        if (success) {
          const init = { method: req.method, url, status: raw.status, body, expected: req.expect! };
          error = classify(new UnexpectedAnswerError(init), req.idempotent);
        } else {
          const apiError = this.apiError(req, url, raw.status, raw.headers, body);
          this.throttleFeedback(req.pacing, apiError);
          error = apiError;
        }
      } catch (cause) {
        // Aborted while it waited for its lane: this attempt never happened.
        if (cause instanceof PacingWaitAborted)
          throw withAttempts(new RequestAbortedError(req.method, url, cause.reason), attempt - 1);
        error = classify(
          toNetworkError(cause, {
            method: req.method,
            url,
            requestTimeoutMs: this.requestTimeoutMs,
            connectTimeoutMs: this.connectTimeoutMs,
          }),
          req.idempotent,
        );
        if (error.message.includes(this.token)) error.message = this.scrub(error.message);
      }
      if (error instanceof RequestAbortedError) throw withAttempts(error, attempt);
      const decision = decideRetry(classificationOf(error), {
        attempt,
        waitedMs,
        settings: this.retry,
        random: this.random,
        serverWaitMs: serverWaitMs(error, this.now()),
      });
      if (!decision.retry) throw withAttempts(error, attempt);
      this.retries++;
      try {
        await this.sleep(decision.delayMs, signal);
      } catch (cause) {
        throw withAttempts(new RequestAbortedError(req.method, url, cause), attempt);
      }
      waitedMs += decision.delayMs;
    }
  }

  stats(): ClientStats {
    return {
      requests: this.requests,
      retries: this.retries,
      rateLimited: this.rateLimited,
      pacedMs: this.pacer.pausedMs,
    };
  }

  async close(): Promise<void> {
    await this.transport.close();
  }

  /** A non-2xx answer as an error that carries the one classification of it. */
  private apiError(
    req: GraphRequest,
    url: string,
    status: number,
    headers: Record<string, string>,
    body: unknown,
  ): GraphApiError {
    const envelope = parseGraphErrorEnvelope(body);
    const error = new GraphApiError({
      method: req.method,
      url,
      status,
      envelope,
      body,
      headers,
      classification: classifyAnswer(envelope, status, req.idempotent),
    });
    if (error.message.includes(this.token)) error.message = this.scrub(error.message);
    return error;
  }

  /** Meta's throttling answers adjust the lanes so that the other calls slow down too. */
  private throttleFeedback(lane: PacingLane, error: GraphApiError): void {
    const code = error.graphCode;
    if (code === undefined || error.classification?.kind !== "rate_limit") return;
    this.rateLimited++;
    const wait = serverWaitMs(error, this.now());
    if (lane.kind === "send" && code === 131056) {
      this.pacer.holdRecipient(lane.phoneNumberId, lane.recipient, Math.max(wait, RECIPIENT_HOLD_MS));
    } else {
      if (lane.kind === "send" && code === 130429) this.pacer.throughputExceeded(lane.phoneNumberId);
      if (wait > 0) this.pacer.blockLane(lane, wait);
    }
  }

  private scrub(text: string): string {
    return this.token !== "" && text.includes(this.token) ? text.replaceAll(this.token, "REDACTED") : text;
  }
}

function withAttempts<E extends CallError>(error: E, attempts: number): E {
  error.attempts = Math.max(1, attempts);
  return error;
}
