import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { runCli } from "../support/cli.js";
import { assertProtocolLines } from "../support/protocol-schema.js";
import { tempDir } from "../support/temp-files.js";
import { configFor, emulator, TOKEN, trace, write } from "./write-support.js";

// Issue 9 item 5: every config `write` refuses before its first record is FAILED by `check`,
// with write's own reason (one compile step shared by both, not a second copy of the rules).

let emu: RunningEmulator;
const dir = tempDir();
beforeAll(async () => {
  emu = await emulator();
});
afterAll(async () => {
  await emu.close();
  dir.cleanup();
});

async function checkMessage(configPath: string): Promise<{ status: string; message?: string }> {
  const result = await runCli(["check", "--config", configPath]);
  assertProtocolLines(result.lines);
  expect(result.code).toBe(0);
  expect(result.stdout).not.toContain(TOKEN);
  expect(result.messages).toHaveLength(1);
  return result.messages[0]!.connectionStatus as { status: string; message?: string };
}

/** The catalog's "invites" stream mapped to an advanced endpoint with these fields. */
function advanced(endpoint: Record<string, unknown>): Record<string, unknown> {
  const config = configFor(emu);
  const streams = (config.streams as Array<Record<string, unknown>>).filter(
    (s) => s.stream_name !== "invites",
  );
  return {
    ...config,
    streams: [
      { stream_name: "invites", endpoint: { template: "advanced", method: "POST", ...endpoint } },
      ...streams,
    ],
  };
}

async function expectSameRefusal(config: Record<string, unknown>, fragment: string): Promise<void> {
  const calls = emu.journal().length;
  const written = await write(config, "");
  expect(written.code).toBe(1);
  const refusal = trace(written);
  expect(refusal.failure_type).toBe("config_error");
  expect(refusal.message).toContain(fragment);
  const checked = await checkMessage(dir.file(`c-${Math.random()}.json`, config));
  expect(checked.status).toBe("FAILED");
  // A schema refusal names the config file, which differs between the two runs.
  const withoutPath = (message: string | undefined) =>
    message?.replace(/config file \S+\.json/, "config file");
  expect(withoutPath(checked.message)).toBe(withoutPath(refusal.message));
  // Both refusals are local: neither command asked the Graph API anything.
  expect(emu.journal().length).toBe(calls);
}

describe("check refuses what write refuses, with the same reason", () => {
  const url = () => `${emu.url}/v23.0/{message.flow_id}/publish`;

  it("a malformed placeholder", async () => {
    await expectSameRefusal(advanced({ url: `${emu.url}/v23.0/{message.flow_id/publish` }), "streams[0]");
  });

  it("an unknown placeholder root", async () => {
    await expectSameRefusal(advanced({ url: `${emu.url}/v23.0/{record.flow_id}/publish` }), "streams[0]");
  });

  it("a relative URL", async () => {
    await expectSameRefusal(advanced({ url: "/v23.0/{message.flow_id}/publish" }), "streams[0].endpoint.url");
  });

  it("a host that is not allowed", async () => {
    await expectSameRefusal(
      advanced({ url: "https://hooks.example.com/{message.flow_id}" }),
      "streams[0].endpoint.url",
    );
  });

  it("a malformed body template", async () => {
    await expectSameRefusal(
      advanced({ url: url(), body_template: '{"flow": {message.flow_id}' }),
      "streams[0].endpoint.body_template",
    );
  });

  it("an Authorization override", async () => {
    await expectSameRefusal(
      advanced({ url: url(), request_headers: "Authorization:Bearer other" }),
      "streams[0].endpoint.request_headers",
    );
  });

  it("malformed webhook headers", async () => {
    await expectSameRefusal(
      {
        ...configFor(emu),
        response_webhook: { mode: "webhook", url: "http://127.0.0.1:9/hook", headers: "no-colon-here" },
      },
      "response_webhook.headers",
    );
  });

  it("any other endpoint compile error (a file part without multipart)", async () => {
    await expectSameRefusal(advanced({ url: url(), file_field: "file" }), "streams[0].endpoint.file_field");
  });

  it("a bad endpoint on a mapping the catalog does not use", async () => {
    const config = configFor(emu);
    await expectSameRefusal(
      {
        ...config,
        streams: [
          ...(config.streams as unknown[]),
          { stream_name: "later", endpoint: { template: "advanced", url: "/relative" } },
        ],
      },
      "streams[3].endpoint.url",
    );
  });

  it("a config file that does not exist: FAILED naming the file, never an internal error", async () => {
    const missing = `${dir.path}/no-such-config.json`;
    const checked = await checkMessage(missing);
    expect(checked.status).toBe("FAILED");
    expect(checked.message).toContain(missing);
    expect(checked.message).toContain("does not exist");
    expect(checked.message).not.toContain("Unexpected internal error");
  });

  it("a good config still succeeds (the shared compile step refuses nothing valid)", async () => {
    const checked = await checkMessage(dir.file("good.json", advanced({ url: url() })));
    expect(checked).toMatchObject({ status: "SUCCEEDED" });
  });
});
