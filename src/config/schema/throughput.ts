import { z } from "zod";

const RATE_MAX = 1000;
const rate = z.number().min(0).max(RATE_MAX);

/**
 * "auto" (the number's throughput level sets the pace) or a fixed rate; 0 turns pacing off.
 * Airbyte's form renders no union of types, so the spec shows a text field with a pattern; the
 * connector still takes a JSON number, as configs saved before "auto" existed hold one.
 */
const messagesPerSecondSchema = z
  .union([
    z.literal("auto"),
    rate,
    // No transform here: with one, zod drops the default and examples from the spec.
    z
      .string()
      .regex(/^\d+(\.\d+)?$/, 'must be "auto" or a number')
      .refine((v) => Number(v) <= RATE_MAX, `must be at most ${RATE_MAX}`),
  ])
  .default("auto")
  .meta({
    title: "Messages per second",
    description:
      'Send rate per Business Phone Number. "auto" reads each sender\'s throughput level from Meta at the start of a sync (STANDARD: 80, HIGH: 1,000 messages per second); a number sets a fixed rate (0 turns pacing off).',
    examples: ["auto", "80"],
    order: 0,
    type: "string",
    pattern: "^(auto|[0-9]+(\\.[0-9]+)?)$",
    anyOf: undefined,
  });

/** The fixed rate a `messages_per_second` value asks for, or "auto". */
export function sendRateOf(value: z.output<typeof messagesPerSecondSchema>): number | "auto" {
  return value === "auto" ? "auto" : Number(value);
}

export const throughputSchema = z
  .looseObject({
    messages_per_second: messagesPerSecondSchema,
    max_concurrency: z.int().min(1).max(256).default(16).meta({
      title: "Max concurrent requests",
      description:
        "Requests in flight at once. Records with the same key (Flow or recipient) always run in order.",
      order: 1,
    }),
    request_timeout_seconds: z.number().min(1).max(300).default(30).meta({
      title: "Request timeout (seconds)",
      description: "Time allowed for each API call.",
      order: 2,
    }),
    max_retries: z.int().min(0).max(20).default(5).meta({
      title: "Max retries",
      description: "Retries of a call that may safely be repeated (rate limits, outages).",
      order: 3,
    }),
    max_retry_wait_seconds: z.number().min(0).max(3600).default(300).meta({
      title: "Retry wait budget (seconds)",
      description:
        "The longest a record may wait across its retries before the sync fails with a transient error.",
      order: 4,
    }),
    management_calls_per_hour: z.int().min(1).optional().meta({
      title: "Management calls per hour",
      description:
        "Optional cap on create/update/publish/deprecate/delete calls per WABA. Without it the connector slows down only as Meta's usage headers near 100 %.",
      order: 5,
    }),
  })
  .default({
    messages_per_second: "auto",
    max_concurrency: 16,
    request_timeout_seconds: 30,
    max_retries: 5,
    max_retry_wait_seconds: 300,
  })
  .meta({ title: "Throughput", description: "Pacing, concurrency, timeouts and retries.", order: 9 });
