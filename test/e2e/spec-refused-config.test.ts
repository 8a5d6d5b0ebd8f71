import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { assertNoSecrets } from "../support/no-secrets.js";
import { assertProtocolLines } from "../support/protocol-schema.js";
import { specErrors } from "../support/spec-validator.js";
import { tempDir } from "../support/temp-files.js";

/**
 * A config spec/spec.json refuses (as the platform would) is refused by the built CLI the same way
 * by `check` (CONNECTION_STATUS FAILED, exit 0) and by `write` (a config_error TRACE before any
 * record, exit 1): one message naming the field's path and what to write, and nothing coerced.
 * No server is needed: both refuse before any call (the base URL is a closed port).
 */
const TOKEN = "EAAG-e2e-spec-refused-0001";
const dir = tempDir();
afterAll(() => dir.cleanup());

const valid = {
  access_token: TOKEN,
  waba_id: "102290129340398",
  base_url: "http://127.0.0.1:9",
  streams: [{ stream_name: "invites", endpoint: { template: "send_published_flow" } }],
};
const catalogPath = dir.file("catalog.json", {
  streams: [
    {
      stream: { name: "invites", json_schema: {}, supported_sync_modes: ["full_refresh"] },
      sync_mode: "full_refresh",
      destination_sync_mode: "append",
    },
  ],
});

async function refusals(config: Record<string, unknown>): Promise<{ check: string; write: string }> {
  const path = dir.file(`config-${Math.random().toString(36).slice(2)}.json`, config);
  const checked = await runCli(["check", "--config", path]);
  const written = await runCli(["write", "--config", path, "--catalog", catalogPath], {
    stdin: `${JSON.stringify({ type: "RECORD", record: { stream: "invites", emitted_at: 1, data: {} } })}\n`,
  });
  for (const result of [checked, written]) {
    assertProtocolLines(result.lines);
    assertNoSecrets({ stdout: result.stdout, stderr: result.stderr }, [TOKEN]);
  }
  expect(checked.code).toBe(0);
  expect(checked.messages).toHaveLength(1);
  const status = checked.messages[0]!.connectionStatus as { status: string; message: string };
  expect(status.status).toBe("FAILED");
  expect(written.code).toBe(1);
  const traces = written.messages.filter((m) => m.type === "TRACE");
  expect(traces).toHaveLength(1);
  const error = (traces[0]!.trace as { error: { failure_type: string; message: string } }).error;
  expect(error.failure_type).toBe("config_error");
  // No record was read, so no STATE and nothing else but the TRACE (and LOG lines).
  expect(written.messages.filter((m) => m.type !== "TRACE" && m.type !== "LOG")).toEqual([]);
  return { check: status.message, write: error.message };
}

describe("a config the spec refuses: the same clear refusal from check and write", () => {
  it.each([
    [
      "messages_per_second as a JSON number",
      { ...valid, throughput: { messages_per_second: 80 } },
      'throughput.messages_per_second: must be a string: "auto" or a rate from "0" to "1000" in quotes, e.g. "80" (not the number 80)',
    ],
    [
      "a WABA ID as a JSON number",
      { ...valid, waba_id: 102290129340398 },
      "waba_id: must be a string (text in quotes), not a number",
    ],
    [
      "an endpoint without a template",
      { ...valid, streams: [{ stream_name: "invites", endpoint: {} }] },
      'streams[0].endpoint.template: is required: one of "create_flow"',
    ],
    [
      "dry_run as text",
      { ...valid, dry_run: "false" },
      "dry_run: must be true or false (without quotes), not a string",
    ],
  ])("%s", async (_name, config, expected) => {
    expect(specErrors(config)).not.toEqual([]);
    const { check, write } = await refusals(config);
    const withoutFile = (message: string) => message.replace(/config file \S+\.json/, "config file");
    expect(withoutFile(check)).toBe(withoutFile(write));
    expect(check).toContain(expected);
    expect(check).toMatch(/Correct these fields/);
  });
});
