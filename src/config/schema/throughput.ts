import { z } from "zod";

export const throughputSchema = z
  .looseObject({
    messages_per_second: z
      .number()
      .min(0)
      .max(1000)
      .default(80)
      .meta({
        title: "Messages per second",
        description:
          "Send rate per Business Phone Number (Meta's default throughput is 80; up to 1,000 for upgraded numbers). 0 turns pacing off.",
        examples: [80],
        order: 0,
      }),
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
    messages_per_second: 80,
    max_concurrency: 16,
    request_timeout_seconds: 30,
    max_retries: 5,
    max_retry_wait_seconds: 300,
  })
  .meta({ title: "Throughput", description: "Pacing, concurrency, timeouts and retries.", order: 9 });

export type ThroughputConfig = z.output<typeof throughputSchema>;
