import type { PacingLane } from "../../graph/index.js";

type SendLane = Extract<PacingLane, { readonly kind: "send" }>;

/**
 * Pacing grants taken for journaled calls before their intents are written (see JournalGate):
 * the pace, not the intent, decides when a call may leave, so an intent is stored only for a call
 * the pace already let go. The transport's next request of the lane uses the grant.
 */
export interface CallGrants {
  /**
   * Waits for the pace to allow the planned call: null when it allows it now, undefined when the
   * call is not one a lane grants ahead (not a paced message send). Rejects when `signal` ends.
   */
  take(plan: unknown, signal: AbortSignal): Promise<unknown> | null | undefined;
  /** A grant `take` gave for a plan whose call will not be made. */
  giveBack(plan: unknown): void;
  /** Calls per second the lanes granted so far allow together (several senders: their sum). */
  pace(): number;
}

/** What the Graph client offers for it (GraphClient.reservePace / releasePace). */
export interface LaneReservations {
  reservePace(lane: SendLane, signal?: AbortSignal): Promise<number> | null;
  releasePace(lane: SendLane): void;
  sendLanesRate(): number;
}

/** The send lane of a Graph plan (`GraphPlan.request.pacing`), if it has one. */
function sendLaneOf(plan: unknown): SendLane | undefined {
  if (typeof plan !== "object" || plan === null || !("request" in plan)) return undefined;
  const request: unknown = plan.request;
  if (typeof request !== "object" || request === null || !("pacing" in request)) return undefined;
  const lane = request.pacing as PacingLane | undefined;
  return lane?.kind === "send" ? lane : undefined;
}

export function callGrantsOf(client: LaneReservations): CallGrants {
  return {
    take(plan, signal) {
      const lane = sendLaneOf(plan);
      return lane === undefined ? undefined : client.reservePace(lane, signal);
    },
    giveBack(plan) {
      const lane = sendLaneOf(plan);
      if (lane !== undefined) client.releasePace(lane);
    },
    pace: () => client.sendLanesRate(),
  };
}
