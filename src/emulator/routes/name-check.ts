import { GraphErrorReply } from "../graph-error-reply.js";
import { flowsInvalidParameter } from "../graph-errors.js";
import type { EmulatorState } from "../state.js";

/** Flow names are unique per WABA; Meta answers code 100 with its "not unique" title and message. */
export function assertNameFree(state: EmulatorState, name: string, exceptId?: string): void {
  const existing = state.flowByName(name);
  if (existing === undefined || existing.id === exceptId) return;
  throw new GraphErrorReply(
    flowsInvalidParameter(
      "Flow name is not unique",
      "Flow name should be unique within one WhatsApp Business Account. Please select another name for your Flow.",
    ),
  );
}
