import { DEFAULT_GUARDRAILS, type GuardrailsConfig } from "../../config/index.js";
import { ConfigError, type ConfigLevelCause, ConnectorError, RecordError } from "../../errors/index.js";
import { GraphApiError } from "../../graph/index.js";
import { CallTally } from "../contract/call-tally.js";
import { type GraphPlan, recordLabel } from "../contract/graph-plan.js";
import type { RejectedOutcome } from "../contract/operation.js";
import type { GraphRequester, OperationEnv } from "../contract/operation-env.js";
import { isPlainObject } from "../records/record-fields.js";
import { configCauseOf, type FlowRef, flowLabel, type TemplateRef, templateLabel } from "./config-cause.js";
import { type FlowHealth, flowHealthOf } from "./flow-health.js";
import { type FlowNameCache, flowNamesOf, UNKNOWN_NAME } from "./flow-names.js";
import { managementRead } from "./graph-call.js";

/** Meta's spam rate limit: the number sent too much that users blocked or reported. */
const SPAM_RATE_LIMIT = 131048;
/** The send answers that say the template itself may not be sent, and the status they mean. */
const TEMPLATE_STOPS: ReadonlyMap<number, string> = new Map([
  [132015, "PAUSED"],
  [132016, "DISABLED"],
]);

/**
 * A send as the guards see it: its sender, and the Flow the message opens (an interactive
 * message's, or the one a template's FLOW button opens as the WABA's template list names it).
 */
export interface GuardedSend extends GraphPlan {
  readonly phoneNumberId: string;
  readonly flow?: FlowRef | undefined;
}

/** What beforeSend decides: a rejection without a call, or undefined (the send may go). */
export type GuardVerdict = RejectedOutcome | undefined;

type IdentifiedFlow = FlowRef & { readonly id: string };

/** A Flow named by a name the sync's Flow-name cache cannot place without a list scan. */
interface UnresolvedFlow {
  readonly unresolved: string;
}

const templateKey = (t: TemplateRef) => `${t.name}\u0000${t.language}`;

/**
 * The campaign guardrails of one sync (see the config's `guardrails`): what Meta said during the
 * sync that makes further sends of a template, from a number or of a Flow useless or harmful.
 * Shared by every send operation compiled with the same client, so one record's answer stops the
 * records behind it; a stop takes effect for calls not yet made (calls in flight finish).
 */
export class CampaignGuards {
  private readonly settings: GuardrailsConfig;
  private readonly stoppedTemplates = new Map<string, { status: string; cause?: ConfigLevelCause }>();
  private readonly stoppedSenders = new Map<string, ConfigError>();
  private readonly qualities = new Map<string, Promise<string | undefined>>();
  /**
   * Each Flow's health read: its promise while the read runs (concurrent sends share it), then its
   * answer (undefined: unreadable), which beforeSend's quick path reads without awaiting.
   */
  private readonly flowHealths = new Map<string, Promise<FlowHealth | undefined> | FlowHealth | undefined>();

  constructor(private readonly env: OperationEnv) {
    this.settings = env.guardrails ?? DEFAULT_GUARDRAILS;
  }

  /**
   * Before a send's call: throws the error that stopped its sender; a rejection (no call) when its
   * template was paused or disabled earlier in the sync, or its Flow's health says BLOCKED (the
   * Flow of a template send is its FLOW button's, when the template list names it). Answers at
   * once, without a promise, when the sync already knows what it needs (the usual case after the
   * first records: a promise and two awaits a send cost more CPU than the rest of the check).
   */
  beforeSend(
    plan: GuardedSend,
    template: TemplateRef | undefined,
    signal: AbortSignal | undefined,
  ): GuardVerdict | Promise<GuardVerdict> {
    const stoppedSender = this.stoppedSenders.get(plan.phoneNumberId);
    if (stoppedSender !== undefined) throw stoppedSender;
    const stopped = template === undefined ? undefined : this.stoppedTemplates.get(templateKey(template));
    if (template !== undefined && stopped !== undefined) {
      return guardRejection(
        plan,
        `not sent: ${templateLabel(template)} is ${stopped.status}: Meta said so to an earlier send of this sync, so its remaining records are rejected without a call`,
        stopped.status === "PAUSED"
          ? "Meta paused the template for low quality: edit it (or wait until Meta lifts the pause), or send another template; set guardrails.paused_template_guard to off to send each record anyway"
          : "Meta disabled the template for low quality: create a new template with create_flow_template, or send another one",
        stopped.cause,
      );
    }
    if (this.settings.flow_health_guard !== "on" || plan.flow === undefined) return undefined;
    const flow = this.knownFlow(plan.flow);
    if (flow === undefined) return undefined;
    if ("id" in flow) {
      const health = this.flowHealths.get(flow.id);
      if (!(health instanceof Promise) && this.flowHealths.has(flow.id))
        return healthVerdict(plan, template, flow, health);
    }
    return this.flowVerdict(plan, template, flow, signal);
  }

  /** beforeSend's Flow check when a name or a health must still be read. */
  private async flowVerdict(
    plan: GuardedSend,
    template: TemplateRef | undefined,
    known: IdentifiedFlow | UnresolvedFlow,
    signal: AbortSignal | undefined,
  ): Promise<GuardVerdict> {
    const flow = "unresolved" in known ? await this.flowNamed(known.unresolved, signal) : known;
    if (flow === undefined) return undefined;
    return healthVerdict(plan, template, flow, await this.flowHealthOf(flow.id, signal));
  }

  /**
   * After a refused send: 131048 stops its sender for the rest of the sync (thrown: the sync ends),
   * 132015/132016 stop its template (the record itself is rejected by the caller as usual).
   */
  afterRefusal(plan: GuardedSend, template: TemplateRef | undefined, error: unknown): void {
    if (!(error instanceof GraphApiError) || error.graphCode === undefined) return;
    if (error.graphCode === SPAM_RATE_LIMIT && this.settings.spam_limit_guard === "on") {
      const stop = this.stoppedSenders.get(plan.phoneNumberId) ?? spamLimitError(plan.phoneNumberId, error);
      this.stoppedSenders.set(plan.phoneNumberId, stop);
      throw stop;
    }
    const status = TEMPLATE_STOPS.get(error.graphCode);
    if (status !== undefined && template !== undefined && this.settings.paused_template_guard === "on") {
      const cause = configCauseOf(error, { wabaId: this.env.wabaId, template });
      this.stoppedTemplates.set(templateKey(template), cause === undefined ? { status } : { status, cause });
    }
  }

  /**
   * Before a MARKETING template send: throws a config_error when its sender's quality rating is
   * RED (read once per number and sync). A rating that cannot be read does not stop the send.
   */
  async checkMarketingSender(
    plan: GuardedSend,
    template: TemplateRef,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    if (this.settings.quality_guard !== "on") return;
    const id = plan.phoneNumberId;
    let quality = this.qualities.get(id);
    if (quality === undefined) {
      quality = this.readQuality(id, signal);
      this.qualities.set(id, quality);
    }
    if ((await quality) !== "RED") return;
    throw new ConfigError(
      `the quality rating of phone number ${id} is RED: MARKETING template sends from it are refused (${recordLabel(plan.context)} sends ${templateLabel(template)}, a MARKETING template)`,
      {
        code: "ERR_SENDER_QUALITY_RED",
        hint: "Meta rates quality by how users received the number's recent messages (blocks, reports): send marketing only to people who opted in, less often and more relevant, and check WhatsApp Manager → Phone numbers → Insights; send from another number, or set guardrails.quality_guard to off to send anyway",
      },
    );
  }

  // The reads below are the sync's, made once for many records: no record's tally counts them.
  private async readQuality(id: string, signal: AbortSignal | undefined): Promise<string | undefined> {
    const read = await managementRead(
      this.env,
      { path: id, query: { fields: "quality_rating" } },
      signal,
      new CallTally(),
    );
    if (!read.ok || !isPlainObject(read.response.body)) return undefined;
    const rating = read.response.body.quality_rating;
    return typeof rating === "string" ? rating : undefined;
  }

  /**
   * The Flow a send opens, with its id, when the sync knows it without a read: a message naming
   * its Flow by `flow_name` is placed through the sync's Flow-name cache, so the same health read
   * covers it. Undefined when the Flow has neither id nor name, or the name is known not to exist;
   * the name still to resolve when only a list scan can place it.
   */
  private knownFlow(flow: FlowRef): IdentifiedFlow | UnresolvedFlow | undefined {
    if (flow.id !== undefined) return flow as IdentifiedFlow;
    if (flow.name === undefined) return undefined;
    const known = flowNamesOf(this.env).cached(flow.name);
    if (known === UNKNOWN_NAME) return { unresolved: flow.name };
    return known === undefined ? undefined : { id: known.id, name: flow.name };
  }

  /**
   * The Flow named `name` after the sync's one list scan. Undefined when the name is unknown or
   * the list cannot be read: Meta's answer to the send then says what is wrong, as without the
   * guard.
   */
  private async flowNamed(
    name: string,
    signal: AbortSignal | undefined,
  ): Promise<IdentifiedFlow | undefined> {
    let found: Awaited<ReturnType<FlowNameCache["resolve"]>>;
    try {
      found = await flowNamesOf(this.env).resolve(this.env, name, signal, new CallTally());
    } catch (error) {
      // The guard's own read failing is not the send's failure: the send meets the same cause.
      if (error instanceof ConnectorError) return undefined;
      throw error;
    }
    return found ? { id: found.id, name } : undefined;
  }

  private flowHealthOf(
    flowId: string,
    signal: AbortSignal | undefined,
  ): Promise<FlowHealth | undefined> | FlowHealth | undefined {
    if (this.flowHealths.has(flowId)) return this.flowHealths.get(flowId);
    const read = managementRead(
      this.env,
      { path: flowId, query: { fields: "health_status" } },
      signal,
      new CallTally(),
    ).then((answer) => {
      const health = answer.ok ? flowHealthOf(answer.response.body) : undefined;
      this.flowHealths.set(flowId, health);
      return health;
    });
    this.flowHealths.set(flowId, read);
    return read;
  }
}

/** A send's verdict from its Flow's health: rejected when BLOCKED, else undefined. */
function healthVerdict(
  plan: GuardedSend,
  template: TemplateRef | undefined,
  flow: IdentifiedFlow,
  health: FlowHealth | undefined,
): GuardVerdict {
  if (health?.blocked !== true) return undefined;
  // A template send opens the Flow of the template's FLOW button: the record names the template.
  const label =
    template === undefined
      ? flowLabel(flow)
      : `${templateLabel(template)} opens ${flowLabel(flow)} (its FLOW button), which`;
  const hint = `Fix what Meta names in WhatsApp Manager → Flows (the Flow's health), or send ${template === undefined ? "another Flow" : "a template whose FLOW button opens a Flow that can be sent"}; set guardrails.flow_health_guard to off to send anyway`;
  return guardRejection(plan, `not sent: ${label} cannot be sent: ${health.reason}`, hint, {
    key: `flow\u0000${flow.id}\u0000\u0000health:BLOCKED`,
    problem: `${label} cannot be sent: ${health.reason}`,
    hint,
  });
}

function spamLimitError(phoneNumberId: string, error: GraphApiError): ConfigError {
  return new ConfigError(
    `Meta's spam rate limit (Graph error 131048) stopped the sends of phone number ${phoneNumberId}: no message is sent from it again in this sync, and the records not sent stay for the next one`,
    {
      code: "ERR_SPAM_RATE_LIMIT",
      hint: "Meta limits a number whose recent messages were blocked or reported as spam: check its quality rating and messaging limit in WhatsApp Manager → Phone numbers → Insights, send only to people who opted in, fewer and more relevant messages, and run the sync again once the quality has recovered",
      cause: error,
    },
  );
}

function guardRejection(
  plan: GraphPlan,
  reason: string,
  hint: string,
  cause: ConfigLevelCause | undefined,
): RejectedOutcome {
  return {
    kind: "rejected",
    request: plan.summary,
    error: new RecordError(`${recordLabel(plan.context)}: ${reason}`, {
      code: "ERR_CAMPAIGN_GUARD",
      hint,
      ...(cause === undefined ? {} : { configCause: cause }),
    }),
  };
}

const GUARDS = new WeakMap<GraphRequester, CampaignGuards>();

/** The one set of guards of a sync: every send operation compiled with the same client shares it. */
export function campaignGuardsOf(env: OperationEnv): CampaignGuards {
  let guards = GUARDS.get(env.client);
  if (guards === undefined) {
    guards = new CampaignGuards(env);
    GUARDS.set(env.client, guards);
  }
  return guards;
}
