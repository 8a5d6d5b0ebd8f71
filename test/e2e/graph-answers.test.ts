import { describe, expect, it } from "vitest";
import { ofType } from "../support/cli.js";
import {
  configFor,
  emulatorForFile,
  lines,
  PUBLISHED_FLOW,
  send,
  states,
  trace,
  write,
} from "./write-support.js";

/**
 * Only Meta's answer is a success: the emulator answers 200 with a body that is not the Graph
 * API's (an HTML page, nothing, `{}`), as a proxy or a wrong base_url would. A send is then
 * ambiguous (reported, never sent again); a publish, safe to repeat, is retried and ends the
 * sync as a transient_error.
 */
const DRAFT = "900000000000021";
const BODIES = [
  ["an HTML page", "<!doctype html><html><body>Please sign in</body></html>", "text/html; charset=utf-8"],
  ["an empty body", "", "text/plain"],
  ["an empty JSON object", "{}", "application/json"],
] as const;

const emu = emulatorForFile({
  flows: [
    { id: PUBLISHED_FLOW, name: "welcome", status: "PUBLISHED" },
    { id: DRAFT, name: "draft_one", status: "DRAFT" },
  ],
});

const ONE_STREAM = {
  streams: [
    {
      stream: { name: "invites", json_schema: {}, supported_sync_modes: ["full_refresh"] },
      sync_mode: "full_refresh",
      destination_sync_mode: "update",
    },
  ],
};
const state = JSON.stringify({ type: "STATE", state: { data: { cursor: 1 } } });
const warnings = (result: Awaited<ReturnType<typeof write>>) =>
  ofType(result, "LOG")
    .map((m) => (m as { log: { level: string; message: string } }).log)
    .filter((log) => log.level === "WARN")
    .map((log) => log.message);

describe("a 200 that is not the Graph API's answer (built CLI)", () => {
  it("a send answered with an HTML page, an empty body or {} is ambiguous, reported, and not sent twice", async () => {
    emu().setFaults(BODIES.map(([, body, contentType]) => ({ route: "send", body, contentType, times: 1 })));
    const recipients = ["15550000001", "15550000002", "15550000003", "15550000004"];
    const result = await write(configFor(emu()), lines(...recipients.map((to) => send(to)), state));
    expect(result.code).toBe(0);
    const ambiguous = warnings(result).filter((w) => w.includes("may or may not have been delivered"));
    expect(ambiguous).toHaveLength(3);
    for (const [what] of BODIES) {
      expect(
        ambiguous.filter((w) => w.includes(`answered HTTP 200 with ${what}, not a message id`)),
      ).toHaveLength(1);
    }
    // One call per record: the three answered by the fault were not sent again.
    const sends = emu()
      .journal()
      .filter((e) => e.route === "send");
    expect(sends.map((e) => e.fault ?? e.recipient).sort()).toEqual([
      "15550000004",
      "answer",
      "answer",
      "answer",
    ]);
    // Ambiguous records are settled (not rejected): the state goes out and counts them.
    expect(states(result).map((s) => s.state.destinationStats)).toEqual([{ recordCount: 4 }]);
  });

  it.each(BODIES)(
    "a publish answered with %s is retried, then the sync ends with a transient_error",
    async (what, body, contentType) => {
      emu().setFaults([{ route: "publish", body, contentType }]);
      const config = configFor(emu(), {
        streams: [{ stream_name: "invites", endpoint: { template: "publish_flow" } }],
        throughput: {
          messages_per_second: "0",
          max_concurrency: 2,
          request_timeout_seconds: 5,
          max_retries: 2,
          max_retry_wait_seconds: 10,
        },
      });
      const record = JSON.stringify({
        type: "RECORD",
        record: { stream: "invites", data: { flow_id: DRAFT } },
      });
      const result = await write(config, lines(record, state), { catalog: ONE_STREAM });
      expect(result.code).toBe(1);
      expect(trace(result).failure_type).toBe("transient_error");
      expect(trace(result).message).toContain(
        `still failed after 3 attempts: HTTP 200 with ${what}, not a "success" flag`,
      );
      expect(trace(result).message).toContain("base_url");
      const journal = emu().journal();
      expect(journal.filter((e) => e.route === "publish").map((e) => e.fault)).toEqual([
        "answer",
        "answer",
        "answer",
      ]);
      expect(
        emu()
          .flows()
          .find((f) => f.id === DRAFT)?.status,
      ).toBe("DRAFT");
      expect(states(result)).toHaveLength(0);
    },
  );
});
