import * as z from "../../zod.js";
import { withMeta } from "../../zod.js";

/**
 * The campaign guardrails: each one stops sends that Meta would refuse anyway, or that would
 * lower the sender's quality, and each is on unless the config turns it off. Strings rather than
 * booleans so that a saved config reads as what it does (`quality_guard: "off"`).
 */
const onOff = (title: string, description: string, order: number) =>
  withMeta(z._default(z.enum(["on", "off"]), "on"), { title, description, examples: ["on", "off"], order });

/** Ten years: a longer period is a typo for "until cleared" (leave opt_out_suppression_days empty). */
export const MAX_SUPPRESSION_DAYS = 3650;
/**
 * 131049: Meta publishes no cool-down for its per-user marketing limit and advises retrying only
 * at growing intervals; a day keeps a daily campaign from sending into the same limit again.
 */
export const DEFAULT_MARKETING_LIMIT_SUPPRESSION_DAYS = 1;
/** 130472: Meta says resending gets the same answer and some experiments have no end date. */
export const DEFAULT_EXPERIMENT_SUPPRESSION_DAYS = 30;
export const DEFAULT_FREQUENCY_WINDOW_HOURS = 24;

/** The config's default guardrails, one list for the schema's default and for DEFAULT_GUARDRAILS. */
const EVERY_GUARD_ON = {
  paused_template_guard: "on",
  spam_limit_guard: "on",
  quality_guard: "on",
  flow_health_guard: "on",
  marketing_limit_suppression_days: DEFAULT_MARKETING_LIMIT_SUPPRESSION_DAYS,
  experiment_suppression_days: DEFAULT_EXPERIMENT_SUPPRESSION_DAYS,
  frequency_window_hours: DEFAULT_FREQUENCY_WINDOW_HOURS,
} as const;

export const guardrailsSchema = withMeta(
  z._default(
    z.looseObject({
      paused_template_guard: onOff(
        "Paused template guard",
        "on: once Meta answers that a message template is paused or disabled (132015, 132016), its remaining records in this sync are rejected without a call. off: every record is sent and refused one by one.",
        0,
      ),
      spam_limit_guard: onOff(
        "Spam rate limit guard",
        "on: Meta's spam rate limit (131048) stops the sync with a config error naming the number, and no message is sent from it again in this sync. off: the send waits and is tried again within the retry budget.",
        1,
      ),
      quality_guard: onOff(
        "Quality guard",
        "on: MARKETING template sends from a number whose quality rating is RED stop the sync with a config error before any is sent. off: they are sent.",
        2,
      ),
      flow_health_guard: onOff(
        "Flow health guard",
        "on: each Flow a message opens has its health_status read once per sync; sends of a Flow Meta says is BLOCKED are rejected without a call. off: not read.",
        3,
      ),
      opt_out_suppression_days: withMeta(
        z.optional(z.int().check(z.minimum(1), z.maximum(MAX_SUPPRESSION_DAYS))),
        {
          title: "Opt-out suppression (days)",
          description:
            "With object storage: a recipient who answered 131050 (they stopped marketing messages from the business) gets no MARKETING template from that number in later syncs for this many days. Leave empty to keep the opt-out until a record sends to them with clear_opt_out: true (the person opted in again).",
          examples: [180],
          order: 4,
        },
      ),
      marketing_limit_suppression_days: withMeta(
        z._default(
          z.int().check(z.minimum(0), z.maximum(MAX_SUPPRESSION_DAYS)),
          DEFAULT_MARKETING_LIMIT_SUPPRESSION_DAYS,
        ),
        {
          title: "Marketing limit suppression (days)",
          description:
            "With object storage: a recipient who answered 131049 (Meta's per-user marketing limit) gets no MARKETING template from that number in later syncs for this many days; Meta does not publish the limit's cool-down and advises against retrying soon. 0: not remembered.",
          examples: [1, 7],
          order: 5,
        },
      ),
      experiment_suppression_days: withMeta(
        z._default(
          z.int().check(z.minimum(0), z.maximum(MAX_SUPPRESSION_DAYS)),
          DEFAULT_EXPERIMENT_SUPPRESSION_DAYS,
        ),
        {
          title: "Marketing experiment suppression (days)",
          description:
            "With object storage: a recipient who answered 130472 (their number is in a Meta marketing experiment; Meta says resending gets the same error, and some experiments have no end date) gets no MARKETING template from that number in later syncs for this many days. 0: not remembered.",
          examples: [30],
          order: 6,
        },
      ),
      max_messages_per_recipient: withMeta(z.optional(z.int().check(z.minimum(1), z.maximum(1000))), {
        title: "Max messages per recipient",
        description:
          "With object storage and the send ledger: at most this many messages from one number to one recipient within frequency_window_hours, counting the sends of earlier syncs; a send past it is rejected without a call. Leave empty for no cap.",
        examples: [1, 3],
        order: 7,
      }),
      frequency_window_hours: withMeta(
        z._default(z.int().check(z.minimum(1), z.maximum(720)), DEFAULT_FREQUENCY_WINDOW_HOURS),
        {
          title: "Frequency window (hours)",
          description:
            "The window of max_messages_per_recipient, at most object_storage_config.ledger_window_hours (the sync reads the ledger that far back).",
          examples: [24, 168],
          order: 8,
        },
      ),
    }),
    () => ({ ...EVERY_GUARD_ON }),
  ),
  {
    title: "Campaign guardrails",
    description:
      "Stops that protect a campaign and the sending number: paused templates, Meta's spam rate limit, RED quality and blocked Flows, all on by default; with object storage, recipients who opted out or reached a marketing limit are remembered across syncs, and an optional cap on messages per recipient.",
    order: 13,
  },
);

export type GuardrailsConfig = z.output<typeof guardrailsSchema>;

/** Every guard on: what an operation assumes when nobody passed the config's guardrails. */
export const DEFAULT_GUARDRAILS: GuardrailsConfig = EVERY_GUARD_ON;
