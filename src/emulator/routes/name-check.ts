import { GraphErrorReply } from "../graph-error-reply.js";
import type { EmulatorState } from "../state.js";

/** Flow names are unique per WABA; Meta answers code 100 naming the clash. */
export function assertNameFree(state: EmulatorState, name: string, exceptId?: string): void {
  const existing = state.flowByName(name);
  if (existing === undefined || existing.id === exceptId) return;
  throw new GraphErrorReply({
    status: 400,
    code: 100,
    message: `(#100) Flow name "${name}" is not unique: another Flow with this name exists in this WhatsApp Business Account`,
    userTitle: "Flow name is not unique",
    userMsg: `A Flow named "${name}" already exists in this WhatsApp Business Account. Choose a different name.`,
  });
}
