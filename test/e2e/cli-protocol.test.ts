import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type CliResult, ROOT, runCli } from "../support/cli.js";
import { assertNoSecrets } from "../support/no-secrets.js";
import { assertProtocolLines } from "../support/protocol-schema.js";
import { tempDir } from "../support/temp-files.js";

const TOKEN = "EAAG-e2e-secret-token-0001";
const dir = tempDir();
afterAll(() => dir.cleanup());

const validConfig = {
  access_token: TOKEN,
  waba_id: "102290129340398",
  phone_number_id: "106540352242922",
  base_url: "http://127.0.0.1:9",
  streams: [{ stream_name: "invites", endpoint: { template: "send_published_flow" } }],
};
const catalog = (name: string, mode = "append") => ({
  streams: [
    {
      stream: { name, json_schema: {}, supported_sync_modes: ["full_refresh"] },
      sync_mode: "full_refresh",
      destination_sync_mode: mode,
    },
  ],
});

/** Every e2e result goes through here: protocol-valid lines only, and no secret anywhere. */
function checked(result: CliResult): CliResult {
  assertProtocolLines(result.lines);
  assertNoSecrets({ stdout: result.stdout, stderr: result.stderr }, [TOKEN]);
  return result;
}

describe("the built CLI speaks the Airbyte protocol", () => {
  it("spec prints exactly one SPEC message equal to spec/spec.json", async () => {
    const result = checked(await runCli(["spec"]));
    expect(result.code).toBe(0);
    expect(result.lines).toHaveLength(1);
    expect(result.messages[0]!.type).toBe("SPEC");
    const committed = JSON.parse(readFileSync(join(ROOT, "spec", "spec.json"), "utf8"));
    expect(result.messages[0]!.spec).toEqual(committed);
  });

  describe("check answers exactly one CONNECTION_STATUS and exits 0 on a bad config", () => {
    it.each([
      ["a missing file", () => join(dir.path, "absent.json"), /config file .*absent.json does not exist/],
      [
        "a file that is not JSON",
        () => dir.file("not-json.json", `{"access_token": "${TOKEN}",`),
        /is not valid JSON/,
      ],
      [
        "a schema violation",
        () => dir.file("bad-waba.json", { ...validConfig, waba_id: "WABA-1" }),
        /waba_id: must be the numeric WhatsApp Business Account ID/,
      ],
      [
        "an unknown template",
        () =>
          dir.file("bad-template.json", {
            ...validConfig,
            streams: [{ stream_name: "x", endpoint: { template: "send" } }],
          }),
        /streams\[0\]\.endpoint\.template: must be one of/,
      ],
    ])("%s", async (_name, path, reason) => {
      const result = checked(await runCli(["check", "--config", path()]));
      expect(result.code).toBe(0);
      expect(result.lines).toHaveLength(1);
      const status = result.messages[0]!.connectionStatus as { status: string; message: string };
      expect(result.messages[0]!.type).toBe("CONNECTION_STATUS");
      expect(status.status).toBe("FAILED");
      expect(status.message).toMatch(reason);
    });
  });

  describe("write fails before reading stdin with a config_error TRACE and exit 1", () => {
    const config = dir.file("config.json", validConfig);
    it.each([
      [
        "an unmapped stream",
        () => dir.file("c1.json", catalog("orders")),
        /Stream "orders" \(catalog streams\[0\]\) has no destination_object_name and no entry of "streams"/,
      ],
      [
        "an unsupported sync mode",
        () => dir.file("c2.json", catalog("invites", "append_dedup")),
        /destination_sync_mode "append_dedup"/,
      ],
      ["a missing catalog", () => join(dir.path, "nope.json"), /catalog file .*nope.json does not exist/],
    ])("%s", async (_name, catalogPath, reason) => {
      const result = checked(
        await runCli(["write", "--config", config, "--catalog", catalogPath()], { stdin: "" }),
      );
      expect(result.code).toBe(1);
      const traces = result.messages.filter((m) => m.type === "TRACE");
      expect(traces).toHaveLength(1);
      const error = (traces[0]!.trace as { error: { failure_type: string; message: string } }).error;
      expect(error.failure_type).toBe("config_error");
      expect(error.message).toMatch(reason);
    });

    it("a config that breaks the schema, without leaking the token", async () => {
      const bad = dir.file("bad.json", { ...validConfig, phone_number_id: TOKEN });
      const result = checked(
        await runCli(["write", "--config", bad, "--catalog", dir.file("c3.json", catalog("invites"))], {
          stdin: "",
        }),
      );
      expect(result.code).toBe(1);
      expect(JSON.stringify(result.messages)).toMatch(
        /phone_number_id: must be the numeric Business Phone Number ID/,
      );
    });
  });

  it("an unknown command or missing flag is a usage error on stderr, exit 2, nothing on stdout", async () => {
    for (const args of [["frobnicate"], ["check"], ["write", "--config", "x.json"], []]) {
      const result = await runCli(args);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(/Usage:/);
    }
  });
});
