import { flowIdField, phoneNumberIdField } from "../config/index.js";
import { field, optional } from "./record-schema.js";

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
