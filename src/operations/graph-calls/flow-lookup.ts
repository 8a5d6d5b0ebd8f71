import { ConfigError } from "../../errors/index.js";
import { classificationOf, GraphApiError } from "../../graph/index.js";
import type { CallTally } from "../contract/call-tally.js";
import type { OperationEnv } from "../contract/operation-env.js";
import { isPlainObject } from "../records/record-fields.js";
import { managementRead } from "./graph-call.js";
import { configErrorFor } from "./graph-failure.js";
import { isMissingObject } from "./missing-object.js";
import { pageWabaEdge } from "./waba-pages.js";

/** A Flow as List Flows / Get Flow describe it (only the fields we ask for). */
export interface FlowSummary {
  readonly id: string;
  readonly name: string | undefined;
  readonly status: string | undefined;
}

export interface LookupResult<T> {
  readonly value: T;
  readonly status: number;
}

/**
 * Meta's duplicate-name answer to Create Flow. Code 100 alone only says "invalid parameter": Meta
 * uses it as well for a clone_flow_id that does not exist, an invalid Flow JSON version or
 * data_api_version, and two clone sources. Meta documents no subcode for the name clash, so it is
 * told by Meta's own words: the title "Flow name is not unique" or the message "Flow name should
 * be unique within one WhatsApp Business Account", whichever field of the error carries them.
 */
export function isDuplicateFlowName(error: unknown): boolean {
  if (!(error instanceof GraphApiError) || error.graphCode !== 100) return false;
  const texts = [error.userTitle, error.userMessage, error.graphMessage, error.details];
  return texts.some((text) => text !== undefined && DUPLICATE_NAME.test(text));
}

const DUPLICATE_NAME = /name is not unique|name should be unique/i;

/** Meta's "does not exist" for the configured WABA: no record can succeed, so it is config. */
export function wabaNotFound(env: OperationEnv, cause: unknown): ConfigError {
  return new ConfigError(
    `the WhatsApp Business Account ${env.wabaId} does not exist or the token cannot access it`,
    {
      code: "ERR_WABA_NOT_FOUND",
      hint: "Check waba_id and that the System User is assigned to that WhatsApp Business Account",
      cause,
    },
  );
}

/**
 * Finds the Flow named `name` under the WABA (GET /{waba_id}/flows?fields=id,name,status, paging
 * through `paging.cursors.after`). Undefined when there is none, or when the lookup itself failed
 * for a reason other than the token or the WABA (then the caller keeps its own verdict).
 * A WABA that does not exist or is not accessible is a config error.
 */
export async function findFlowByName(
  env: OperationEnv,
  name: string,
  signal: AbortSignal | undefined,
  tally: CallTally,
): Promise<LookupResult<FlowSummary | undefined> | undefined> {
  let found: FlowSummary | undefined;
  const scan = await scanFlows(
    env,
    (flow) => {
      if (flow.name === name) found = flow;
      return found !== undefined;
    },
    signal,
    tally,
  );
  return scan === undefined ? undefined : { ...scan, value: found };
}

/**
 * Pages through the WABA's Flows, handing each to `visit` until it answers true (stop) or the
 * list ends. Undefined when a page could not be read for a reason other than the token or the
 * WABA (those are config errors, thrown).
 */
export async function scanFlows(
  env: OperationEnv,
  visit: (flow: FlowSummary) => boolean,
  signal: AbortSignal | undefined,
  tally: CallTally,
): Promise<LookupResult<undefined> | undefined> {
  const result = await pageWabaEdge(
    env,
    "flows",
    { fields: "id,name,status" },
    (item) => {
      if (!isPlainObject(item) || typeof item.id !== "string") return false;
      return visit({
        id: item.id,
        name: typeof item.name === "string" ? item.name : undefined,
        status: typeof item.status === "string" ? item.status : undefined,
      });
    },
    signal,
    tally,
    (error) => (isMissingObject(error) ? wabaNotFound(env, error) : undefined),
  );
  return result.ok ? { value: undefined, status: result.status } : undefined;
}

/**
 * The status of one Flow (GET /{flow_id}?fields=id,status): "MISSING" when Meta says it does not
 * exist, undefined when the read failed for another reason (the caller keeps its own verdict).
 */
export async function readFlowStatus(
  env: OperationEnv,
  flowId: string,
  signal: AbortSignal | undefined,
  tally: CallTally,
): Promise<LookupResult<string> | undefined> {
  const result = await managementRead(env, { path: flowId, query: { fields: "id,status" } }, signal, tally);
  if (!result.ok) {
    if (isMissingObject(result.error)) {
      const status = result.error instanceof GraphApiError ? result.error.status : 400;
      return { value: "MISSING", status };
    }
    const classification = classificationOf(result.error);
    if (classification.kind === "config") throw configErrorFor(result.error, "management", classification);
    return undefined;
  }
  const body = result.response.body;
  const status = isPlainObject(body) && typeof body.status === "string" ? body.status : undefined;
  if (status === undefined) return undefined;
  return { value: status, status: result.response.status };
}
