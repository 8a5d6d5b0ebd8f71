import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FLOW_JSON, type Harness, startHarness } from "./support/harness.js";

// Issue 9 item 6 against the emulator, which answers these cases with Meta's code-100 family.

const STREAMS = { create: { template: "create_flow" } };

let h: Harness;
beforeAll(async () => {
  h = await startHarness(STREAMS);
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => h.emu.reset());

const lookups = () => h.emu.journal().filter((entry) => entry.route === "list_flows").length;

/** Locally valid and publishable Flow JSON that needs an endpoint: Meta leaves it a DRAFT without endpoint_uri. */
const NEEDS_ENDPOINT = {
  ...FLOW_JSON,
  data_api_version: "3.0",
  routing_model: { WELCOME: [] },
};

describe("create_flow against the emulator", () => {
  it("a bad clone_flow_id under a taken name is rejected with Meta's text, never existing_flow", async () => {
    expect(await h.run("create", { name: "Taken", categories: ["OTHER"] })).toMatchObject({
      kind: "succeeded",
    });
    const outcome = await h.run("create", { name: "Taken", categories: ["OTHER"], clone_flow_id: "424242" });
    expect(outcome.kind).toBe("rejected");
    if (outcome.kind !== "rejected") return;
    expect(outcome.error.message).toContain("Flow with specified ID does not exist");
    expect(lookups()).toBe(0);
  });

  it.each([
    ["Invalid Flow JSON version"],
    ["Invalid Flow JSON data_api_version"],
    ["Only one clone source can be set"],
  ])("code 100 %s (injected: local validation refuses these first) is rejected, no lookup", async (title) => {
    h.emu.setFaults([{ route: "create", status: 400, code: 100, message: title, times: 1 }]);
    const outcome = await h.run("create", { name: `x ${title}`, categories: ["OTHER"] });
    expect(outcome.kind).toBe("rejected");
    if (outcome.kind === "rejected") expect(outcome.error.message).toContain(`Meta says: ${title}`);
    expect(lookups()).toBe(0);
  });

  it("Meta's duplicate-name answer still resolves to the existing Flow", async () => {
    const first = await h.run("create", { name: "Same", categories: ["OTHER"] });
    const again = await h.run("create", { name: "Same", categories: ["OTHER"] });
    expect(again).toMatchObject({
      kind: "succeeded",
      resolution: "existing_flow",
      result: { flowId: first.kind === "succeeded" ? first.result?.flowId : "?" },
    });
  });

  it("publish: true that left a DRAFT is rejected, and again when the sync is run again", async () => {
    const record = {
      name: "Needs endpoint",
      categories: ["OTHER"],
      flow_json: NEEDS_ENDPOINT,
      publish: true,
    };
    const first = await h.run("create", record);
    expect(first).toMatchObject({ kind: "rejected", error: { code: "ERR_FLOW_NOT_PUBLISHED" } });
    const rerun = await h.run("create", record);
    expect(rerun).toMatchObject({ kind: "rejected", error: { code: "ERR_FLOW_NOT_PUBLISHED" } });
    if (rerun.kind === "rejected") expect(rerun.error.message).toContain("it is DRAFT");
    expect(h.emu.flows().filter((flow) => flow.name === "Needs endpoint")).toMatchObject([
      { status: "DRAFT" },
    ]);
  });

  it("publish: true that published is a success, read back as PUBLISHED", async () => {
    const outcome = await h.run("create", {
      name: "Live",
      categories: ["OTHER"],
      flow_json: FLOW_JSON,
      publish: true,
    });
    expect(outcome).toMatchObject({ kind: "succeeded" });
    expect(h.emu.journal().filter((entry) => entry.route === "get_flow")).toHaveLength(1);
  });
});
