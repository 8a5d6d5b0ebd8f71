import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLI, ROOT } from "../support/cli.js";

/** The CLI as a person uses it: help and version on stdout with exit 0, usage errors on stderr with 2. */
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
const COMMANDS = ["spec", "check", "discover", "write"];

/** support/cli.ts runCli insists on JSON lines; help is plain text, so this runs the same built CLI without that check. */
function runPlain(args: readonly string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    encoding: "utf8",
    timeout: 60_000,
    input: "",
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("the CLI for people", () => {
  it.each([["--help"], ["-h"], ["help"]])("`%s` prints the usage, listing every command, exit 0", (flag) => {
    const result = runPlain([flag]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/^Usage: destination-whatsapp-flows <command>/);
    for (const command of COMMANDS) expect(result.stdout).toMatch(new RegExp(`^  ${command} +\\S`, "m"));
  });

  it.each(COMMANDS)("`help %s` and `<command> --help` print that command's usage, exit 0", (command) => {
    for (const args of [
      ["help", command],
      [command, "--help"],
    ]) {
      const result = runPlain(args);
      expect(result.code, args.join(" ")).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`^Usage: destination-whatsapp-flows ${command}\\b`));
    }
  });

  it("`help write` names both ways a stream is mapped: destination_object_name and streams[]", () => {
    const result = runPlain(["help", "write"]);
    expect(result.stdout).toMatch(/destination_object_name/);
    expect(result.stdout).toMatch(/streams\[\]/);
  });

  it("`help write` promises no one-call-a-record: an operation makes one call or several (deploy_flow)", () => {
    const result = runPlain(["help", "write"]);
    expect(result.stdout).not.toMatch(/becomes one Graph API call/);
    expect(result.stdout).toMatch(/one Graph API call or\s+several: deploy_flow/);
  });

  it("`--version` prints package.json's version alone, exit 0", () => {
    const result = runPlain(["--version"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${pkg.version}\n`);
  });

  it.each([
    [["frobnicate"], /unknown command "frobnicate"/],
    [["help", "frobnicate"], /unknown command "frobnicate"/],
    [[], /a command is required/],
    [["check", "--config"], /--config <value>' argument missing/],
    [["write", "--config", "c.json", "--catalog"], /--catalog <value>' argument missing/],
    [["check", "--config", "--catalog", "x.json"], /'--config' argument is ambiguous/],
    [["check", "--confg", "c.json"], /Unknown option '--confg'/],
    [["spec", "extra"], /Unexpected argument 'extra'/],
    // The emulator is a program of its own (dist/emulator.js), not part of the connector
    [["emulator", "--port", "8787"], /unknown command "emulator"/],
    [["write", "--config", "c.json"], /--catalog is required/],
  ])("%j is a usage error on stderr with exit 2, never a TRACE", (args, reason) => {
    const result = runPlain(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(reason);
    expect(result.stderr).toMatch(/Usage: destination-whatsapp-flows/);
    expect(result.stderr, "no stack trace").not.toMatch(/\n\s+at \S/);
  });
});
