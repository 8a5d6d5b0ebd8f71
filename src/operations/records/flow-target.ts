import { flowIdField, phoneNumberIdField } from "../../config/index.js";
import * as z from "../../zod.js";
import { withMeta } from "../../zod.js";
import {
  type DestinationSyncMode,
  defineOperation,
  type OperationDefinition,
} from "../contract/definition.js";
import type { OperationSteps } from "../contract/operation.js";
import type { OperationEnv } from "../contract/operation-env.js";
import { field, optional, recordSchema } from "./record-schema.js";

/**
 * A Flow fixed for every record by its exact name: resolved under the WABA once per sync, as a
 * record's `flow_name` is (the registry refuses it beside a fixed `flow_id`).
 */
const flowNameField = withMeta(z.optional(z.string().check(z.minLength(1))), {
  title: "Flow name",
  description:
    "Instead of a Flow ID: the exact name of the Flow every record of this stream acts on, looked up under the WABA. Leave both empty to take each record's `flow_id` or `flow_name`.",
  examples: ["Order survey"],
  order: 2,
});

/** The endpoint options and record fields of every operation that acts on one existing Flow. */
export const flowOptions = { flow_id: flowIdField, flow_name: flowNameField };
/**
 * A record names its Flow by `flow_id` or by `flow_name`: neither is required in the schema (the
 * platform's draft-07 subset cannot say "one of these"); the read-time check insists on one
 * (./path-ids.ts flowTargetOf) and the stream's matching key says which the user mapped.
 */
export const flowIdRecordField = () =>
  optional(
    field.id(
      "The Flow to act on (its numeric ID); or give flow_name. Optional when the stream's endpoint fixes a Flow ID.",
    ),
  );
export const flowNameRecordField = () =>
  optional(
    field.text(
      "The Flow to act on, by its exact name under the WABA (resolved once per sync); or give flow_id.",
    ),
  );
/** Operations on an existing Flow match a record to its Flow by id or by name. */
export const FLOW_MATCHING_KEYS = [["flow_id"], ["flow_name"]] as const;
/**
 * A stream may fix its Flow, by ID or by name (never both: the registry refuses it); then no
 * record's flow_id or flow_name is read (./path-ids.ts flowTargetOf: the configured Flow wins).
 */
export const FLOW_FIXABLE = {
  configurable: ["flow_id", "flow_name"],
  supersedes: { flow_id: ["flow_name"], flow_name: ["flow_id"] },
} as const;

/** The endpoint option and record field of every operation that sends from a phone number. */
export const senderOptions = { phone_number_id: phoneNumberIdField };
export const senderRecordField = () =>
  optional(field.id("The sending Business Phone Number ID; defaults to the stream's or the connector's."));

/** What a Flow operation reads from its endpoint option. */
export interface FlowEndpoint {
  readonly flow_id?: string | undefined;
  readonly flow_name?: string | undefined;
  readonly [option: string]: unknown;
}

/** An operation whose record is just the Flow it acts on (publish, deprecate, delete). */
export function flowActionDefinition<P>(input: {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly syncMode: DestinationSyncMode;
  compile(env: OperationEnv, endpoint: FlowEndpoint): OperationSteps<P>;
}): OperationDefinition {
  return defineOperation({
    name: input.name,
    title: input.title,
    description: input.description,
    options: flowOptions,
    record: () => recordSchema({ flow_id: flowIdRecordField(), flow_name: flowNameRecordField() }),
    ...FLOW_FIXABLE,
    matchingKeys: FLOW_MATCHING_KEYS,
    syncModes: [input.syncMode],
    effects: "writes",
    compile: input.compile,
  });
}
