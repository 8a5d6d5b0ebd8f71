import { GraphApiError } from "../../graph/index.js";
import * as z from "../../zod.js";
import { withMeta } from "../../zod.js";
import type { OperationEnv } from "../contract/operation-env.js";

/** `marketing_messages_api`: whether MARKETING templates go to Meta's Marketing Messages API. */
export const MARKETING_MESSAGES_API_MODES = ["off", "auto"] as const;
export type MarketingMessagesApiMode = (typeof MARKETING_MESSAGES_API_MODES)[number];

export const marketingMessagesApiOption = withMeta(z._default(z.enum(MARKETING_MESSAGES_API_MODES), "off"), {
  title: "Marketing Messages API",
  description:
    "off: every template goes to POST /{phone_number_id}/messages. auto: MARKETING templates (by the WABA's template list) go to POST /{phone_number_id}/marketing_messages; when the WABA is not onboarded to the Marketing Messages API, the sync says so once (WARN) and sends them to /messages for the rest of the sync.",
  order: 21,
});

/**
 * Whether the Marketing Messages API refused this WABA as not onboarded (it has not accepted
 * the API's terms): Meta answers such a WABA with a permission error (code 10, or 200–299, HTTP
 * 403, as its OpenAPI file's MM Lite eligibility answers are), where /messages would take the
 * send. A real permission problem of the token fails the same way on /messages, and is reported
 * there as a config_error.
 */
export function isNotOnboarded(error: unknown): boolean {
  if (!(error instanceof GraphApiError) || error.status !== 403) return false;
  const code = error.graphCode;
  return code === 10 || (code !== undefined && code >= 200 && code <= 299);
}

/**
 * Per sync (one OperationEnv): whether the WABA proved not onboarded, so that every stream of
 * the sync sends MARKETING templates to /messages after the first refusal and says so once.
 */
export interface MarketingRoute {
  fellBack: boolean;
  /** Set once, by the first record that fell back: that record carries the WARN line. */
  warned: boolean;
}

const ROUTES = new WeakMap<OperationEnv, MarketingRoute>();

export function marketingRouteOf(env: OperationEnv): MarketingRoute {
  let route = ROUTES.get(env);
  if (route === undefined) {
    route = { fellBack: false, warned: false };
    ROUTES.set(env, route);
  }
  return route;
}

export const NOT_ONBOARDED_WARNING =
  "the WhatsApp Business Account is not onboarded to the Marketing Messages API (POST /{phone_number_id}/marketing_messages answered with a permission error): MARKETING templates are sent through /messages for the rest of this sync; accept the Marketing Messages API terms in WhatsApp Manager, or set marketing_messages_api to off";
