import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { SystemError } from "../errors/index.js";
import { MarketingOptOuts } from "./account/marketing-opt-outs.js";
import { MessageStatuses } from "./account/message-statuses.js";
import { PhoneFacts } from "./account/phone-facts.js";
import { ServiceWindows } from "./account/service-windows.js";
import { Faults } from "./faults.js";
import { FlowRules } from "./flow-rules.js";
import { handleGraph } from "./graph-handler.js";
import { RateLimiter } from "./rate-limits.js";
import { RequestLog } from "./request-log.js";
import { sendJson } from "./respond.js";
import { handleControl, resetRuntime } from "./routes/control.js";
import type { Runtime } from "./runtime.js";
import { EmulatorState } from "./state.js";
import { TemplateStore } from "./templates/template-store.js";
import type { EmulatorOptions, RunningEmulator } from "./types.js";
import { UsageHeaders } from "./usage-headers.js";
import { Wamids } from "./wamids.js";

const EMULATOR_DEFAULTS = {
  token: "emulator-token",
  wabaId: "102290129340398",
  wabaName: "Emulator WABA",
  phoneNumberIds: ["106540352242922"],
  permissions: ["whatsapp_business_management", "whatsapp_business_messaging"],
} as const;

function buildRuntime(o: EmulatorOptions): Runtime {
  const wabaId = o.wabaId ?? EMULATOR_DEFAULTS.wabaId;
  const faults = new Faults(o.seed);
  faults.set(o.faults ?? []);
  const phoneNumberIds = o.phoneNumberIds ?? EMULATOR_DEFAULTS.phoneNumberIds;
  const state = new EmulatorState(
    wabaId,
    o.wabaName ?? EMULATOR_DEFAULTS.wabaName,
    phoneNumberIds,
    o.flows ?? [],
    new FlowRules({
      ...(o.publishedFlowEdits === undefined ? {} : { publishedFlowEdits: o.publishedFlowEdits }),
      ...(o.extraFlowJsonVersions === undefined ? {} : { extraFlowJsonVersions: o.extraFlowJsonVersions }),
    }),
  );
  const phones = new PhoneFacts(phoneNumberIds, o.phoneNumbers ?? {}, o.messagingLimit ?? "TIER_10K");
  const windowMode = o.customerServiceWindow ?? "open";
  return {
    token: o.token ?? EMULATOR_DEFAULTS.token,
    permissions: new Set(o.permissions ?? EMULATOR_DEFAULTS.permissions),
    maxBodyBytes: o.maxBodyBytes ?? 12 * 1024 * 1024,
    baseUrl: "",
    state,
    faults,
    limiter: new RateLimiter(
      {
        messagesPerSecond: o.messagesPerSecond,
        pairRatePerWindow: o.pairRatePerWindow,
        pairWindowMs: o.pairWindowMs,
        throughputByLevel: o.throughputByLevel,
      },
      (phone) => phones.levelRate(phone),
    ),
    requestLog: new RequestLog(
      o.journalLimit ?? 200_000,
      o.journalExchanges ?? false,
      o.journalExchangeBytes,
    ),
    usage: new UsageHeaders(wabaId, o.usageCallsPerHour ?? 1_000_000),
    wamids: new Wamids(),
    templates: new TemplateStore(state, o.templates ?? []),
    autoApproveTemplates: o.autoApproveTemplates ?? false,
    windows: new ServiceWindows(windowMode, windowMode),
    optOuts: new MarketingOptOuts(),
    phones,
    statuses: new MessageStatuses(o.marketingMessagesOnboarded ?? true),
  };
}

function onRequest(rt: Runtime, req: IncomingMessage, res: ServerResponse): void {
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  const path = q < 0 ? url : url.slice(0, q);
  const search = q < 0 ? "" : url.slice(q + 1);
  const handler = path.startsWith("/__emulator/") ? handleControl : handleGraph;
  handler(rt, req, res, path, search).catch((error: unknown) => {
    // A bug of ours must answer (and be visible), never hang the client.
    if (!res.headersSent) sendJson(res, 500, { error: `emulator failure: ${(error as Error).message}` });
    else res.destroy();
  });
}

/** Start a local WhatsApp Flows API on `host:port` (default 127.0.0.1, any free port). */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const rt = buildRuntime(options);
  const server = createServer({ keepAliveTimeout: 30_000, requestTimeout: 60_000 }, (req, res) =>
    onRequest(rt, req, res),
  );
  // Sockets destroyed on purpose by reset faults must not surface as server errors.
  server.on("clientError", (_error, socket) => socket.destroy());
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error) =>
      reject(
        new SystemError(`The emulator could not listen on ${host}:${options.port ?? 0}: ${error.message}`),
      ),
    );
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  rt.baseUrl = url;
  return {
    url,
    port,
    token: rt.token,
    wabaId: rt.state.wabaId,
    phoneNumberIds: rt.state.phoneNumberIds,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
    reset: () => resetRuntime(rt),
    setFaults: (rules) => rt.faults.set(rules),
    setRateLimits: (limits) => rt.limiter.set(limits),
    setFlowRules: (settings) => rt.state.rules.set(settings),
    journal: () => rt.requestLog.list(),
    flows: () => rt.state.rows(),
    templates: () => rt.templates.rows(),
  };
}
