/**
 * What `--help` and `help <command>` print: for a person at a terminal, not for Airbyte (which only
 * ever runs spec, check, discover and write), so plain text rather than AirbyteMessages.
 */
const PROGRAM = "destination-whatsapp-flows";

interface CommandHelp {
  readonly name: string;
  readonly synopsis: string;
  readonly summary: string;
  readonly details: string;
}

const COMMANDS: readonly CommandHelp[] = [
  {
    name: "spec",
    synopsis: "spec",
    summary: "print the connector specification (one SPEC message)",
    details: "Prints the configuration schema Airbyte renders as the setup form. Needs no config.",
  },
  {
    name: "check",
    synopsis: "check --config CONFIG.json",
    summary: "validate the config, token, WABA and phone numbers (one CONNECTION_STATUS)",
    details:
      "Reads CONFIG.json, calls the Graph API to confirm the token, the WhatsApp Business Account and\n" +
      "the phone numbers, and pings the response webhook if one is configured. Exit 0 with status\n" +
      "SUCCEEDED or FAILED; a FAILED message says what to fix.",
  },
  {
    name: "discover",
    synopsis: "discover --config CONFIG.json",
    summary: "print the operations a stream can be mapped to (one DESTINATION_CATALOG)",
    details:
      "Airbyte's data activation mapping reads it: one destination operation per endpoint template\n" +
      "and per entry of the config's streams[] (stream__<stream_name>), with the fields its records need.",
  },
  {
    name: "write",
    synopsis: "write --config CONFIG.json --catalog CATALOG.json < messages.jsonl",
    summary: "run a sync: each RECORD runs its stream's operation, each STATE is echoed once settled",
    details:
      "Reads AirbyteMessages (one JSON object a line) on stdin and prints STATE, LOG and TRACE messages\n" +
      "on stdout. CATALOG.json is the configured catalog: each stream runs the operation its\n" +
      "destination_object_name names (data activation) or its config streams[] entry maps; a stream\n" +
      "mapped by neither is refused before the first record. An operation makes one Graph API call or\n" +
      "several: deploy_flow looks the Flow up by name, creates it when missing, updates its Flow JSON\n" +
      "and metadata only where they differ, and publishes it when asked.",
  },
];

export function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    `Usage: ${PROGRAM} <command> [options]`,
    "",
    "Commands:",
    ...lines,
    "",
    `  ${PROGRAM} help <command>   a command's options`,
    `  ${PROGRAM} --version        the connector's version`,
    "",
  ].join("\n");
}

/** One command's help, or undefined when there is no such command. */
export function commandHelp(name: string): string | undefined {
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) return undefined;
  return `Usage: ${PROGRAM} ${command.synopsis}\n\n${command.summary}.\n${command.details}\n`;
}
