import type { GraphClientOptions } from "../../../../src/graph/index.js";

export const TOKEN = "EAAG-SECRET-TOKEN-0123456789";

/**
 * Options for a client against a local server, on a virtual clock: sleeping records the wait and
 * moves the clock forward at once, so retry and pacing waits cost no real time.
 */
export function clientOptions(
  baseUrl: string,
  over: Partial<GraphClientOptions> = {},
): GraphClientOptions & {
  slept: number[];
} {
  const slept: number[] = [];
  let t = 1_700_000_000_000;
  return {
    baseUrl,
    apiVersion: "v23.0",
    accessToken: TOKEN,
    userAgent: "destination-whatsapp-flows/9.9.9",
    requestTimeoutMs: 5_000,
    maxConcurrency: 4,
    retry: { maxRetries: 3, maxRetryWaitMs: 300_000 },
    pacing: { messagesPerSecond: 0 },
    random: () => 0.5,
    now: () => t,
    sleep: async (ms) => {
      slept.push(ms);
      t += ms;
    },
    slept,
    ...over,
  };
}
