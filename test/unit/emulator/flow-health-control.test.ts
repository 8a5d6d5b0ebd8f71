import { afterEach, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../../../src/emulator/index.js";
import { call, errorOf, flowMessage, publishedFlow } from "./harness.js";

/**
 * `POST /__emulator/flows/{id}/health`: the health_status Meta reports for a Flow, in Meta's shape
 * (`can_send_message` overall and per entity, with `errors[]`), and the send Meta then refuses.
 */
const running: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});
async function emulator(): Promise<RunningEmulator> {
  const emu = await startEmulator();
  running.push(emu);
  return emu;
}

const health = (emu: RunningEmulator, id: string, json: unknown) =>
  call(emu, "POST", `/__emulator/flows/${id}/health`, { json });
const send = (emu: RunningEmulator, params: Record<string, unknown>) =>
  call(emu, "POST", `/${emu.phoneNumberIds[0]}/messages`, { json: flowMessage(params) });

describe("a Flow's health through the control API", () => {
  it("is read back in Meta's health_status shape, and a BLOCKED one refuses sends by id and by name (132068)", async () => {
    const emu = await emulator();
    const id = await publishedFlow(emu, "welcome");
    expect((await send(emu, { flow_id: id })).status).toBe(200);
    const set = await health(emu, id, {
      can_send_message: "BLOCKED",
      error_code: 139003,
      error_description: "Endpoint down.",
      possible_solution: "Fix it.",
    });
    expect(set.status).toBe(200);
    const read = await call(emu, "GET", `/${id}?fields=health_status`);
    expect(read.body).toEqual({
      id,
      health_status: {
        can_send_message: "BLOCKED",
        entities: [
          {
            entity_type: "FLOW",
            id,
            can_send_message: "BLOCKED",
            errors: [
              { error_code: 139003, error_description: "Endpoint down.", possible_solution: "Fix it." },
            ],
          },
          { entity_type: "WABA", id: emu.wabaId, can_send_message: "AVAILABLE" },
        ],
      },
    });
    for (const params of [{ flow_id: id }, { flow_name: "welcome" }]) {
      const refused = await send(emu, params);
      expect(refused.status).toBe(400);
      expect(errorOf(refused).code).toBe(132068);
    }
    // LIMITED still reaches people; AVAILABLE clears the setting.
    await health(emu, id, { can_send_message: "LIMITED" });
    expect((await send(emu, { flow_id: id })).status).toBe(200);
    await health(emu, id, { can_send_message: "AVAILABLE" });
    const cleared = await call(emu, "GET", `/${id}?fields=health_status`);
    expect(cleared.body).toMatchObject({ health_status: { can_send_message: "AVAILABLE" } });
  });

  it("answers 404 for an unknown Flow and 400 for a value Meta does not use", async () => {
    const emu = await emulator();
    const id = await publishedFlow(emu, "welcome");
    expect((await health(emu, "999", { can_send_message: "BLOCKED" })).status).toBe(404);
    for (const json of [
      { can_send_message: "DOWN" },
      {},
      { can_send_message: "BLOCKED", error_code: "139003" },
      { can_send_message: "BLOCKED", error_description: 7 },
    ]) {
      expect((await health(emu, id, json)).status, JSON.stringify(json)).toBe(400);
    }
  });
});
