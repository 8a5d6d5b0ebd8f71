import * as z from "../../zod.js";
import type { StateEcho } from "../state-echo.js";

/**
 * What `write` reads on stdin. Every model is loose: the platform adds fields over time and a
 * destination must not break on them. Only what we act on is checked.
 */
const plainObject = z.custom<Record<string, unknown>>(
  (value) => typeof value === "object" && value !== null && !Array.isArray(value),
  { message: "must be a JSON object" },
);

const streamDescriptorSchema = z.looseObject({
  name: z.string(),
  namespace: z.nullish(z.string()),
});

export const recordMessageSchema = z.looseObject({
  type: z.literal("RECORD"),
  record: z.looseObject({
    stream: z.string().check(z.minLength(1)),
    namespace: z.nullish(z.string()),
    // Kept by reference (z.custom does not copy): records are the hot path.
    data: plainObject,
    emitted_at: z.optional(z.number()),
  }),
});

const streamStateSchema = z.looseObject({
  stream_descriptor: streamDescriptorSchema,
  stream_state: z.optional(z.unknown()),
});

export const stateMessageSchema = z.looseObject({
  type: z.literal("STATE"),
  state: z.looseObject({
    type: z.optional(z.enum(["STREAM", "GLOBAL", "LEGACY"])),
    stream: z.optional(streamStateSchema),
    global: z.optional(
      z.looseObject({ shared_state: z.optional(z.unknown()), stream_states: z.array(streamStateSchema) }),
    ),
    data: z.optional(z.unknown()),
  }),
});

export const traceMessageSchema = z.looseObject({
  type: z.literal("TRACE"),
  trace: z.looseObject({
    type: z.string(),
    emitted_at: z.optional(z.number()),
    stream_status: z.optional(
      z.looseObject({ stream_descriptor: streamDescriptorSchema, status: z.string() }),
    ),
  }),
});

export type StreamDescriptor = z.output<typeof streamDescriptorSchema>;
export type RecordMessage = z.output<typeof recordMessageSchema>;
/** What the connector reads of a STATE (its scope), and its text for the exact echo. */
export type StateMessage = z.output<typeof stateMessageSchema> & { readonly echo: StateEcho };
export type TraceMessage = z.output<typeof traceMessageSchema>;

/** A message of a type we do not act on (LOG, CONTROL, a future type…): read and passed over. */
export interface OtherMessage {
  readonly type: "OTHER";
  readonly originalType: string;
}

/**
 * A RECORD line that cannot be taken as it is (over the size cap, nested too deep, not valid
 * UTF-8): its stream is known, so the record is rejected on that stream and the sync goes on.
 */
export interface UnreadableRecordMessage {
  readonly type: "UNREADABLE_RECORD";
  readonly record: { readonly stream: string; readonly namespace?: string | null };
  /** The top-level strings and numbers of `data` when it could be parsed: enough to name the record. */
  readonly scalars?: Readonly<Record<string, string | number>>;
  /** Why, without any of the record's content, e.g. "is 40000000 bytes, over the 33554432-byte limit". */
  readonly problem: string;
}

export type InputMessage =
  | RecordMessage
  | StateMessage
  | TraceMessage
  | OtherMessage
  | UnreadableRecordMessage;
