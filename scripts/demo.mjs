// `npm run demo`: the connector end to end, exactly as Airbyte runs the image, against the local
// WhatsApp Flows API emulator (nothing leaves 127.0.0.1). It runs spec, check, then two syncs:
// pass 1 creates Flows from integration_tests/messages.jsonl; the created ids come back through
// the response webhook (responses become data again) and fill pass 2, which uploads Flow JSON,
// publishes, deprecates, deletes and sends Flows to customers. Then a data-activation campaign, as
// a connection's mapping screen sets it up (integration_tests/configured_catalog_activation.json:
// each stream names its object in destination_object_name): the campaign's Flow deployed, its
// message template created, approved through the emulator's control API (Meta's review), and sent
// to every row of the audience through the template's own object. Two records are broken on
// purpose (DELIBERATE_REJECTIONS) to show a rejection; any other rejection fails the demo. The
// files of the run are kept in .demo/ (gitignored), and the demo ends with the commands to run it
// by hand.
import { spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import { startEmulator } from "../dist/emulator/index.js";
import { demoRunConfig, sampleConfigAt } from "./demo-config.mjs";

const TOKEN = "EAAG-demo-token-not-real";
const SIGNING_SECRET = "demo-webhook-signing-secret";
/** The port the saved config names, for running the same sync by hand afterwards. */
const BY_HAND_PORT = 8787;
const DEMO_DIR = ".demo";
const bold = (s) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);

/** The records the demo's input breaks on purpose, and what each one teaches. */
const DELIBERATE_REJECTIONS = [
  {
    stream: "new_flows",
    matches: (record) => record?.name === "broken_signup_v1",
    why: "broken_signup_v1's Flow JSON has no terminal screen. The connector validates Flow JSON before uploading it, rejects that one record with the reason, and the rest of the sync goes on.",
  },
  {
    stream: "flow_bodies",
    matches: (record, ids) => record?.flow_id === ids.get("loyalty_signup_v2"),
    why: "this new Flow JSON for loyalty_signup_v2 has no terminal screen, so it is never uploaded. The Flow keeps its last valid version, which is why it stays DRAFT.",
  },
];

function run(args, stdin) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["dist/main.js", ...args], { stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("error", reject);
    child.on("close", (code) => {
      const messages = out
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line));
      resolve({ code, messages, stderr: err });
    });
    child.stdin.on("error", () => {});
    child.stdin.end(stdin ?? "");
  });
}

/** A webhook receiver that checks every signature, as a user's endpoint would. */
async function startWebhookReceiver() {
  const envelopes = [];
  let badSignatures = 0;
  const server = createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const expected = `sha256=${createHmac("sha256", SIGNING_SECRET).update(body).digest("hex")}`;
      if (req.headers["x-signature-256"] !== expected) badSignatures++;
      const parsed = JSON.parse(body.toString("utf8"));
      for (const envelope of Array.isArray(parsed) ? parsed : [parsed]) envelopes.push(envelope);
      res.writeHead(200).end();
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/hooks/whatsapp`,
    envelopes,
    badSignatures: () => badSignatures,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** Every rejection the webhook reported since `from`: each one is deliberate or the demo fails. */
function explainRejections(envelopes, ids) {
  let unexpected = 0;
  for (const e of envelopes) {
    if (!e.outcome || e.outcome === "succeeded") continue;
    const known = DELIBERATE_REJECTIONS.find((d) => d.stream === e.stream && d.matches(e.record, ids));
    if (known) {
      console.log(
        `  ↳ DELIBERATE: the ${e.outcome} record of stream ${e.stream} is broken on purpose. ${known.why}`,
      );
    } else {
      unexpected++;
      console.log(
        `  ↳ NOT deliberate: stream ${e.stream} record ${e.record_index} was ${e.outcome}: a bug to report`,
      );
    }
  }
  return unexpected;
}

function describeSync(title, result) {
  console.log(`\n${bold(title)} (exit code ${result.code})`);
  for (const m of result.messages) {
    if (m.type === "STATE") {
      const s = m.state;
      const scope = s.type === "STREAM" ? `stream ${s.stream.stream_descriptor.name}` : (s.type ?? "LEGACY");
      const stats = s.destinationStats ?? {};
      const rejected = stats.rejectedRecordCount ? `, ${stats.rejectedRecordCount} rejected` : "";
      console.log(`  STATE echoed for ${scope}: ${stats.recordCount} record(s) settled${rejected}`);
    } else if (m.type === "LOG" && m.log.level !== "DEBUG") {
      for (const line of m.log.message.split("\n")) console.log(`  ${m.log.level.padEnd(5)} ${line}`);
    } else if (m.type === "TRACE" && m.trace.type === "ERROR") {
      console.log(`  TRACE ${m.trace.error.failure_type}: ${m.trace.error.message}`);
    }
  }
}

const emulator = await startEmulator({ token: TOKEN });
const webhook = await startWebhookReceiver();
try {
  console.log(bold("destination-whatsapp-flows demo"));
  console.log(`WhatsApp Flows API emulator: ${emulator.url}   response webhook receiver: ${webhook.url}`);

  const sample = JSON.parse(readFileSync("integration_tests/sample_config.json", "utf8"));
  const config = demoRunConfig(sample, {
    token: TOKEN,
    graphUrl: emulator.url,
    webhookUrl: webhook.url,
    signingSecret: SIGNING_SECRET,
  });
  mkdirSync(DEMO_DIR, { recursive: true });
  const runConfigPath = join(DEMO_DIR, "demo-run-config.json");
  writeFileSync(runConfigPath, JSON.stringify(config, null, 2));
  const catalogPath = join(DEMO_DIR, "configured_catalog.json");
  copyFileSync("integration_tests/configured_catalog.json", catalogPath);
  const pass1Path = join(DEMO_DIR, "messages.jsonl");
  copyFileSync("integration_tests/messages.jsonl", pass1Path);

  const spec = await run(["spec"]);
  const props = Object.keys(spec.messages[0].spec.connectionSpecification.properties);
  console.log(`\n${bold("spec")}: one SPEC message, ${props.length} top-level fields (${props.join(", ")})`);

  const check = await run(["check", "--config", runConfigPath]);
  const status = check.messages[0].connectionStatus;
  console.log(`${bold("check")}: ${status.status}${status.message ? ` — ${status.message}` : ""}`);
  const checkEvents = webhook.envelopes.filter((e) => e.type === "connection_check");
  console.log(
    `  webhook received ${checkEvents.length} event {"type": "connection_check"}: check POSTs it, signed like a real\n` +
      "  delivery, to prove the URL answers 2xx before any sync; it carries no record, and a receiver\n" +
      `  recognises it by its type and ignores it (signatures that did not verify so far: ${webhook.badSignatures()}).`,
  );

  // One write of `input` against `catalog`: its summary, and the envelopes the webhook received for it.
  const syncPass = async (catalog, input, title) => {
    const start = webhook.envelopes.length;
    const result = await run(["write", "--config", runConfigPath, "--catalog", catalog], input);
    describeSync(title, result);
    return { result, envelopes: webhook.envelopes.slice(start) };
  };

  const { result: pass1, envelopes: pass1Envelopes } = await syncPass(
    catalogPath,
    readFileSync(pass1Path),
    "write, pass 1: create Flows (integration_tests/messages.jsonl)",
  );

  // The created Flow ids arrive at the webhook with the record that asked for them.
  const ids = new Map();
  for (const e of webhook.envelopes) {
    if (e.template === "create_flow" && e.outcome === "succeeded" && e.record?.name)
      ids.set(e.record.name, e.response.body.id);
  }
  let unexpected = explainRejections(pass1Envelopes, ids);
  console.log(
    `  webhook received ${pass1Envelopes.length} envelope(s); created Flow ids: ${[...ids].map(([n, id]) => `${n}=${id}`).join(", ")}`,
  );

  const pass2Input = readFileSync("integration_tests/messages_pass2.jsonl", "utf8").replace(
    /\$\{flow_id:([A-Za-z0-9_]+)\}/g,
    (_, name) => ids.get(name) ?? "0",
  );
  writeFileSync(join(DEMO_DIR, "messages_pass2.jsonl"), pass2Input);
  const { result: pass2, envelopes: pass2Envelopes } = await syncPass(
    catalogPath,
    pass2Input,
    "write, pass 2: upload, publish, deprecate, delete and send (integration_tests/messages_pass2.jsonl)",
  );
  unexpected += explainRejections(pass2Envelopes, ids);
  console.log(
    `  webhook received ${pass2Envelopes.length} more envelope(s); ${webhook.badSignatures()} with a bad signature`,
  );

  // The data-activation campaign: no streams[] entry maps these streams, their catalog entries name
  // the objects (what the mapping screen writes into the configured catalog).
  const activationCatalogPath = join(DEMO_DIR, "configured_catalog_activation.json");
  copyFileSync("integration_tests/configured_catalog_activation.json", activationCatalogPath);
  const activation = JSON.parse(readFileSync(activationCatalogPath, "utf8"));
  console.log(
    `\n${bold("A data-activation campaign")} (integration_tests/configured_catalog_activation.json)`,
  );
  for (const s of activation.streams) {
    const key = s.primary_key?.length
      ? `, matching key ${s.primary_key.map((p) => p.join(".")).join(", ")}`
      : "";
    console.log(
      `  stream ${s.stream.name} → object ${s.destination_object_name} (${s.destination_sync_mode}${key})`,
    );
  }
  const campaignPass = async (file, title) => {
    copyFileSync(`integration_tests/${file}`, join(DEMO_DIR, file));
    const pass = await syncPass(
      activationCatalogPath,
      readFileSync(join(DEMO_DIR, file)),
      `write, campaign: ${title} (integration_tests/${file})`,
    );
    unexpected += explainRejections(pass.envelopes, ids);
    return pass;
  };
  const flowPass = await campaignPass("messages_activation_1_flows.jsonl", "deploy the campaign's Flow");
  const templatePass = await campaignPass(
    "messages_activation_2_templates.jsonl",
    "create its message template",
  );
  const created = templatePass.envelopes.find(
    (e) => e.template === "create_flow_template" && e.outcome === "succeeded",
  );
  const templateId = created?.response?.body?.id;
  const review = await fetch(`${emulator.url}/__emulator/templates/${templateId}`, {
    method: "POST",
    body: JSON.stringify({ status: "APPROVED" }),
  });
  const approved = review.ok && (await review.json()).template?.status === "APPROVED";
  console.log(
    `  Meta's review, played by the emulator's control API: template ${templateId} ${approved ? "APPROVED" : "NOT approved"}`,
  );
  const discover = await run(["discover", "--config", runConfigPath]);
  const audienceObject = activation.streams.find(
    (s) => s.stream.name === "campaign_audience",
  ).destination_object_name;
  const offered = discover.messages
    .find((m) => m.type === "DESTINATION_CATALOG")
    ?.destination_catalog.operations.find((o) => o.object_name === audienceObject);
  console.log(
    `${bold("discover")}: ${offered ? `offers ${audienceObject}, fields ${offered.json_schema.required.join(", ")} required` : `does NOT offer ${audienceObject}`}`,
  );
  const sendsBefore = emulator.journal().length;
  const audiencePass = await campaignPass("messages_activation_3_audience.jsonl", "send it to the audience");
  const audience = readFileSync("integration_tests/messages_activation_3_audience.jsonl", "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line))
    .filter((m) => m.type === "RECORD");
  const templateSends = emulator
    .journal()
    .slice(sendsBefore)
    .filter((j) => j.route === "send" && j.status === 200 && j.template === "spring_promo:en_US");
  const reached = new Set(templateSends.map((j) => j.recipient));
  console.log(
    `  the emulator delivered ${templateSends.length} spring_promo message(s) to ${reached.size} of the ${audience.length} customers`,
  );

  console.log(`\n${bold("The emulator's Flows table at the end")}`);
  console.table(
    emulator.flows().map((f) => ({
      id: f.id,
      name: f.name,
      status: f.status,
      categories: f.categories.join(","),
      validation_errors: f.validation_errors,
    })),
  );
  const sends = emulator.journal().filter((j) => j.route === "send" && j.status === 200);
  console.log(`Messages delivered by the emulator: ${sends.length} (each wamid once)`);
  const leaked =
    [spec, check, pass1, pass2, flowPass.result, templatePass.result, discover, audiencePass.result].some(
      (r) => JSON.stringify(r).includes(TOKEN),
    ) || JSON.stringify(webhook.envelopes).includes(TOKEN);
  console.log(`Access token in any output or webhook payload: ${leaked ? "YES (bug!)" : "no"}`);

  // The same sync by hand: an emulator on a fixed port, no webhook receiver (none is running then).
  const byHandConfig = join(DEMO_DIR, "config.json");
  writeFileSync(
    byHandConfig,
    JSON.stringify(
      sampleConfigAt(sample, { token: TOKEN, graphUrl: `http://127.0.0.1:${BY_HAND_PORT}` }),
      null,
      2,
    ),
  );
  console.log(`\n${bold("Run the same sync by hand")} (files kept in ${DEMO_DIR}/, which git ignores):`);
  console.log(`  # terminal 1: the emulator, on the port ${byHandConfig} names
  node dist/emulator.js --port ${BY_HAND_PORT} --token ${TOKEN}
  # terminal 2:
  node dist/main.js check --config ${byHandConfig}
  node dist/main.js write --config ${byHandConfig} --catalog ${catalogPath} < ${pass1Path}
  # pass 2 names the Flow ids pass 1 created: ${DEMO_DIR}/messages_pass2.jsonl holds this run's, so
  # against a fresh emulator put in the ids it lists:
  curl -s -H "Authorization: Bearer ${TOKEN}" http://127.0.0.1:${BY_HAND_PORT}/v23.0/${sample.waba_id}/flows
  # the campaign: deploy the Flow, create the template, approve it (the id is in the log), send it
  node dist/main.js write --config ${byHandConfig} --catalog ${activationCatalogPath} < ${DEMO_DIR}/messages_activation_1_flows.jsonl
  node dist/main.js write --config ${byHandConfig} --catalog ${activationCatalogPath} < ${DEMO_DIR}/messages_activation_2_templates.jsonl
  curl -s -X POST -d '{"status": "APPROVED"}' http://127.0.0.1:${BY_HAND_PORT}/__emulator/templates/<template id>
  node dist/main.js write --config ${byHandConfig} --catalog ${activationCatalogPath} < ${DEMO_DIR}/messages_activation_3_audience.jsonl`);

  const failures = [
    status.status !== "SUCCEEDED" && "check did not succeed",
    checkEvents.length !== 1 && "the webhook did not receive exactly one connection_check event",
    pass1.code !== 0 && "pass 1 failed",
    pass2.code !== 0 && "pass 2 failed",
    [flowPass, templatePass, audiencePass].some((p) => p.result.code !== 0) && "a campaign pass failed",
    !approved && "the campaign's template was not created and approved",
    !offered && `discover did not offer ${audienceObject}`,
    (templateSends.length !== audience.length || reached.size !== audience.length) &&
      "the campaign did not reach every customer exactly once",
    unexpected > 0 && `${unexpected} rejection(s) that are not deliberate`,
    webhook.badSignatures() > 0 && "webhook signatures did not verify",
    leaked && "the access token leaked",
  ].filter(Boolean);
  if (failures.length > 0) console.log(`\nDEMO FAILED: ${failures.join("; ")}`);
  process.exitCode = failures.length === 0 ? 0 : 1;
} finally {
  await webhook.close();
  await emulator.close();
}
