import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../../../src/emulator/index.js";
import { call, errorOf } from "./harness.js";

let emu: RunningEmulator;
let readOnly: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ token: "secret-token-123" });
  readOnly = await startEmulator({ permissions: ["whatsapp_business_messaging"] });
});
afterAll(async () => {
  await emu.close();
  await readOnly.close();
});

describe("auth", () => {
  it("answers 401 code 190 without a token or with a wrong one", async () => {
    const none = await call(emu, "GET", `/${emu.wabaId}/flows`, { token: null });
    expect(none.status).toBe(401);
    expect(errorOf(none)).toMatchObject({ code: 190, type: "OAuthException" });
    expect(errorOf(none).message).toBe("Invalid OAuth access token - Cannot parse access token");
    expect(none.headers["www-authenticate"]).toContain("invalid_token");
    const wrong = await call(emu, "GET", `/${emu.wabaId}/flows`, { token: "another-long-token" });
    expect(wrong.status).toBe(401);
    expect(errorOf(wrong).message).toContain("Error validating access token");
  });

  it("accepts the access_token query parameter", async () => {
    const r = await call(emu, "GET", `/${emu.wabaId}/flows?access_token=secret-token-123`, { token: null });
    expect(r.status).toBe(200);
  });

  it("answers 403 code 200 when the token lacks whatsapp_business_management", async () => {
    const r = await call(readOnly, "GET", `/${readOnly.wabaId}/flows`);
    expect(r.status).toBe(403);
    expect(errorOf(r).code).toBe(200);
    expect(errorOf(r).message).toContain("whatsapp_business_management");
  });
});

describe("Graph errors and headers", () => {
  it("answers unknown ids with 400, code 100, subcode 33 and a method-specific message", async () => {
    const r = await call(emu, "GET", "/424242");
    expect(r.status).toBe(400);
    expect(errorOf(r)).toMatchObject({ code: 100, error_subcode: 33, fbtrace_id: expect.any(String) });
    expect(errorOf(r).message).toMatch(/^Unsupported get request\. Object with ID '424242' does not exist/);
  });

  it("answers unknown paths and malformed JSON with Graph errors", async () => {
    expect(errorOf(await call(emu, "GET", `/${emu.wabaId}/a/b`)).code).toBe(2500);
    const bad = await call(emu, "POST", `/${emu.wabaId}/flows`, {
      raw: { body: "{oops", contentType: "application/json" },
    });
    expect(bad.status).toBe(400);
    expect(errorOf(bad).code).toBe(100);
    const arr = await call(emu, "POST", `/${emu.wabaId}/flows`, {
      raw: { body: "[1]", contentType: "application/json" },
    });
    expect(errorOf(arr).code).toBe(100);
    const odd = await call(emu, "POST", `/${emu.wabaId}/flows`, {
      raw: { body: "x", contentType: "text/csv" },
    });
    expect(errorOf(odd).code).toBe(100);
  });

  it("sends usage and trace headers, echoing the requested version", async () => {
    const r = await call(emu, "GET", `/${emu.wabaId}`, { version: "v21.0" });
    expect(r.headers["facebook-api-version"]).toBe("v21.0");
    expect(r.headers["x-fb-trace-id"]).toEqual(expect.any(String));
    const buc = JSON.parse(String(r.headers["x-business-use-case-usage"])) as Record<string, unknown[]>;
    expect(buc[emu.wabaId]?.[0]).toMatchObject({
      call_count: expect.any(Number),
      total_cputime: expect.any(Number),
      total_time: expect.any(Number),
      type: expect.any(String),
      estimated_time_to_regain_access: expect.any(Number),
    });
    expect(JSON.parse(String(r.headers["x-app-usage"]))).toHaveProperty("call_count");
    const err = await call(emu, "GET", "/1", { token: null });
    expect(err.headers["x-business-use-case-usage"]).toBeDefined();
  });

  it("counts usage as a percentage of the hourly budget", async () => {
    const small = await startEmulator({ usageCallsPerHour: 4 });
    try {
      await call(small, "GET", `/${small.wabaId}`);
      const second = await call(small, "GET", `/${small.wabaId}`);
      const buc = JSON.parse(String(second.headers["x-business-use-case-usage"])) as Record<
        string,
        { call_count: number }[]
      >;
      expect(buc[small.wabaId]?.[0]?.call_count).toBe(50);
    } finally {
      await small.close();
    }
  });
});
