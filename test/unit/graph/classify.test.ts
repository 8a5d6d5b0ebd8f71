import { describe, expect, it } from "vitest";
import {
  classifyGraphError,
  GraphApiError,
  NetworkError,
  parseGraphErrorEnvelope,
  RequestAbortedError,
} from "../../../src/graph/index.js";

function apiError(status: number, body: unknown): GraphApiError {
  return new GraphApiError({
    method: "POST",
    url: "http://127.0.0.1/v23.0/1/messages",
    status,
    envelope: parseGraphErrorEnvelope(body),
    body,
    headers: {},
  });
}

const env = (code: number, message: string, extra: Record<string, unknown> = {}) => ({
  error: { message, type: "OAuthException", code, fbtrace_id: "A1b2C3", ...extra },
});

// Envelopes shaped as in Meta's Cloud API error-code docs and the Flows Postman collection.
const TABLE: [string, number, unknown, string, string][] = [
  // [name, http status, body, kind when idempotent, kind when not idempotent]
  [
    "expired token 190",
    401,
    env(190, "Error validating access token: Session has expired", { error_subcode: 463 }),
    "config",
    "config",
  ],
  ["auth 0", 401, env(0, "(#0) AuthException"), "config", "config"],
  [
    "permission 10",
    403,
    env(10, "(#10) Application does not have permission for this action"),
    "config",
    "config",
  ],
  ["permission 200", 403, env(200, "(#200) Permissions error"), "config", "config"],
  ["permission 299", 403, env(299, "(#299) Permission"), "config", "config"],
  ["policy 368", 400, env(368, "Temporarily blocked for policies violations"), "config", "config"],
  ["account locked 131031", 400, env(131031, "(#131031) Business Account locked"), "config", "config"],
  ["payment 131042", 400, env(131042, "(#131042) Business eligibility payment issue"), "config", "config"],
  ["payment 134011", 400, env(134011, "(#134011) Payment issue"), "config", "config"],
  ["integrity 139000", 400, env(139000, "Blocked by Integrity"), "config", "config"],
  [
    "app rate limit 4",
    400,
    env(4, "(#4) Application request limit reached", { is_transient: true }),
    "rate_limit",
    "rate_limit",
  ],
  ["user rate limit 17", 400, env(17, "(#17) User request limit reached"), "rate_limit", "rate_limit"],
  ["rate limit 32", 400, env(32, "(#32) Page request limit reached"), "rate_limit", "rate_limit"],
  [
    "rate limit 613",
    400,
    env(613, "(#613) Calls to this api have exceeded the rate limit."),
    "rate_limit",
    "rate_limit",
  ],
  ["WABA rate limit 80007", 400, env(80007, "(#80007) Rate limit issues"), "rate_limit", "rate_limit"],
  [
    "throughput 130429",
    400,
    env(130429, "(#130429) Rate limit hit", {
      error_data: {
        messaging_product: "whatsapp",
        details:
          "Message failed to send because there were too many messages sent from this phone number in a short period of time",
      },
      error_subcode: 2494055,
    }),
    "rate_limit",
    "rate_limit",
  ],
  [
    "pair rate 131056",
    400,
    env(131056, "(#131056) (Business Account, Consumer Account) pair rate limit hit"),
    "rate_limit",
    "rate_limit",
  ],
  ["spam 131048", 400, env(131048, "(#131048) Spam rate limit hit"), "pause", "pause"],
  ["unknown 1", 500, env(1, "An unknown error occurred", { is_transient: true }), "transient", "ambiguous"],
  [
    "service 2",
    503,
    env(2, "An unexpected error has occurred. Please retry your request later.", { is_transient: true }),
    "transient",
    "ambiguous",
  ],
  [
    "something went wrong 131000",
    500,
    env(131000, "(#131000) Something went wrong"),
    "transient",
    "ambiguous",
  ],
  ["unavailable 131016", 503, env(131016, "(#131016) Service unavailable"), "transient", "ambiguous"],
  [
    "server unavailable 133004",
    503,
    env(133004, "(#133004) Server Temporarily Unavailable"),
    "transient",
    "ambiguous",
  ],
  [
    "is_transient unknown code",
    400,
    env(987654, "Something odd", { is_transient: true }),
    "transient",
    "ambiguous",
  ],
  [
    "unknown flow id 100/33",
    400,
    env(100, "Unsupported post request. Object with ID '123' does not exist", {
      type: "GraphMethodException",
      error_subcode: 33,
    }),
    "reject",
    "reject",
  ],
  [
    "invalid parameter 100",
    400,
    env(100, "(#100) Invalid parameter", {
      error_user_title: "Flow name not unique",
      error_user_msg: "A flow with this name already exists",
    }),
    "reject",
    "reject",
  ],
  ["missing param 131008", 400, env(131008, "(#131008) Required parameter is missing"), "reject", "reject"],
  ["param value 131009", 400, env(131009, "(#131009) Parameter value is not valid"), "reject", "reject"],
  ["undeliverable 131026", 400, env(131026, "Message Undeliverable"), "reject", "reject"],
  ["re-engagement 131047", 400, env(131047, "Re-engagement message"), "reject", "reject"],
  ["unsupported type 131051", 400, env(131051, "Unsupported message type"), "reject", "reject"],
  ["flow blocked 132068", 400, env(132068, "Flow is in blocked state"), "reject", "reject"],
  ["flow throttled 132069", 400, env(132069, "Flow is in throttled state"), "reject", "reject"],
  ["flow publish 139002", 400, env(139002, "Publishing Flow failed"), "reject", "reject"],
  ["flow 139001", 400, env(139001, "Flow can't be updated"), "reject", "reject"],
  ["unknown 4xx code", 400, env(424242, "Something about this record"), "reject", "reject"],
  ["unknown 5xx code", 500, env(424242, "Internal"), "transient", "ambiguous"],
  ["HTML 502 from a proxy", 502, "<html><body>Bad Gateway</body></html>", "transient", "ambiguous"],
  ["HTTP 429 without envelope", 429, "Too Many Requests", "rate_limit", "rate_limit"],
  ["HTML 404 (wrong base_url)", 404, "<html>Not Found</html>", "config", "config"],
];

describe("is_transient: true on a code that rejects", () => {
  const transient139001 = () =>
    apiError(400, env(139001, "(#139001) Flow can't be updated", { is_transient: true }));

  it("is retried within the budget on a call safe to repeat, and stays a rejection if it never succeeds", () => {
    expect(classifyGraphError(transient139001(), { idempotent: true })).toMatchObject({
      kind: "reject",
      retryable: true,
      reason: expect.stringContaining("transient"),
    });
  });

  it("is never repeated for a send or a create: Meta refused it, and a send is never sent twice", () => {
    const send = apiError(400, env(131026, "Message Undeliverable", { is_transient: true }));
    expect(classifyGraphError(send, { idempotent: false })).toMatchObject({
      kind: "reject",
      retryable: false,
    });
    expect(classifyGraphError(transient139001(), { idempotent: false }).retryable).toBe(false);
  });

  it("changes nothing for a code that stops the sync or is paced anyway", () => {
    const payment = apiError(400, env(134011, "(#134011) Payment issue", { is_transient: true }));
    expect(classifyGraphError(payment, { idempotent: true })).toMatchObject({
      kind: "config",
      retryable: false,
    });
    const throughput = apiError(400, env(130429, "(#130429) Rate limit hit", { is_transient: true }));
    expect(classifyGraphError(throughput, { idempotent: false })).toMatchObject({
      kind: "rate_limit",
      retryable: true,
    });
  });

  it("is_transient: false leaves a rejection as it was", () => {
    const error = apiError(400, env(139001, "(#139001) Flow can't be updated", { is_transient: false }));
    expect(classifyGraphError(error, { idempotent: true })).toMatchObject({
      kind: "reject",
      retryable: false,
    });
  });
});

describe("classifyGraphError", () => {
  it.each(TABLE)("%s", (_name, status, body, idem, nonIdem) => {
    const error = apiError(status, body);
    const a = classifyGraphError(error, { idempotent: true });
    const b = classifyGraphError(error, { idempotent: false });
    expect(a.kind).toBe(idem);
    expect(b.kind).toBe(nonIdem);
    expect(a.retryable).toBe(["rate_limit", "pause", "transient"].includes(idem));
    expect(b.retryable).toBe(["rate_limit", "pause"].includes(nonIdem));
    expect(a.reason.length).toBeGreaterThan(0);
  });

  it("keeps the envelope fields on the error", () => {
    const error = apiError(
      400,
      env(100, "Invalid parameter", {
        error_subcode: 33,
        error_user_title: "T",
        error_user_msg: "M",
        is_transient: false,
        error_data: { details: "flow_id is wrong" },
      }),
    );
    expect(error).toMatchObject({
      code: "ERR_GRAPH_API",
      status: 400,
      graphCode: 100,
      subcode: 33,
      type: "OAuthException",
      userTitle: "T",
      userMessage: "M",
      fbtraceId: "A1b2C3",
      isTransient: false,
      details: "flow_id is wrong",
    });
    expect(error.message).toContain("POST http://127.0.0.1/v23.0/1/messages");
    expect(error.message).toContain("100/33");
  });

  it("a non-Graph answer has no code", () => {
    const error = apiError(502, "<html>Bad Gateway</html>");
    expect(error.graphCode).toBeUndefined();
    expect(error.message).toContain("not a Graph API error envelope");
  });

  it("network errors: never reached is retryable for everyone, maybe-reached only when idempotent", () => {
    const base = { method: "POST", url: "u", causeCode: "X" };
    const no = new NetworkError("refused", { ...base, reachedServer: "no" });
    const maybe = new NetworkError("reset", { ...base, reachedServer: "maybe" });
    expect(classifyGraphError(no, { idempotent: false })).toMatchObject({
      kind: "transient",
      retryable: true,
    });
    expect(classifyGraphError(maybe, { idempotent: true })).toMatchObject({
      kind: "transient",
      retryable: true,
    });
    expect(classifyGraphError(maybe, { idempotent: false })).toMatchObject({
      kind: "ambiguous",
      retryable: false,
    });
    expect(classifyGraphError(new RequestAbortedError("GET", "u"), { idempotent: true }).retryable).toBe(
      false,
    );
    expect(classifyGraphError(new Error("bug"), { idempotent: true }).retryable).toBe(false);
  });
});
