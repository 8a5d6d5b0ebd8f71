import { flowIdField, phoneNumberIdField } from "../config/index.js";
import { type DestinationSyncMode, defineOperation, type OperationDefinition } from "./definition.js";
import type { Operation } from "./operation.js";
import type { OperationEnv } from "./operation-env.js";
import { field, optional, recordSchema } from "./record-schema.js";

/** The endpoint option and record field of every template that acts on one existing Flow. */
export const flowOptions = { flow_id: flowIdField };
export const flowIdRecordField = field.id(
  "The Flow to act on (its numeric ID). Optional in streams[] when the endpoint fixes a Flow ID.",
);
/** Operations on an existing Flow match a record to its Flow by id. */
export const FLOW_MATCHING_KEYS = [["flow_id"]] as const;

/** The endpoint option and record field of every template that sends from a phone number. */
export const senderOptions = { phone_number_id: phoneNumberIdField };
export const senderRecordField = optional(
  field.id("The sending Business Phone Number ID; defaults to the stream's or the connector's."),
);

/** What a Flow template reads from its endpoint option. */
export interface FlowEndpoint {
  readonly flow_id?: string | undefined;
  readonly [option: string]: unknown;
}

/** A template whose record is just the Flow it acts on (publish, deprecate, delete). */
export function flowActionDefinition<P>(input: {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly syncMode: DestinationSyncMode;
  compile(env: OperationEnv, endpoint: FlowEndpoint): Operation<P>;
}): OperationDefinition {
  return defineOperation({
    name: input.name,
    title: input.title,
    description: input.description,
    options: flowOptions,
    record: recordSchema({ flow_id: flowIdRecordField }),
    configurable: ["flow_id"],
    matchingKeys: FLOW_MATCHING_KEYS,
    syncModes: [input.syncMode],
    sends: false,
    compile: input.compile,
  });
}
