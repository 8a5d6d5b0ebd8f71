/**
 * Bounds on one input line. A RECORD over either is rejected before any call (the sync goes on):
 * an unbounded line would hold the process's memory hostage, and a record nested deeper than any
 * real one would overflow the stack of whatever serialises it after its call (the webhook
 * envelope with include_record), when it can no longer be rejected.
 */

/**
 * Meta caps a Flow JSON at 10 MB; as a JSON string inside a record its quotes and line breaks are
 * escaped (each one byte more), so a real record carrying one stays well under 32 MiB.
 */
export const MAX_RECORD_LINE_BYTES = 32 * 1024 * 1024;

/**
 * Levels of objects/arrays inside a record's `data`. Real Flow JSON nests about 15 levels
 * (screens → layout → Form → If → … → action payload); 64 leaves room and stays far from the
 * stack depth JSON.stringify and zod can walk.
 */
export const MAX_RECORD_DEPTH = 64;

/**
 * Levels of objects/arrays in a STATE line, the message object counting as 1. Airbyte's platform
 * reads messages with Jackson, whose default nesting limit is 1,000: a deeper state could not be
 * committed anyway, and refusing it at read time names the line instead of failing later.
 */
export const MAX_STATE_DEPTH = 1000;

/** What is kept of a line over the size cap: enough to find its stream for the rejection report. */
export const OVERSIZED_PREFIX_BYTES = 64 * 1024;
