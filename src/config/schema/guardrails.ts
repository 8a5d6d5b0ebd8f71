import { z } from "zod";

/**
 * The campaign guardrails: each one stops sends that Meta would refuse anyway, or that would
 * lower the sender's quality, and each is on unless the config turns it off. Strings rather than
 * booleans so that a saved config reads as what it does (`quality_guard: "off"`).
 */
const onOff = (title: string, description: string, order: number) =>
  z
    .enum(["on", "off"])
    .default("on")
    .meta({ title, description, examples: ["on", "off"], order });

export const guardrailsSchema = z
  .looseObject({
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
  })
  .default({
    paused_template_guard: "on",
    spam_limit_guard: "on",
    quality_guard: "on",
    flow_health_guard: "on",
  })
  .meta({
    title: "Campaign guardrails",
    description:
      "Stops that protect a campaign and the sending number: paused templates, Meta's spam rate limit, RED quality and blocked Flows. All on by default.",
    order: 13,
  });

export type GuardrailsConfig = z.output<typeof guardrailsSchema>;

/** Every guard on: what an operation assumes when nobody passed the config's guardrails. */
export const DEFAULT_GUARDRAILS: GuardrailsConfig = {
  paused_template_guard: "on",
  spam_limit_guard: "on",
  quality_guard: "on",
  flow_health_guard: "on",
};
