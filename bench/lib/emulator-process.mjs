// The WhatsApp Flows API emulator in its own process (`node dist/emulator.js`, or with
// `options` the emulator's own options through emulator-child.mjs), as the connector meets
// Meta: over a socket, answering at once. Driven through its control API.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { request } from "undici";
import { EMULATOR, TOKEN, WABA_ID } from "./paths.mjs";
import { FLOW_NAME } from "./workload.mjs";

/** A one-screen Flow JSON the emulator accepts for publishing. */
const FLOW_JSON = {
  version: "7.3",
  screens: [
    {
      id: "WELCOME",
      title: "Welcome",
      terminal: true,
      success: true,
      layout: {
        type: "SingleColumnLayout",
        children: [
          { type: "TextBody", text: "Thanks for booking with us" },
          { type: "Footer", label: "Done", "on-click-action": { name: "complete", payload: {} } },
        ],
      },
    },
  ],
};

async function call(method, url, body, headers = {}) {
  const res = await request(url, {
    method,
    headers: { "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.body.text();
  if (res.statusCode >= 300) throw new Error(`${method} ${url} answered ${res.statusCode}: ${text}`);
  return JSON.parse(text);
}

const CHILD = fileURLToPath(new URL("./emulator-child.mjs", import.meta.url));

/** `options`: EmulatorOptions (src/emulator/types.ts) beyond what the CLI's flags set. */
export async function startEmulatorProcess(options) {
  const args =
    options === undefined
      ? [EMULATOR, "--port", "0", "--token", TOKEN]
      : [CHILD, JSON.stringify({ token: TOKEN, ...options })];
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  child.stderr.resume();
  const lines = createInterface({ input: child.stdout });
  const [url] = await Promise.race([
    once(lines, "line"),
    once(child, "exit").then(([code]) => {
      throw new Error(`the emulator exited with ${code} before listening`);
    }),
  ]);
  lines.close();
  const control = (method, path, body) => call(method, `${url}/__emulator/${path}`, body);
  return {
    url,
    pid: child.pid,
    /** Fresh state and an empty request log, then one PUBLISHED flow to send; returns its id. */
    async resetWithFlow() {
      await control("POST", "reset");
      const created = await call(
        "POST",
        `${url}/v23.0/${WABA_ID}/flows`,
        { name: FLOW_NAME, categories: ["APPOINTMENT_BOOKING"], flow_json: FLOW_JSON, publish: true },
        { authorization: `Bearer ${TOKEN}` },
      );
      return created.id;
    },
    /** Fresh state and an empty request log: the seeded flows and templates, the numbers' seeded levels. */
    reset: () => control("POST", "reset"),
    /**
     * The request log after a run: the send entries visible, the total count and the sends
     * among the dropped entries (a run past the log's limit loses its oldest entries).
     */
    async sends() {
      const { entries, dropped, dropped_by_route: droppedByRoute } = await control("GET", "journal");
      const sends = entries.filter((e) => e.route === "send");
      return { sends, total: entries.length + dropped, dropped, droppedSends: droppedByRoute.send ?? 0 };
    },
    async close() {
      child.kill("SIGTERM");
      if (child.exitCode === null) await once(child, "exit");
    },
  };
}
