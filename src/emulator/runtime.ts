import type { MarketingOptOuts } from "./account/marketing-opt-outs.js";
import type { MessageStatuses } from "./account/message-statuses.js";
import type { PhoneFacts } from "./account/phone-facts.js";
import type { ServiceWindows } from "./account/service-windows.js";
import type { Faults } from "./faults.js";
import type { RateLimiter } from "./rate-limits.js";
import type { RequestLog } from "./request-log.js";
import type { EmulatorState } from "./state.js";
import type { TemplateStore } from "./templates/template-store.js";
import type { UsageHeaders } from "./usage-headers.js";
import type { Wamids } from "./wamids.js";

/** Everything one emulator instance holds; shared by the Graph and control handlers. */
export interface Runtime {
  readonly token: string;
  readonly permissions: ReadonlySet<string>;
  readonly maxBodyBytes: number;
  baseUrl: string;
  readonly state: EmulatorState;
  readonly faults: Faults;
  readonly limiter: RateLimiter;
  readonly requestLog: RequestLog;
  readonly usage: UsageHeaders;
  readonly wamids: Wamids;
  readonly templates: TemplateStore;
  readonly autoApproveTemplates: boolean;
  readonly windows: ServiceWindows;
  readonly optOuts: MarketingOptOuts;
  readonly phones: PhoneFacts;
  readonly statuses: MessageStatuses;
}
