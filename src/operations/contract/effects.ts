/**
 * What a call does that someone could see, said once: on each definition (its operation's calls)
 * and on each Graph call a plan builds. The rules that keep a sync from doing a thing twice, or
 * too fast, derive from it and from nothing else:
 *
 * | effects         | retried after a lost answer | journaled in the send ledger | paced as a send |
 * | :-------------- | :-------------------------- | :--------------------------- | :-------------- |
 * | `reads`         | yes                         | no                           | no              |
 * | `writes`        | yes                         | no                           | no              |
 * | `modifies`      | no                          | no                           | no              |
 * | `creates`       | no                          | yes                          | no              |
 * | `sends_message` | no                          | yes                          | yes             |
 */
export type Effects =
  /** Changes nothing (GET). */
  | "reads"
  /** Sets something to a state the call gives in full (update, publish, delete, PUT): a repeat changes nothing more. */
  | "writes"
  /** Changes something in place by a partial request (PATCH): a repeat may change it again; nothing new appears. */
  | "modifies"
  /** Makes a new object (a Flow, a message template, an advanced POST): a repeat makes a second one. */
  | "creates"
  /** Sends a message to a person from a Business Phone Number: a repeat is a second message. */
  | "sends_message";

/**
 * The Graph client may send the call again when its answer was lost or refused for a moment
 * (`GraphRequest.idempotent`): only when a second one changes nothing the first did not.
 */
export function retriedAfterLoss(effects: Effects): boolean {
  return effects === "reads" || effects === "writes";
}

/**
 * A repeat would be seen (a second message, a second Flow): with object storage, the send ledger
 * journals the call so that no attempt of the sync repeats what another made.
 */
export function journaled(effects: Effects): boolean {
  return effects === "creates" || effects === "sends_message";
}

/**
 * Its calls wait for their sender's messages_per_second; a sync whose journaled calls are all
 * such sends knows the pace of its ledger from the first record. Check verifies the senders such
 * an operation's streams fix.
 */
export function pacedAsSend(effects: Effects): boolean {
  return effects === "sends_message";
}
