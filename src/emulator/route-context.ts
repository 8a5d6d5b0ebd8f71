import type { MarketingOptOuts } from "./account/marketing-opt-outs.js";
import type { MessageStatuses } from "./account/message-statuses.js";
import type { PhoneFacts } from "./account/phone-facts.js";
import type { ServiceWindows } from "./account/service-windows.js";
import type { ParsedBody } from "./body/index.js";
import type { EmulatorState } from "./state.js";
import type { TemplateStore } from "./templates/template-store.js";
import type { RequestLogEntry } from "./types.js";
import type { Wamids } from "./wamids.js";

/** What a route handler sees of one request. */
export interface RouteContext {
  readonly method: string;
  /** Path segments after the version, e.g. ["123", "flows"]. */
  readonly segments: readonly string[];
  readonly query: URLSearchParams;
  readonly body: ParsedBody;
  readonly state: EmulatorState;
  /** The emulator's own origin, for download URLs. */
  readonly baseUrl: string;
  readonly limits: { check(phone: string, recipient: string): void };
  readonly wamids: Wamids;
  readonly templates: TemplateStore;
  readonly autoApproveTemplates: boolean;
  readonly windows: ServiceWindows;
  /** Recipients who stopped marketing messages (131050 to a MARKETING template). */
  readonly optOuts: MarketingOptOuts;
  readonly phones: PhoneFacts;
  /** Accepted messages as their status webhooks would say them, and Marketing Messages onboarding. */
  readonly statuses: MessageStatuses;
  /** The handler fills in what the request log should remember (flow id, name, recipient, wamid). */
  readonly note: Partial<RequestLogEntry>;
}

export interface Reply {
  readonly status: number;
  readonly body: unknown;
}

export type Handler = (ctx: RouteContext) => Reply;

export const SUCCESS: Reply = { status: 200, body: { success: true } };
