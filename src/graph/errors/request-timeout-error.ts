import { NetworkError, type NetworkErrorInit } from "./network-error.js";

/** Which wait ran out: connecting (never reached the server), or waiting for headers/body. */
export type TimeoutPhase = "connect" | "headers" | "body";

/** A timeout is a network failure whose `reachedServer` follows from the phase. */
export class RequestTimeoutError extends NetworkError {
  readonly phase: TimeoutPhase;
  readonly timeoutMs: number;

  constructor(
    init: Omit<NetworkErrorInit, "reachedServer" | "hint"> & { phase: TimeoutPhase; timeoutMs: number },
  ) {
    const phase = init.phase;
    super(
      phase === "connect"
        ? `could not connect within ${init.timeoutMs} ms`
        : `no ${phase === "headers" ? "response" : "complete response body"} within ${init.timeoutMs} ms`,
      {
        ...init,
        reachedServer: phase === "connect" ? "no" : "maybe",
        hint:
          phase === "connect"
            ? "Check that base_url is reachable from the connector, or raise request_timeout_seconds"
            : "The Graph API is slow or overloaded; raise request_timeout_seconds or lower max_concurrency",
      },
      "ERR_TIMEOUT",
    );
    this.phase = phase;
    this.timeoutMs = init.timeoutMs;
  }
}
