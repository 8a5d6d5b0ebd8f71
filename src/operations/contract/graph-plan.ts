import type { ExpectedAnswer, GraphBody, GraphRequest, HttpMethod, PacingLane } from "../../graph/index.js";
import { type Effects, retriedAfterLoss } from "./effects.js";
import type { RecordContext, RequestSummary } from "./operation.js";
import type { OperationEnv } from "./operation-env.js";

/**
 * What `plan` produces for every operation: the Graph request ready to send, its secret-free
 * summary, the ordering key, and the record's context for messages. Built once per record and
 * never copied (execute adds the abort signal with one shallow spread).
 */
export interface GraphPlan {
  readonly request: GraphRequest;
  readonly summary: RequestSummary;
  readonly key: string;
  readonly context: RecordContext;
  /** Said about the record without rejecting it (e.g. Flow JSON warnings); copied to its success. */
  readonly warnings?: readonly string[];
}

export function versionedPlan(
  env: OperationEnv,
  context: RecordContext,
  init: {
    readonly method: HttpMethod;
    readonly path: string;
    readonly body: GraphBody;
    /** What the call does: whether the client may send it again derives from it. */
    readonly effects: Effects;
    readonly pacing: PacingLane;
    readonly key: string;
    /** What Meta's answer to the call holds when it succeeded; see GraphRequest.expect. */
    readonly expect: ExpectedAnswer | undefined;
  },
): GraphPlan {
  return {
    request: {
      method: init.method,
      path: init.path,
      body: init.body,
      idempotent: retriedAfterLoss(init.effects),
      pacing: init.pacing,
      ...(init.expect === undefined ? {} : { expect: init.expect }),
    },
    summary: { method: init.method, url: env.urlPrefix + init.path },
    key: init.key,
    context,
  };
}

export const NO_BODY: GraphBody = { kind: "none" };

export function managementLane(env: OperationEnv): PacingLane {
  return { kind: "management", wabaId: env.wabaId };
}

/** `stream "invites" record 12`: how messages name a record (never its content). */
export function recordLabel(context: RecordContext): string {
  return `stream "${context.stream.name}" record ${context.recordIndex}`;
}

export function requestLabel(plan: GraphPlan): string {
  return `${plan.summary.method} ${plan.summary.url}`;
}
