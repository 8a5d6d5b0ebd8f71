import { describe, expect, it } from "vitest";
import {
  backoffMs,
  classifyGraphError,
  DEFAULT_RETRY,
  decideRetry,
  GraphApiError,
  NetworkError,
  parseAppUsage,
  parseBusinessUseCaseUsage,
  parseGraphErrorEnvelope,
  parseRetryAfter,
  type RetryContext,
  serverWaitMs,
  usageSpacingMs,
} from "../../../src/graph/index.js";

function apiError(
  status: number,
  code: number | undefined,
  headers: Record<string, string> = {},
): GraphApiError {
  const body = code === undefined ? "<html>oops</html>" : { error: { message: "m", code } };
  return new GraphApiError({
    method: "GET",
    url: "u",
    status,
    envelope: parseGraphErrorEnvelope(body),
    body,
    headers,
  });
}

const NOW = 1_000_000;

/** The client's way: classify the failure once, read the server's wait hint, then ask the policy. */
function decide(error: unknown, over: Partial<RetryContext> & { idempotent?: boolean } = {}) {
  const { idempotent = true, ...rest } = over;
  return decideRetry(classifyGraphError(error, { idempotent }), {
    attempt: 1,
    waitedMs: 0,
    settings: DEFAULT_RETRY,
    random: () => 1,
    serverWaitMs: serverWaitMs(error, NOW),
    ...rest,
  });
}

describe("backoff", () => {
  it("grows exponentially with full jitter and a ceiling", () => {
    const s = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1000 };
    expect([1, 2, 3, 4, 5].map((a) => backoffMs(a, s, () => 1))).toEqual([100, 200, 400, 800, 1000]);
    expect(backoffMs(3, s, () => 0)).toBe(0);
    expect(backoffMs(3, s, () => 0.5)).toBe(200);
  });
});

describe("decideRetry", () => {
  it("retries an idempotent transient error with backoff", () => {
    const d = decide(apiError(500, 2), { attempt: 2 });
    expect(d).toMatchObject({ retry: true, delayMs: 1000 });
  });

  it("never retries a non-idempotent call that may have been processed", () => {
    expect(decide(apiError(500, 131000), { idempotent: false }).retry).toBe(false);
    expect(decide(apiError(502, undefined), { idempotent: false }).retry).toBe(false);
    const maybe = new NetworkError("reset", {
      method: "POST",
      url: "u",
      causeCode: "ECONNRESET",
      reachedServer: "maybe",
    });
    const d = decide(maybe, { idempotent: false });
    expect(d.retry).toBe(false);
    expect(d.classification.kind).toBe("ambiguous");
  });

  it("retries a non-idempotent call the server certainly did not process", () => {
    expect(decide(apiError(400, 130429), { idempotent: false }).retry).toBe(true);
    const refused = new NetworkError("refused", {
      method: "POST",
      url: "u",
      causeCode: "ECONNREFUSED",
      reachedServer: "no",
    });
    expect(decide(refused, { idempotent: false }).retry).toBe(true);
  });

  it("does not retry config or reject errors", () => {
    expect(decide(apiError(401, 190)).retry).toBe(false);
    expect(decide(apiError(400, 100)).retry).toBe(false);
  });

  it("honours Retry-After in seconds and as an HTTP date", () => {
    expect(decide(apiError(400, 4, { "retry-after": "7" }), { random: () => 0 })).toMatchObject({
      delayMs: 7000,
    });
    const date = new Date(1_000_000 + 12_000).toUTCString();
    const d = decide(apiError(400, 4, { "retry-after": date }), { random: () => 0 });
    expect(d.retry && d.delayMs).toBeGreaterThanOrEqual(11_000);
    expect(d.retry && d.delayMs).toBeLessThanOrEqual(12_000);
  });

  it("honours estimated_time_to_regain_access (minutes) of x-business-use-case-usage", () => {
    const buc = JSON.stringify({
      "102290129340398": [
        {
          type: "whatsapp_business_management",
          call_count: 100,
          total_cputime: 5,
          total_time: 5,
          estimated_time_to_regain_access: 2,
        },
      ],
    });
    const d = decide(apiError(400, 80007, { "x-business-use-case-usage": buc }), { random: () => 0 });
    expect(d).toMatchObject({ retry: true, delayMs: 120_000 });
  });

  it("waits at least the pause delay after a spam rate limit", () => {
    expect(decide(apiError(400, 131048), { random: () => 0 })).toMatchObject({
      retry: true,
      delayMs: 60_000,
    });
  });

  it("does not wait out a spam rate limit when the caller stops the number instead (spam limit guard)", () => {
    const settings = { ...DEFAULT_RETRY, retryPauses: false };
    expect(decide(apiError(400, 131048), { settings })).toMatchObject({ retry: false });
    // Only the spam rate limit: a throughput limit is still waited out.
    expect(decide(apiError(400, 130429), { settings }).retry).toBe(true);
  });

  it("stops when the retry count or the wait budget is exhausted", () => {
    expect(decide(apiError(500, 2), { attempt: 6 }).retry).toBe(false);
    expect(decide(apiError(500, 2), { attempt: 5 }).retry).toBe(true);
    const d = decide(apiError(400, 4, { "retry-after": "100" }), { waitedMs: 250_000 });
    expect(d.retry).toBe(false);
    expect(d.retry === false && d.why).toContain("retry budget");
  });
});

describe("usage headers", () => {
  it("parses Retry-After", () => {
    expect(parseRetryAfter("3", 0)).toBe(3000);
    expect(parseRetryAfter("garbage", 0)).toBeUndefined();
    expect(parseRetryAfter(undefined, 0)).toBeUndefined();
    expect(parseRetryAfter(new Date(5000).toUTCString(), 10_000)).toBe(0);
  });

  it("parses BUC and app usage, tolerating junk", () => {
    const buc =
      '{"1":[{"type":"whatsapp","call_count":12,"total_cputime":40,"total_time":3,"estimated_time_to_regain_access":0}],"2":[{"call_count":90}]}';
    expect(parseBusinessUseCaseUsage(buc)).toEqual({ maxPercent: 90, regainAccessMs: 0 });
    expect(parseBusinessUseCaseUsage("{not json")).toBeUndefined();
    expect(parseAppUsage('{"call_count":28,"total_time":25,"total_cputime":95}')).toEqual({
      maxPercent: 95,
      regainAccessMs: 0,
    });
  });

  it("spaces management calls only as usage nears 100 %", () => {
    expect(usageSpacingMs(50)).toBe(0);
    expect(usageSpacingMs(75)).toBe(0);
    expect(usageSpacingMs(87.5)).toBe(5000);
    expect(usageSpacingMs(100)).toBe(10_000);
    expect(usageSpacingMs(130)).toBe(10_000);
  });
});
