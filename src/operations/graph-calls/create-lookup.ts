import type { CallTally } from "../contract/call-tally.js";
import type { Outcome } from "../contract/operation.js";
import type { OperationEnv } from "../contract/operation-env.js";
import { type FlowSummary, findFlowByName, type LookupResult } from "./flow-lookup.js";

/** A Flow the WABA's list holds under the record's name. */
export type FoundFlow = LookupResult<FlowSummary>;

/**
 * create_flow after a kill between its POST and its recorded outcome: the WABA's Flow list by
 * name says whether that POST created the Flow. Found: the record's success, as a duplicate name
 * would resolve it. Not found (or the list could not be read): the create is made again, which is
 * safe because Meta keeps Flow names unique within a WABA (a second create of the name is refused
 * and then resolved by the same lookup), so the record is never left ambiguous.
 */
export async function settleFlowCreate(
  env: OperationEnv,
  name: string,
  calls: CallTally,
  signal: AbortSignal | undefined,
  existing: (found: FoundFlow) => Promise<Outcome>,
): Promise<Outcome | "call"> {
  const lookup = await findFlowByName(env, name, signal, calls);
  const found = lookup?.value;
  return found === undefined ? "call" : existing({ status: lookup!.status, value: found });
}

/**
 * create_flow_template after such a kill: its `execute` lists the WABA's templates by name
 * (`GET /{waba_id}/message_templates?name=…`) and reports an existing (name, language) before it
 * creates anything, and Meta keeps that pair unique. Calling it again is the lookup.
 */
export async function settleTemplateCreate(): Promise<"call"> {
  return "call";
}
