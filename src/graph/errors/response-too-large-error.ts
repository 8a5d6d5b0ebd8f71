import { NetworkError, type NetworkErrorInit } from "./network-error.js";

/**
 * The answer was larger than any real Graph or webhook answer can be. The server did answer, so
 * the call may have been processed: a send is ambiguous, an idempotent call may be repeated.
 */
export class ResponseTooLargeError extends NetworkError {
  readonly limitBytes: number;

  constructor(init: Omit<NetworkErrorInit, "reachedServer" | "hint"> & { limitBytes: number }) {
    super(
      `the answer was larger than ${init.limitBytes} bytes and was cut off`,
      {
        ...init,
        reachedServer: "maybe",
        hint: "No real Graph API or webhook answer is this large; check that the URL points at the right server",
      },
      "ERR_RESPONSE_TOO_LARGE",
    );
    this.limitBytes = init.limitBytes;
  }
}
