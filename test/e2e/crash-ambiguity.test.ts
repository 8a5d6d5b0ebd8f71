import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import type { RouteName } from "../../src/emulator/types.js";
import { type CliResult, ofType } from "../support/cli.js";
import { MINIMAL_FLOW_JSON } from "../support/flow-json.js";
import { type RunningS3, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY, startS3 } from "../support/s3-server.js";
import { BUCKET_PATH, objectStorage, record, storedLines } from "./object-storage-support.js";
import {
  configFor,
  emulator,
  globalState,
  lines,
  PUBLISHED_FLOW,
  states,
  streamState,
  write,
} from "./write-support.js";

/**
 * What a `kill -9` between a call and its recorded outcome leaves, through the built CLI with the
 * send ledger in the tests' S3 server: the emulator holds the call's answer (latency) so that the
 * kill lands after Meta received it, then carries it out. A create is settled by the next
 * attempt's lookup by name (never ambiguous, never made twice); a send is stored in the bucket as
 * ambiguous beside the rejects and, with ambiguous_sends: resend, sent again by the next attempt.
 */
let emu: RunningEmulator;
let s3: RunningS3;
beforeAll(async () => {
  [emu, s3] = await Promise.all([emulator(), startS3()]);
});
afterAll(async () => {
  await Promise.all([emu.close(), s3.close()]);
});
beforeEach(() => {
  emu.reset();
  emu.setFaults([]);
});

const SECRETS = [S3_SECRET_ACCESS_KEY, S3_ACCESS_KEY_ID];
/** How long the emulator holds the answers the kill is aimed at. */
const HELD_MS = 1_500;

const STREAMS = ["flows", "templates", "deploys", "invites"] as const;
const STREAM_CONFIG = [
  { stream_name: "flows", endpoint: { template: "create_flow" } },
  { stream_name: "templates", endpoint: { template: "create_flow_template" } },
  { stream_name: "deploys", endpoint: { template: "deploy_flow" } },
  { stream_name: "invites", endpoint: { template: "send_published_flow" } },
];

function catalogOf(syncId: number): Record<string, unknown> {
  return {
    streams: STREAMS.map((name) => ({
      stream: { name, json_schema: {}, supported_sync_modes: ["full_refresh"] },
      sync_mode: "full_refresh",
      destination_sync_mode: name === "deploys" ? "update" : "append",
      ...(name === "deploys" ? { primary_key: [["name"]] } : {}),
      sync_id: syncId,
      generation_id: 0,
    })),
  };
}

function configWith(storage: Record<string, unknown> = {}): Record<string, unknown> {
  return configFor(emu, {
    streams: STREAM_CONFIG,
    object_storage_config: objectStorage(s3, storage),
  });
}

/** Kills the attempt once the emulator received a request of each route (it holds their answers). */
function killAfter(routes: readonly RouteName[]): (child: ChildProcess) => void {
  return (child) => {
    const since = emu.journal().at(-1)?.seq ?? 0;
    const timer = setInterval(() => {
      const seen = new Set(
        emu
          .journal()
          .filter((e) => e.seq > since)
          .map((e) => e.route),
      );
      if (routes.every((route) => seen.has(route))) {
        clearInterval(timer);
        child.kill("SIGKILL");
      }
    }, 10);
    child.on("close", () => clearInterval(timer));
  };
}

/** The held requests are carried out once their latency is over. */
async function heldRequestsDone(done: () => boolean): Promise<void> {
  const deadline = Date.now() + 3 * HELD_MS;
  while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  expect(done(), "the emulator carried out the held requests").toBe(true);
}

function ambiguousLogs(result: CliResult): string[] {
  return ofType(result, "LOG")
    .map((m) => (m.log as { message: string }).message)
    .filter((message) => /may or may not have been/.test(message));
}

const TEMPLATE = {
  name: "crash_offer",
  language: "en_US",
  category: "UTILITY",
  body: "Your booking is ready",
  button_text: "Open",
  flow_id: PUBLISHED_FLOW,
};

describe("a kill between a create and its recorded outcome", () => {
  it("create_flow, create_flow_template and deploy_flow: the next attempt finds what the killed one created (0 ambiguous, nothing twice)", async () => {
    const syncId = 7101;
    const input = lines(
      record({ name: "crash_flow", categories: ["OTHER"] }, "flows"),
      record(TEMPLATE, "templates"),
      record({ name: "crash_deploy", categories: ["OTHER"], flow_json: MINIMAL_FLOW_JSON }, "deploys"),
      globalState(1),
    );
    emu.setFaults([
      { route: "create", latencyMs: HELD_MS, times: 2 },
      { route: "create_template", latencyMs: HELD_MS, times: 1 },
    ]);
    const creates = () =>
      emu.journal().filter((e) => e.route === "create" || e.route === "create_template").length;
    const killed = await write(configWith(), input, {
      catalog: catalogOf(syncId),
      secrets: SECRETS,
      onSpawn: (child) => {
        // Both Flow creates (create_flow and deploy_flow) and the template's.
        const timer = setInterval(() => {
          if (creates() >= 3) {
            clearInterval(timer);
            child.kill("SIGKILL");
          }
        }, 10);
        child.on("close", () => clearInterval(timer));
      },
    });
    expect(killed.code, "the first attempt was killed").toBeNull();
    expect(states(killed)).toEqual([]);
    const named = (name: string) => emu.flows().filter((f) => f.name === name);
    await heldRequestsDone(
      () =>
        named("crash_flow").length === 1 &&
        named("crash_deploy").length === 1 &&
        emu.templates().some((t) => t.name === TEMPLATE.name),
    );
    const before = emu.journal().at(-1)?.seq ?? 0;

    const rerun = await write(configWith(), input, { catalog: catalogOf(syncId), secrets: SECRETS });
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(ambiguousLogs(rerun)).toEqual([]);
    expect(states(rerun).at(-1)!.state.destinationStats).toEqual({ recordCount: 3 });
    const posts = emu.journal().filter((e) => e.seq > before && e.method === "POST");
    expect(posts.map((e) => e.route)).toEqual([]);
    expect(named("crash_flow")).toHaveLength(1);
    expect(named("crash_deploy")).toHaveLength(1);
    expect(emu.templates().filter((t) => t.name === TEMPLATE.name)).toHaveLength(1);
    const stored = await storedLines(s3, `${BUCKET_PATH}/${syncId}/`);
    expect(stored.filter((l) => l.outcome === "ambiguous")).toEqual([]);
  }, 60_000);
});

describe("an ambiguous send", () => {
  it("is stored beside the rejects, marked ambiguous and not counted as rejected; ambiguous_sends: resend sends it again", async () => {
    const syncId = 7102;
    const to = "15550001234";
    const input = lines(
      record({ to, flow_id: PUBLISHED_FLOW, flow_cta: "Open", body: "Hi" }),
      streamState("invites", 1),
    );
    emu.setFaults([{ route: "send", latencyMs: HELD_MS, times: 1 }]);
    const killed = await write(configWith(), input, {
      catalog: catalogOf(syncId),
      secrets: SECRETS,
      onSpawn: killAfter(["send"]),
    });
    expect(killed.code).toBeNull();
    const delivered = () => emu.journal().filter((e) => e.route === "send" && e.wamid !== undefined).length;
    await heldRequestsDone(() => delivered() === 1);

    const reported = await write(configWith(), input, { catalog: catalogOf(syncId), secrets: SECRETS });
    expect(reported.code, reported.stderr).toBe(0);
    expect(ambiguousLogs(reported)).toHaveLength(1);
    // Settled (its STATE goes out), not a reject.
    expect(states(reported).at(-1)!.state.destinationStats).toEqual({ recordCount: 1 });
    expect(delivered(), "report: never sent again").toBe(1);
    const [line, ...more] = await storedLines(s3, `${BUCKET_PATH}/${syncId}/invites/`);
    expect(more).toEqual([]);
    expect(line).toMatchObject({
      outcome: "ambiguous",
      record: { to, flow_id: PUBLISHED_FLOW, flow_cta: "Open", body: "Hi" },
      stream: "invites",
      operation: "send_published_flow",
      error_code: "ERR_AMBIGUOUS",
    });
    const firstTry = Date.parse(String(line!.first_tried_at));
    expect(firstTry).toBeLessThan(Date.parse(String(line!.reported_at)));
    expect(String(line!.what_to_do)).toMatch(/ambiguous_sends/);

    const resent = await write(configWith({ ambiguous_sends: "resend" }), input, {
      catalog: catalogOf(syncId),
      secrets: SECRETS,
    });
    expect(resent.code, resent.stderr).toBe(0);
    expect(ambiguousLogs(resent)).toEqual([]);
    expect(
      ofType(resent, "LOG").some((m) =>
        /sent again \(ambiguous_sends: resend\)/.test(String((m.log as { message: string }).message)),
      ),
    ).toBe(true);
    expect(delivered(), "resend: at least once").toBe(2);
    // Sent and recorded: a later attempt sends it no more, whatever the choice.
    await write(configWith({ ambiguous_sends: "resend" }), input, {
      catalog: catalogOf(syncId),
      secrets: SECRETS,
    });
    expect(delivered()).toBe(2);
  }, 60_000);
});
