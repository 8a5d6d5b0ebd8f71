import type { IncomingMessage, ServerResponse } from "node:http";
import { authProblem, requestToken } from "./auth.js";
import { BodyTooLarge, parseBody, readBody } from "./body/index.js";
import { GraphErrorReply } from "./graph-error-reply.js";
import { bodyTooLarge, errorEnvelope, type GraphErrorSpec, unknownPath } from "./graph-errors.js";
import { JSON_TYPE, sendGraph, sendRawAnswer } from "./respond.js";
import type { Reply, RouteContext } from "./route-context.js";
import { resolveRoute } from "./router.js";
import type { Runtime } from "./runtime.js";
import { nextTraceId } from "./trace-id.js";
import type { FaultRule, RequestLogEntry } from "./types.js";

const VERSION_RE = /^v\d+\.\d+$/;
const DEFAULT_VERSION = "v23.0";
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function errorReply(spec: GraphErrorSpec, traceId: string): Reply {
  return { status: spec.status, body: errorEnvelope(spec, traceId) };
}

function faultSpec(f: FaultRule): GraphErrorSpec {
  const code = f.code ?? 1;
  return {
    status: f.status ?? 500,
    code,
    message: f.message ?? (code === 1 ? "An unknown error occurred" : `(#${code}) Injected fault`),
    type: f.type ?? "OAuthException",
    subcode: f.subcode,
    isTransient: f.is_transient,
    details: f.details,
  };
}

/** One Graph API request, from the split path to the logged response. */
export async function handleGraph(
  rt: Runtime,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  search: string,
): Promise<void> {
  const method = req.method ?? "GET";
  const parts = path.split("/").filter((s) => s !== "");
  const version = parts[0] !== undefined && VERSION_RE.test(parts[0]) ? parts.shift()! : DEFAULT_VERSION;
  const route = resolveRoute(method, parts, rt.state.wabaId, (id) => rt.state.isPhone(id));
  const entry = rt.requestLog.start(method, path, route.name);
  const fault = rt.faults.pick(route.name);
  const traceId = nextTraceId();
  const [buc, app] = rt.usage.next(route.name, entry.time);
  const headers = { version, traceId, buc, app };

  if (fault?.reset === "before-body") {
    entry.fault = "reset";
    if (fault.latencyMs) await sleep(fault.latencyMs);
    req.socket.destroy();
    return;
  }
  const raw = await readBody(req, rt.maxBodyBytes);
  const query = new URLSearchParams(search);
  let reply: Reply;
  const note: Partial<RequestLogEntry> = {};
  if (raw instanceof BodyTooLarge) {
    reply = errorReply(bodyTooLarge(raw.limit), traceId);
    finish(entry, note, reply);
    sendGraph(res, reply.status, reply.body, headers, true);
    return;
  }
  const auth = authProblem(
    requestToken(req.headers.authorization, query),
    rt.token,
    rt.permissions,
    route.permission,
  );
  if (fault?.latencyMs) {
    entry.fault = "latency";
    await sleep(fault.latencyMs);
  }
  if (auth === undefined && fault?.body !== undefined && fault.reset === undefined) {
    entry.fault = "answer";
    entry.status = fault.status ?? 200;
    rt.requestLog.capture(entry, exchange(req, query, raw, fault.body));
    sendRawAnswer(res, entry.status, fault.body, fault.contentType ?? JSON_TYPE, headers);
    return;
  }
  if (auth !== undefined) {
    reply = errorReply(auth, traceId);
  } else if (fault?.code !== undefined && fault.reset === undefined) {
    entry.fault = "error";
    reply = errorReply(faultSpec(fault), traceId);
  } else if (route.handler === undefined) {
    reply = errorReply(unknownPath(path), traceId);
  } else {
    try {
      const ctx: RouteContext = {
        method,
        segments: parts,
        query,
        body: parseBody(raw, req.headers["content-type"]),
        state: rt.state,
        baseUrl: rt.baseUrl,
        limits: rt.limiter,
        wamids: rt.wamids,
        templates: rt.templates,
        autoApproveTemplates: rt.autoApproveTemplates,
        windows: rt.windows,
        optOuts: rt.optOuts,
        phones: rt.phones,
        statuses: rt.statuses,
        note,
      };
      reply = route.handler(ctx);
    } catch (error) {
      if (!(error instanceof GraphErrorReply)) throw error;
      reply = errorReply(error.spec, traceId);
    }
  }
  finish(entry, note, reply);
  rt.requestLog.capture(entry, exchange(req, query, raw, reply.body));
  if (fault?.reset === "after-body") {
    entry.fault = "reset";
    req.socket.destroy();
    return;
  }
  sendGraph(res, reply.status, reply.body, headers);
}

function exchange(req: IncomingMessage, query: URLSearchParams, raw: Buffer, response: unknown) {
  return { headers: req.headers, query, raw, response };
}

function finish(entry: RequestLogEntry, note: Partial<RequestLogEntry>, reply: Reply): void {
  Object.assign(entry, note);
  entry.status = reply.status;
  if (reply.status >= 400) {
    const code = (reply.body as { error?: { code?: unknown } }).error?.code;
    if (typeof code === "number") entry.errorCode = code;
  }
}
