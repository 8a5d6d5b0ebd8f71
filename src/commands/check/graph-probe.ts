import type { Config } from "../../config/index.js";
import { ConnectorError } from "../../errors/index.js";
import {
  accessProblemOf,
  classificationOf,
  GraphApiError,
  type GraphClient,
  NetworkError,
} from "../../graph/index.js";
import { LEVEL_RATES } from "../send-pace.js";
import { configuredSenderPaths, configuredSenders, readSenderFacts } from "../sender-facts.js";
import { networkReason } from "./network-reason.js";

/**
 * What `check` asks the Graph API, in the order a user would fix things: can we reach it, is the
 * token alive, may it manage this WABA's Flows, do the configured senders belong to the WABA.
 * Each answer is a sentence the user can act on, or undefined when all is well.
 */
export async function probeGraph(
  config: Config,
  client: GraphClient,
  signal: AbortSignal,
): Promise<string | undefined> {
  const waba = config.waba_id;
  const get = (path: string, query: Record<string, string>) =>
    client.request({
      method: "GET",
      path,
      query,
      body: { kind: "none" },
      idempotent: true,
      pacing: { kind: "none" },
      signal,
    });
  try {
    await get(waba, { fields: "id,name" });
  } catch (error) {
    return explain(error, config, `WhatsApp Business Account ${waba}`);
  }
  try {
    await get(`${waba}/flows`, { fields: "id,name,status", limit: "1" });
  } catch (error) {
    return explain(error, config, `the Flows of WhatsApp Business Account ${waba}`);
  }
  const wanted = configuredSenderPaths(config);
  if (wanted.size === 0) return undefined;
  let owned: Set<string>;
  try {
    owned = await listPhoneNumbers(get, waba);
  } catch (error) {
    return explain(error, config, `the phone numbers of WhatsApp Business Account ${waba}`);
  }
  for (const [id, where] of wanted) {
    if (!owned.has(id)) {
      return `Business Phone Number ID ${id} (${where}) does not belong to WhatsApp Business Account ${waba}. Use one of: ${[...owned].join(", ") || "(the WABA has no phone numbers)"}`;
    }
  }
  return undefined;
}

type Get = (path: string, query: Record<string, string>) => Promise<{ body: unknown }>;

async function listPhoneNumbers(get: Get, waba: string): Promise<Set<string>> {
  const owned = new Set<string>();
  let after: string | undefined;
  // Bounded: a WABA has at most a few dozen numbers; 20 pages is far beyond any real account.
  for (let page = 0; page < 20; page++) {
    const { body } = await get(`${waba}/phone_numbers`, {
      fields: "id",
      limit: "100",
      ...(after ? { after } : {}),
    });
    const data = (body as { data?: Array<{ id?: unknown }> }).data ?? [];
    for (const entry of data) if (typeof entry.id === "string") owned.add(entry.id);
    const next = (body as { paging?: { next?: string; cursors?: { after?: string } } }).paging;
    if (!next?.next || !next.cursors?.after) break;
    after = next.cursors.after;
  }
  return owned;
}

function explain(error: unknown, config: Config, what: string): string {
  if (error instanceof NetworkError) {
    return `Cannot reach ${config.base_url}: ${networkReason(error.causeCode ?? error.code)}. Check base_url and the network (allowed hosts: graph.facebook.com)`;
  }
  if (error instanceof GraphApiError) {
    const code = error.graphCode;
    const problem = accessProblemOf(error);
    const ref = `(Graph error ${code ?? `HTTP ${error.status}`}${error.subcode ? `/${error.subcode}` : ""}${error.fbtraceId ? `, fbtrace_id ${error.fbtraceId}` : ""})`;
    if (problem === "token") {
      return `The access token is invalid or has expired ${ref}. Generate a new System User token in Meta Business Settings → System users`;
    }
    if (problem === "permission") {
      return `The token lacks whatsapp_business_management for ${what} ${ref}. Grant the System User the whatsapp_business_management (and whatsapp_business_messaging to send) permission and assign it the WABA`;
    }
    if (code === 100 && (error.subcode === 33 || error.status === 404)) {
      return `WABA ${config.waba_id} was not found or is not shared with this token ${ref}. Check waba_id and that the System User is assigned to this WhatsApp Business Account`;
    }
    if (classificationOf(error).kind === "rate_limit") {
      return `Meta is rate limiting this app or account right now ${ref}; try the check again later`;
    }
    return `The Graph API refused to read ${what} ${ref}: ${error.graphMessage ?? `HTTP ${error.status}`}`;
  }
  if (error instanceof ConnectorError) return error.message;
  throw error;
}

const TIER_CUSTOMERS: Readonly<Record<string, string>> = {
  TIER_250: "250",
  TIER_2K: "2,000",
  TIER_10K: "10,000",
  TIER_100K: "100,000",
  TIER_UNLIMITED: "unlimited",
};

/**
 * The SUCCEEDED message: each configured sender's throughput level and quality rating, and the
 * portfolio's messaging limit, so a campaign is planned against Meta's limits. Best effort: a
 * sender that cannot be read is named as such; the check has already passed.
 */
export async function describeSenders(
  config: Config,
  client: GraphClient,
  signal: AbortSignal,
): Promise<string | undefined> {
  const senders = configuredSenders(config);
  if (senders.length === 0) return undefined;
  const results = await Promise.allSettled(senders.map((id) => readSenderFacts(client, id, signal)));
  let limit: string | undefined;
  const lines = results.map((r, i) => {
    if (r.status === "rejected")
      return `Sender ${senders[i]}: throughput level and quality rating could not be read`;
    const f = r.value;
    limit ??= f.messagingLimit;
    const level = f.throughputLevel ?? "unknown";
    const rate = LEVEL_RATES[level] === undefined ? "" : ` (${LEVEL_RATES[level]} messages/s)`;
    const name = f.displayPhoneNumber === undefined ? "" : ` (${f.displayPhoneNumber})`;
    const refused =
      f.qualityRating === "RED" && config.guardrails.quality_guard === "on"
        ? " (MARKETING template sends from it are refused: guardrails.quality_guard)"
        : "";
    return `Sender ${f.phoneNumberId}${name}: throughput level ${level}${rate}, quality rating ${f.qualityRating ?? "unknown"}${refused}`;
  });
  if (limit !== undefined) {
    const customers = TIER_CUSTOMERS[limit];
    lines.push(
      `Messaging limit ${limit}${customers ? ` (${customers} customers outside a customer-service window per 24 hours)` : ""}`,
    );
  }
  return `${lines.join(". ")}.`;
}
