import * as z from "../../zod.js";
import { withMeta } from "../../zod.js";

const RATE_MAX = 1000;
/** "auto", or 0 to 1,000 (RATE_MAX) with optional decimals: the spec's pattern and the parser's. */
const RATE_PATTERN = /^(auto|1000|[0-9]{1,3}(\.[0-9]+)?)$/;
const RATE_WORDS = `"auto" or a rate from "0" to "${RATE_MAX}"`;

/**
 * "auto" (the number's throughput level sets the pace) or a fixed rate; "0" turns pacing off. One
 * JSON type, a string, because Airbyte's form renders one input per field and "auto" is a word;
 * the pattern holds the range, so the form refuses what `check` would. A JSON number is refused
 * saying to quote it, never read as a rate.
 */
const messagesPerSecondSchema = withMeta(
  z._default(
    z
      .string({ error: `must be a string: ${RATE_WORDS} in quotes, e.g. "80" (not the number 80)` })
      .check(z.regex(RATE_PATTERN, `must be ${RATE_WORDS}, e.g. "80"`)),
    "auto",
  ),
  {
    title: "Messages per second",
    description: `Send rate per Business Phone Number. "auto" reads each sender's throughput level from Meta at the start of a sync (STANDARD: 80, HIGH: 1,000 messages per second); a number from 0 to ${RATE_MAX} sets a fixed rate ("0" turns pacing off).`,
    examples: ["auto", "80"],
    order: 0,
  },
);

/** The fixed rate a `messages_per_second` value asks for, or "auto". */
export function sendRateOf(value: z.output<typeof messagesPerSecondSchema>): number | "auto" {
  return value === "auto" ? "auto" : Number(value);
}

export const throughputSchema = withMeta(
  z._default(
    z.looseObject({
      messages_per_second: messagesPerSecondSchema,
      max_concurrency: withMeta(z._default(z.int().check(z.minimum(1), z.maximum(256)), 16), {
        title: "Max concurrent requests",
        description:
          "Requests in flight at once. Records with the same key (Flow or recipient) always run in order.",
        order: 1,
      }),
      request_timeout_seconds: withMeta(z._default(z.number().check(z.minimum(1), z.maximum(300)), 30), {
        title: "Request timeout (seconds)",
        description: "Time allowed for each API call.",
        order: 2,
      }),
      max_retries: withMeta(z._default(z.int().check(z.minimum(0), z.maximum(20)), 5), {
        title: "Max retries",
        description: "Retries of a call that may safely be repeated (rate limits, outages).",
        order: 3,
      }),
      max_retry_wait_seconds: withMeta(z._default(z.number().check(z.minimum(0), z.maximum(3600)), 300), {
        title: "Retry wait budget (seconds)",
        description:
          "The longest a record may wait across its retries before the sync fails with a transient error.",
        order: 4,
      }),
      management_calls_per_hour: withMeta(z.optional(z.int().check(z.minimum(1))), {
        title: "Management calls per hour",
        description:
          "Optional cap on create/update/publish/deprecate/delete calls per WABA. Without it the connector slows down only as Meta's usage headers near 100 %.",
        order: 5,
      }),
    }),
    {
      messages_per_second: "auto",
      max_concurrency: 16,
      request_timeout_seconds: 30,
      max_retries: 5,
      max_retry_wait_seconds: 300,
    },
  ),
  { title: "Throughput", description: "Pacing, concurrency, timeouts and retries.", order: 9 },
);
