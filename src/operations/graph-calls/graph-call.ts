import type { GraphRequest, GraphResponse } from "../../graph/index.js";
import type { CallTally } from "../contract/call-tally.js";
import { retriedAfterLoss } from "../contract/effects.js";
import { type GraphPlan, recordLabel, requestLabel } from "../contract/graph-plan.js";
import type { RejectedOutcome, SucceededOutcome, SuccessResolution } from "../contract/operation.js";
import type { GraphRequester, OperationEnv } from "../contract/operation-env.js";
import { GraphRejectedError } from "../errors/graph-rejected-error.js";

export type CallResult =
  | { readonly ok: true; readonly response: GraphResponse }
  | { readonly ok: false; readonly error: unknown };

/**
 * One call through the client, counted on the record's tally (its retries are the client's);
 * failures come back as values so each operation can read them.
 */
export async function callGraph(
  client: GraphRequester,
  request: GraphRequest,
  signal: AbortSignal | undefined,
  tally: CallTally,
): Promise<CallResult> {
  try {
    // The signal goes beside the request, not into a copy of it: one object less per call.
    const response = await client.request(request, signal);
    tally.add(response.attempts);
    return { ok: true, response };
  } catch (error) {
    tally.add(attemptsOf(error));
    return { ok: false, error };
  }
}

/** What a management read asks for: a Graph path with its query, or an absolute URL. */
export interface ReadTarget {
  readonly path?: string;
  readonly url?: string;
  readonly query?: Readonly<Record<string, string>>;
}

/** A GET of the WABA's objects: safe to repeat, and paced with the WABA's management calls. */
export function managementRead(
  env: Pick<OperationEnv, "client" | "wabaId">,
  target: ReadTarget,
  signal: AbortSignal | undefined,
  tally: CallTally,
): Promise<CallResult> {
  return callGraph(
    env.client,
    {
      method: "GET",
      ...target,
      body: { kind: "none" },
      idempotent: retriedAfterLoss("reads"),
      pacing: { kind: "management", wabaId: env.wabaId },
    },
    signal,
    tally,
  );
}

/** The client sets `attempts` on the errors it throws; anything else was one attempt. */
export function attemptsOf(error: unknown): number {
  if (typeof error === "object" && error !== null && "attempts" in error) {
    const attempts = (error as { attempts: unknown }).attempts;
    if (typeof attempts === "number" && attempts >= 1) return attempts;
  }
  return 1;
}

export function succeeded(
  plan: GraphPlan,
  response: { readonly status: number; readonly body: unknown },
  result?: SucceededOutcome["result"],
  resolution?: SuccessResolution,
): SucceededOutcome {
  return {
    kind: "succeeded",
    request: plan.summary,
    response: { status: response.status, body: response.body },
    ...(result === undefined ? {} : { result }),
    ...(resolution === undefined ? {} : { resolution }),
    ...(plan.warnings === undefined || plan.warnings.length === 0 ? {} : { warnings: plan.warnings }),
  };
}

/** `body.id` when it is a non-empty string (Create Flow answers `{ id }`). */
export function stringField(body: unknown, key: string): string | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const value = (body as Record<string, unknown>)[key];
  return typeof value === "string" && value !== "" ? value : undefined;
}

/**
 * A 2xx answer of the documented shape that still says no: Meta's mutations answer
 * `{ success: true }`, and `success: false` means nothing happened that the record asked for.
 * (An answer of another shape never gets here: the client fails it, see GraphRequest.expect.)
 * The record is rejected with what the answer said; undefined when the answer is a success.
 */
export function refusedAnswer(plan: GraphPlan, response: GraphResponse): RejectedOutcome | undefined {
  const body = response.body;
  const saidNo =
    typeof body === "object" && body !== null && (body as { success?: unknown }).success === false;
  if (!saidNo) return undefined;
  const reason = "the answer says success: false";
  return {
    kind: "rejected",
    request: plan.summary,
    response: { status: response.status, body },
    error: new GraphRejectedError(recordLabel(plan.context), requestLabel(plan), {
      status: response.status,
      graphCode: undefined,
      subcode: undefined,
      graphMessage: undefined,
      details: undefined,
      fbtraceId: undefined,
      reason,
    }),
  };
}
