// User+sys CPU per 10k records of each operation's request rendering (plan(): field
// checks, local Flow JSON validation, body building, placeholder rendering), in-process, records
// built before the clock starts. Absolute figures: compare runs of the same machine.
import { readFileSync } from "node:fs";
import { compileEndpoints, contextFor } from "../lib/operations.mjs";
import { ROOT } from "../lib/paths.mjs";
import { inviteRecord } from "../lib/workload.mjs";

/** The project's own sample Flow JSONs (integration_tests/messages.jsonl), largest first. */
function sampleFlowJsons() {
  const found = [];
  for (const line of readFileSync(`${ROOT}integration_tests/messages.jsonl`, "utf8").split("\n")) {
    if (line.trim() === "") continue;
    const data = JSON.parse(line).record?.data;
    if (data?.flow_json !== undefined) found.push(data.flow_json);
  }
  return found.sort((a, b) => JSON.stringify(b).length - JSON.stringify(a).length);
}

const flowId = (i) => String(1_000_000_000_000_000 + i);

function fullBody(i) {
  const shorthand = inviteRecord(i);
  return {
    messaging_product: "whatsapp",
    recipient_type: "individual",
    to: shorthand.to,
    type: "interactive",
    interactive: {
      type: "flow",
      header: { type: "text", text: shorthand.header },
      body: { text: shorthand.body },
      footer: { text: shorthand.footer },
      action: {
        name: "flow",
        parameters: {
          flow_message_version: "3",
          flow_token: shorthand.flow_token,
          flow_id: flowId(0),
          flow_cta: shorthand.flow_cta,
          flow_action: "navigate",
          flow_action_payload: { screen: "WELCOME", data: shorthand.data },
        },
      },
    },
  };
}

const ADVANCED_SEND_BODY =
  '{"messaging_product":"whatsapp","to":"{message.to}","type":"interactive","interactive":{"type":"flow",' +
  '"body":{"text":"{message.body}"},"action":{"name":"flow","parameters":{"flow_message_version":"3",' +
  '"flow_cta":"{message.flow_cta}","flow_name":"{message.flow_name}","flow_token":"{message.flow_token}",' +
  '"flow_action":"navigate","flow_action_payload":{"screen":"WELCOME","data":{message.data}}}}}}';

/** Each case: the endpoint and record i. */
function cases() {
  const flowJson = sampleFlowJsons()[0];
  const base = "https://graph.facebook.com";
  return {
    create_flow: [
      { template: "create_flow" },
      (i) => ({ name: `booking_${i}`, categories: ["APPOINTMENT_BOOKING"], flow_json: flowJson }),
    ],
    update_flow_json: [
      { template: "update_flow_json" },
      (i) => ({ flow_id: flowId(i), flow_json: flowJson }),
    ],
    update_flow_metadata: [
      { template: "update_flow_metadata" },
      (i) => ({ flow_id: flowId(i), name: `booking_${i}`, categories: ["OTHER"] }),
    ],
    publish_flow: [{ template: "publish_flow" }, (i) => ({ flow_id: flowId(i) })],
    deprecate_flow: [{ template: "deprecate_flow" }, (i) => ({ flow_id: flowId(i) })],
    delete_flow: [{ template: "delete_flow" }, (i) => ({ flow_id: flowId(i) })],
    send_published_flow: [{ template: "send_published_flow" }, inviteRecord],
    send_draft_flow_full_body: [{ template: "send_draft_flow" }, fullBody],
    advanced_json_send: [
      {
        template: "advanced",
        method: "POST",
        content_format: "json",
        url: `${base}/{config.api_version}/{config.phone_number_id}/messages`,
        body_template: ADVANCED_SEND_BODY,
      },
      inviteRecord,
    ],
    advanced_multipart_create: [
      {
        template: "advanced",
        method: "POST",
        content_format: "multipart/form-data",
        url: `${base}/{config.api_version}/{config.waba_id}/flows`,
        body_template: '{"name":"{message.name}","categories":["OTHER"],"flow_json":{message.flow_json}}',
      },
      (i) => ({ name: `booking_${i}`, flow_json: flowJson }),
    ],
  };
}

export async function benchRenderCpu({ settings, log }) {
  const n = settings.cpuRecords;
  const all = cases();
  const endpoints = Object.fromEntries(Object.entries(all).map(([name, [endpoint]]) => [name, endpoint]));
  const compiled = compileEndpoints(endpoints);
  const results = {};
  for (const [name, [, makeRecord]] of Object.entries(all)) {
    const { operation, stream } = compiled[name];
    const records = Array.from({ length: n }, (_, i) => makeRecord(i));
    // Warm-up (JIT), then the measured loop; a plan that throws would be a bench bug.
    for (let i = 0; i < Math.min(500, n); i++) operation.plan(records[i], contextFor(stream, i));
    // The least of three passes: noise from the shared machine only ever adds time.
    let cpuSeconds = Infinity;
    for (let pass = 0; pass < 3; pass++) {
      let sink = 0;
      const before = process.cpuUsage();
      for (let i = 0; i < n; i++) sink += operation.plan(records[i], contextFor(stream, i)).key.length;
      const used = process.cpuUsage(before);
      if (sink === 0) throw new Error(`${name}: plans without ordering keys`);
      cpuSeconds = Math.min(cpuSeconds, (used.user + used.system) / 1e6);
    }
    results[name] = { cpuSecondsPer10k: (cpuSeconds * 10_000) / n };
    log(`  ${name.padEnd(26)} ${(results[name].cpuSecondsPer10k * 1000).toFixed(1)} ms CPU / 10k records`);
  }
  return { records: n, templates: results };
}
