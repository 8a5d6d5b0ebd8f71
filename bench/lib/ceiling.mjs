// The ceiling: a bare undici Pool (same connection count, pipelining 1, as the connector's
// transport) sending the connector's own requests — same path, headers and JSON bodies — with
// `concurrency` in flight, reading each answer in full. Nothing else: no pacing, ordering,
// outcome reading, checkpoints or output.
import { Pool } from "undici";
import { compileEndpoints, contextFor } from "./operations.mjs";
import { TOKEN } from "./paths.mjs";
import { inviteRecord } from "./workload.mjs";

/** The wire form of `count` sends, rendered once, before the clock starts. */
export function renderSends(count) {
  const { invites } = compileEndpoints({ invites: { template: "send_published_flow" } });
  const requests = new Array(count);
  for (let i = 0; i < count; i++) {
    const plan = invites.operation.plan(inviteRecord(i), contextFor(invites.stream, i));
    requests[i] = { path: `/v23.0/${plan.request.path}`, body: JSON.stringify(plan.request.body.value) };
  }
  return requests;
}

export async function runCeiling(url, requests, concurrency) {
  const pool = new Pool(url, { connections: concurrency, pipelining: 1 });
  const headers = {
    authorization: `Bearer ${TOKEN}`,
    "user-agent": "destination-whatsapp-flows/bench-ceiling",
    accept: "application/json",
    "content-type": "application/json",
  };
  let next = 0;
  let failures = 0;
  const worker = async () => {
    while (next < requests.length) {
      const { path, body } = requests[next++];
      const res = await pool.request({ method: "POST", path, headers, body });
      await res.body.text();
      if (res.statusCode !== 200) failures++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  await pool.close();
  return { seconds, failures };
}
