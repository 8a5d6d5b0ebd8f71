import { NetworkError, type NetworkErrorInit } from "./network-error.js";

/**
 * Where the call's deadline caught it: before the request was written (connecting, or waiting for
 * a connection: never reached the server), waiting for the answer's headers, or reading its body.
 */
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
            ? "Check that the server is reachable from the connector, or allow a longer request timeout"
            : "The server is slow or overloaded; allow a longer request timeout or make fewer calls at once",
      },
      "ERR_TIMEOUT",
    );
    this.phase = phase;
    this.timeoutMs = init.timeoutMs;
  }
}
