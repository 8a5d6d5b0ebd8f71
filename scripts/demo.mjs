// `npm run demo`: the connector end to end, exactly as Airbyte runs the image, against the local
// WhatsApp Flows API emulator (nothing leaves 127.0.0.1). It runs spec, check, then two syncs:
// pass 1 creates Flows from integration_tests/messages.jsonl; the created ids come back through
// the response webhook (responses become data again) and fill pass 2, which uploads Flow JSON,
// publishes, deprecates, deletes and sends Flows to customers.
import { spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator } from "../dist/emulator/index.js";

const TOKEN = "EAAG-demo-token-not-real";
const SIGNING_SECRET = "demo-webhook-signing-secret";
const work = mkdtempSync(join(tmpdir(), "whatsapp-flows-demo-"));
const bold = (s) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);

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
  const config = {
    ...sample,
    access_token: TOKEN,
    base_url: emulator.url,
    streams: sample.streams.map((s) =>
      s.endpoint.template === "advanced"
        ? {
            ...s,
            endpoint: { ...s.endpoint, url: s.endpoint.url.replace("http://127.0.0.1:8787", emulator.url) },
          }
        : s,
    ),
    response_webhook: {
      mode: "webhook",
      url: webhook.url,
      signing_secret: SIGNING_SECRET,
      include_record: true,
    },
  };
  const configPath = join(work, "config.json");
  writeFileSync(configPath, JSON.stringify(config, null, 2));
  const catalogPath = "integration_tests/configured_catalog.json";

  const spec = await run(["spec"]);
  const props = Object.keys(spec.messages[0].spec.connectionSpecification.properties);
  console.log(`\n${bold("spec")}: one SPEC message, ${props.length} top-level fields (${props.join(", ")})`);

  const check = await run(["check", "--config", configPath]);
  const status = check.messages[0].connectionStatus;
  console.log(`${bold("check")}: ${status.status}${status.message ? ` — ${status.message}` : ""}`);

  const pass1 = await run(
    ["write", "--config", configPath, "--catalog", catalogPath],
    readFileSync("integration_tests/messages.jsonl"),
  );
  describeSync("write, pass 1: create Flows (integration_tests/messages.jsonl)", pass1);

  // The created Flow ids arrive at the webhook with the record that asked for them.
  const ids = new Map();
  for (const e of webhook.envelopes) {
    if (e.template === "create_flow" && e.outcome === "succeeded" && e.record?.name)
      ids.set(e.record.name, e.response.body.id);
  }
  console.log(
    `  webhook received ${webhook.envelopes.length} envelope(s); created Flow ids: ${[...ids].map(([n, id]) => `${n}=${id}`).join(", ")}`,
  );

  const pass2Input = readFileSync("integration_tests/messages_pass2.jsonl", "utf8").replace(
    /\$\{flow_id:([A-Za-z0-9_]+)\}/g,
    (_, name) => ids.get(name) ?? "0",
  );
  const before = webhook.envelopes.length;
  const pass2 = await run(["write", "--config", configPath, "--catalog", catalogPath], pass2Input);
  describeSync(
    "write, pass 2: upload, publish, deprecate, delete and send (integration_tests/messages_pass2.jsonl)",
    pass2,
  );
  console.log(
    `  webhook received ${webhook.envelopes.length - before} more envelope(s); ${webhook.badSignatures()} with a bad signature`,
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
    [spec, check, pass1, pass2].some((r) => JSON.stringify(r).includes(TOKEN)) ||
    JSON.stringify(webhook.envelopes).includes(TOKEN);
  console.log(`Access token in any output or webhook payload: ${leaked ? "YES (bug!)" : "no"}`);
  process.exitCode = pass1.code === 0 && pass2.code === 0 && status.status === "SUCCEEDED" && !leaked ? 0 : 1;
} finally {
  await webhook.close();
  await emulator.close();
  rmSync(work, { recursive: true, force: true });
}
