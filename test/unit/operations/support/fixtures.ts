import type { Config, EndpointConfig } from "../../../../src/config/index.js";
import { RecordError } from "../../../../src/errors/index.js";
import {
  AddressRefusedError,
  answerHolds,
  classify,
  GraphApiError,
  type GraphRequest,
  type GraphResponse,
  NetworkError,
  parseGraphErrorEnvelope,
  UnexpectedAnswerError,
} from "../../../../src/graph/index.js";
import { configSchema } from "../../../../src/operations/catalog/connector-config.js";
import { CallTally } from "../../../../src/operations/contract/call-tally.js";
import { createOperationEnv, type OperationEnv } from "../../../../src/operations/contract/operation-env.js";
import type { ResolvedStream } from "../../../../src/operations/contract/resolved-stream.js";
import type { RecordContext } from "../../../../src/operations/index.js";
import { MINIMAL_FLOW_JSON } from "../../../support/flow-json.js";

export const WABA = "102290129340398";
export const PHONE = "106540352242922";
export const BASE = "https://graph.facebook.com";
export const PREFIX = `${BASE}/v23.0/`;

export function makeConfig(
  endpoints: EndpointConfig[] | unknown[] = [{ template: "create_flow" }],
  extra: object = {},
): Config {
  return configSchema.parse({
    access_token: "test-token",
    waba_id: WABA,
    phone_number_id: PHONE,
    streams: endpoints.map((endpoint, i) => ({ stream_name: `s${i}`, endpoint })),
    // A scripted client answers in order: the Flow health and sender quality reads before a send
    // would take the answer meant for the send. Those guards have their own tests
    // (campaign-guards.test.ts).
    guardrails: { flow_health_guard: "off", quality_guard: "off" },
    ...extra,
  });
}

export function stream(name: string, endpoint: EndpointConfig, index = 0): ResolvedStream {
  return {
    name,
    namespace: undefined,
    key: name,
    endpoint,
    configPath: `streams[${index}].endpoint`,
    syncMode: "append",
  };
}

export function ctx(
  name = "invites",
  recordIndex = 12,
  endpoint: EndpointConfig = { template: "create_flow" },
): RecordContext {
  return { stream: stream(name, endpoint), recordIndex, lineNumber: recordIndex + 1, calls: new CallTally() };
}

type Reply = GraphResponse | Error;

/** A scripted GraphRequester: answers in order, records every request it was given. */
export class FakeClient {
  readonly requests: GraphRequest[] = [];
  private readonly replies: Reply[];

  constructor(...replies: Reply[]) {
    this.replies = replies;
  }

  async request(req: GraphRequest): Promise<GraphResponse> {
    this.requests.push(req);
    const reply = this.replies.shift();
    if (reply === undefined) throw new Error(`unexpected request ${req.method} ${req.path ?? req.url}`);
    // As the real client does: the failure carries its one classification for this request.
    if (
      reply instanceof GraphApiError ||
      reply instanceof NetworkError ||
      reply instanceof AddressRefusedError
    )
      throw classify(reply, req.idempotent);
    if (reply instanceof Error) throw reply;
    // As the real client does: a 2xx without the answer the call expects is a failure.
    if (req.expect !== undefined && !answerHolds(req.expect, reply.body)) {
      const { status, body } = reply;
      const init = { method: req.method, url: reply.url, status, body, expected: req.expect };
      throw classify(new UnexpectedAnswerError(init), req.idempotent);
    }
    return reply;
  }
}

export function ok(body: unknown, attempts = 1, status = 200): GraphResponse {
  return { status, headers: {}, body, attempts, url: "https://graph.facebook.com/v23.0/x" };
}

export function graphError(
  status: number,
  error: Record<string, unknown>,
  attempts = 1,
  method = "POST",
  url = `${PREFIX}x`,
): GraphApiError {
  const body = { error: { message: "boom", type: "OAuthException", fbtrace_id: "Atrace", ...error } };
  const e = new GraphApiError({
    method,
    url,
    status,
    envelope: parseGraphErrorEnvelope(body),
    body,
    headers: {},
  });
  e.attempts = attempts;
  return e;
}

export function resetAfterWrite(attempts = 1, method = "POST"): NetworkError {
  const e = new NetworkError("socket closed", {
    method,
    url: `${PREFIX}x`,
    reachedServer: "maybe",
    causeCode: "UND_ERR_SOCKET",
  });
  e.attempts = attempts;
  return e;
}

/** The error of class `type` that `fn` throws (anything else fails the test). */
export function thrownBy<E extends Error>(fn: () => unknown, type: new (...args: never[]) => E): E {
  try {
    fn();
  } catch (error) {
    if (error instanceof type) return error;
    throw error;
  }
  throw new Error(`expected a ${type.name}`);
}

export function envWith(client: FakeClient, config: Config = makeConfig()): OperationEnv {
  return createOperationEnv(config, client);
}

export { MINIMAL_FLOW_JSON };

/** The RecordError `run` throws (a record refused before any call); fails the test otherwise. */
export function rejection(run: () => unknown): RecordError {
  try {
    run();
  } catch (error) {
    if (error instanceof RecordError) return error;
    throw error;
  }
  throw new Error("expected a RecordError");
}
