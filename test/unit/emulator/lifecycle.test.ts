import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../../../src/emulator/index.js";
import { call, createFlow, errorOf, flowJsonForm, VALID_FLOW_JSON } from "./harness.js";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => {
  await emu.close();
});
beforeEach(() => emu.reset());

describe("flow lifecycle", () => {
  it("creates a DRAFT flow from multipart, urlencoded or JSON fields", async () => {
    const a = await createFlow(emu, "multipart flow");
    const b = await call(emu, "POST", `/${emu.wabaId}/flows`, {
      form: { name: "form flow", categories: '["SURVEY"]' },
    });
    const c = await call(emu, "POST", `/${emu.wabaId}/flows`, {
      json: { name: "json flow", categories: ["SIGN_UP"] },
    });
    expect(b.status).toBe(200);
    expect(c.status).toBe(200);
    expect(Object.keys(b.body)).toEqual(["id"]);
    const got = await call(emu, "GET", `/${a}?fields=id,name,status,categories`);
    expect(got.body).toEqual({ id: a, name: "multipart flow", status: "DRAFT", categories: ["OTHER"] });
    expect(
      emu
        .flows()
        .map((f) => f.name)
        .sort(),
    ).toEqual(["form flow", "json flow", "multipart flow"]);
  });

  it("refuses a duplicate name as Meta does: code 100, title 'Flow name is not unique'", async () => {
    await createFlow(emu, "same");
    const r = await call(emu, "POST", `/${emu.wabaId}/flows`, {
      form: { name: "same", categories: '["OTHER"]' },
    });
    expect(r.status).toBe(400);
    expect(errorOf(r)).toMatchObject({
      code: 100,
      message: "Invalid parameter",
      error_user_title: "Flow name is not unique",
      error_user_msg: expect.stringContaining("should be unique within one WhatsApp Business Account"),
    });
  });

  it.each([
    ["an unknown clone_flow_id", { clone_flow_id: "424242" }, "Flow with specified ID does not exist"],
    [
      "two clone sources",
      { clone_flow_id: "424242", clone_template: "some_template" },
      "Only one clone source can be set",
    ],
    [
      "an unknown Flow JSON version",
      { flow_json: JSON.stringify({ ...JSON.parse(VALID_FLOW_JSON), version: "1.9" }) },
      "Invalid Flow JSON version",
    ],
    [
      "an unsupported data_api_version",
      { flow_json: JSON.stringify({ ...JSON.parse(VALID_FLOW_JSON), data_api_version: "9.9" }) },
      "Invalid Flow JSON data_api_version",
    ],
  ])("refuses %s with code 100 and Meta's title, creating nothing", async (_what, extra, title) => {
    const before = emu.flows().length;
    const r = await call(emu, "POST", `/${emu.wabaId}/flows`, {
      form: { name: `clone ${title}`, categories: '["OTHER"]', ...extra },
    });
    expect(r.status).toBe(400);
    expect(errorOf(r)).toMatchObject({ code: 100, error_user_title: title });
    expect(emu.flows()).toHaveLength(before);
  });

  it("names missing or wrongly typed parameters", async () => {
    const noName = await call(emu, "POST", `/${emu.wabaId}/flows`, { form: { categories: '["OTHER"]' } });
    expect(errorOf(noName).message).toBe("(#100) The parameter name is required");
    const badCat = await call(emu, "POST", `/${emu.wabaId}/flows`, {
      form: { name: "x", categories: '["NOPE"]' },
    });
    expect(errorOf(badCat).message).toContain("categories[0]");
    const notJson = await call(emu, "POST", `/${emu.wabaId}/flows`, {
      form: { name: "x", categories: "OTHER" },
    });
    expect(errorOf(notJson).code).toBe(100);
    const badUri = await call(emu, "POST", `/${emu.wabaId}/flows`, {
      form: { name: "x", categories: '["OTHER"]', endpoint_uri: "http://plain.example" },
    });
    expect(errorOf(badUri).message).toContain("endpoint_uri");
  });

  it("answers create with flow_json as {id, success, validation_errors} and can publish at once", async () => {
    const r = await call(emu, "POST", `/${emu.wabaId}/flows`, {
      form: { name: "with json", categories: '["OTHER"]', flow_json: VALID_FLOW_JSON, publish: "true" },
    });
    expect(r.body).toEqual({ id: expect.any(String), success: true, validation_errors: [] });
    const got = await call(emu, "GET", `/${r.body.id}?fields=status,json_version`);
    expect(got.body).toMatchObject({ status: "PUBLISHED", json_version: "7.2" });
  });

  it("saves an invalid Flow JSON with 200 success and validation_errors, then refuses to publish (139002)", async () => {
    const id = await createFlow(emu, "broken");
    const up = await call(emu, "POST", `/${id}/assets`, { multipart: flowJsonForm("{not json") });
    expect(up.status).toBe(200);
    expect(up.body.success).toBe(true);
    expect((up.body.validation_errors as unknown[]).length).toBeGreaterThan(0);
    const pub = await call(emu, "POST", `/${id}/publish`);
    expect(pub.status).toBe(400);
    expect(errorOf(pub).code).toBe(139002);
  });

  it("refuses to publish a flow without Flow JSON (139002)", async () => {
    const id = await createFlow(emu, "empty");
    expect(errorOf(await call(emu, "POST", `/${id}/publish`)).code).toBe(139002);
  });

  it("walks DRAFT → PUBLISHED → DEPRECATED and never back", async () => {
    const id = await createFlow(emu, "walk");
    const up = await call(emu, "POST", `/${id}/assets`, { multipart: flowJsonForm(VALID_FLOW_JSON) });
    expect(up.body).toEqual({ success: true, validation_errors: [] });
    expect((await call(emu, "POST", `/${id}/publish`)).body).toEqual({ success: true });
    expect(errorOf(await call(emu, "POST", `/${id}/publish`)).code).toBe(139002);
    expect(errorOf(await call(emu, "DELETE", `/${id}`)).code).toBe(139004);
    expect((await call(emu, "POST", `/${id}/deprecate`)).body).toEqual({ success: true });
    expect(errorOf(await call(emu, "POST", `/${id}/deprecate`)).code).toBe(139003);
    expect((await call(emu, "GET", `/${id}?fields=status`)).body.status).toBe("DEPRECATED");
    // A deprecated Flow takes no edit at all.
    expect(
      errorOf(await call(emu, "POST", `/${id}/assets`, { multipart: flowJsonForm(VALID_FLOW_JSON) })).code,
    ).toBe(139001);
    expect(errorOf(await call(emu, "POST", `/${id}`, { form: { name: "renamed" } })).code).toBe(139001);
  });

  const status = async (id: string) => (await call(emu, "GET", `/${id}?fields=status`)).body.status;
  async function publishedFlow(name: string): Promise<string> {
    const id = await createFlow(emu, name);
    await call(emu, "POST", `/${id}/assets`, { multipart: flowJsonForm(VALID_FLOW_JSON) });
    expect((await call(emu, "POST", `/${id}/publish`)).body).toEqual({ success: true });
    return id;
  }

  it("an edit of a PUBLISHED Flow's JSON returns it to DRAFT under the same id; publishing makes it live again", async () => {
    const id = await publishedFlow("live");
    const edited = JSON.stringify({ ...JSON.parse(VALID_FLOW_JSON), version: "7.3" });
    const up = await call(emu, "POST", `/${id}/assets`, { multipart: flowJsonForm(edited) });
    expect(up.body).toEqual({ success: true, validation_errors: [] });
    expect(await status(id)).toBe("DRAFT");
    expect((await call(emu, "GET", `/${id}?fields=json_version`)).body.json_version).toBe("7.3");
    expect((await call(emu, "POST", `/${id}/publish`)).body).toEqual({ success: true });
    expect(await status(id)).toBe("PUBLISHED");
    expect(emu.flows().filter((f) => f.name === "live")).toHaveLength(1);
  });

  it("an edit of a PUBLISHED Flow's metadata returns it to DRAFT; a refused edit leaves it PUBLISHED", async () => {
    const id = await publishedFlow("live meta");
    await createFlow(emu, "taken");
    expect(errorOf(await call(emu, "POST", `/${id}`, { form: { name: "taken" } })).code).toBe(100);
    expect(await status(id)).toBe("PUBLISHED");
    expect((await call(emu, "POST", `/${id}`, { form: { categories: '["SURVEY"]' } })).body).toEqual({
      success: true,
    });
    expect(await status(id)).toBe("DRAFT");
  });

  it("an edited Flow whose JSON has errors stays DRAFT and cannot be published (139002)", async () => {
    const id = await publishedFlow("live broken");
    const up = await call(emu, "POST", `/${id}/assets`, { multipart: flowJsonForm("{not json") });
    expect((up.body.validation_errors as unknown[]).length).toBeGreaterThan(0);
    expect(errorOf(await call(emu, "POST", `/${id}/publish`)).code).toBe(139002);
    expect(await status(id)).toBe("DRAFT");
  });

  it("plays the older rule on request: published_flow_edits refuse answers 139001 and keeps it PUBLISHED", async () => {
    const id = await publishedFlow("old rule");
    const set = await fetch(`${emu.url}/__emulator/flow-rules`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ published_flow_edits: "refuse" }),
    });
    expect(await set.json()).toEqual({ published_flow_edits: "refuse", extra_flow_json_versions: [] });
    expect(
      errorOf(await call(emu, "POST", `/${id}/assets`, { multipart: flowJsonForm(VALID_FLOW_JSON) })).code,
    ).toBe(139001);
    expect(errorOf(await call(emu, "POST", `/${id}`, { form: { name: "renamed" } })).code).toBe(139001);
    expect(await status(id)).toBe("PUBLISHED");
    emu.reset();
    const after = await fetch(`${emu.url}/__emulator/flow-rules`);
    expect(await after.json()).toMatchObject({ published_flow_edits: "draft" });
  });

  it("refuses a bad flow-rules setting with 400 naming the field", async () => {
    const bad = await fetch(`${emu.url}/__emulator/flow-rules`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ published_flow_edits: "sometimes" }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toContain("published_flow_edits");
  });

  it("knows the Flow JSON versions Meta knows: a newer one is refused until Meta ships it", async () => {
    const newer = JSON.stringify({ ...JSON.parse(VALID_FLOW_JSON), version: "7.4" });
    const id = await createFlow(emu, "newer");
    const up = await call(emu, "POST", `/${id}/assets`, { multipart: flowJsonForm(newer) });
    expect(up.body.validation_errors).toEqual([
      expect.objectContaining({ error: "INVALID_FLOW_JSON_VERSION", pointers: [{ path: "version" }] }),
    ]);
    emu.setFlowRules({ extraFlowJsonVersions: ["7.4"] });
    const again = await call(emu, "POST", `/${id}/assets`, { multipart: flowJsonForm(newer) });
    expect(again.body).toEqual({ success: true, validation_errors: [] });
    expect((await call(emu, "POST", `/${id}/publish`)).body).toEqual({ success: true });
  });

  it("deprecating a draft is 139003; deleting a draft succeeds and the id is then unknown (100/33)", async () => {
    const id = await createFlow(emu, "gone");
    expect(errorOf(await call(emu, "POST", `/${id}/deprecate`)).code).toBe(139003);
    expect((await call(emu, "DELETE", `/${id}`)).body).toEqual({ success: true });
    const again = await call(emu, "DELETE", `/${id}`);
    expect(again.status).toBe(400);
    expect(errorOf(again)).toMatchObject({ code: 100, error_subcode: 33, type: "GraphMethodException" });
    expect(errorOf(again).message).toContain(`Object with ID '${id}' does not exist`);
  });

  it("updates metadata of a draft and keeps names unique", async () => {
    const id = await createFlow(emu, "meta");
    await createFlow(emu, "taken");
    const ok = await call(emu, "POST", `/${id}`, {
      form: { name: "meta 2", categories: '["SURVEY"]', endpoint_uri: "https://example.com/x" },
    });
    expect(ok.body).toEqual({ success: true });
    const got = await call(emu, "GET", `/${id}?fields=name,categories,endpoint_uri`);
    expect(got.body).toMatchObject({
      name: "meta 2",
      categories: ["SURVEY"],
      endpoint_uri: "https://example.com/x",
    });
    expect(errorOf(await call(emu, "POST", `/${id}`, { form: { name: "taken" } })).code).toBe(100);
    expect(errorOf(await call(emu, "POST", `/${id}`, { form: {} })).code).toBe(100);
  });

  it("lists flows with Graph paging and cursors", async () => {
    for (const n of ["a", "b", "c"]) await createFlow(emu, n);
    const first = await call(emu, "GET", `/${emu.wabaId}/flows?limit=2`);
    const data = first.body.data as { name: string }[];
    expect(data.map((f) => f.name)).toEqual(["a", "b"]);
    const paging = first.body.paging as { cursors: { before: string; after: string }; next?: string };
    expect(paging.cursors.before).toEqual(expect.any(String));
    const second = await call(emu, "GET", `/${emu.wabaId}/flows?limit=2&after=${paging.cursors.after}`);
    expect((second.body.data as { name: string }[]).map((f) => f.name)).toEqual(["c"]);
    expect(Object.keys(data[0]!).sort()).toEqual(["categories", "id", "name", "status", "validation_errors"]);
  });

  it("clones a flow's Flow JSON and lists its asset", async () => {
    const src = await createFlow(emu, "source", { flow_json: VALID_FLOW_JSON });
    const clone = await createFlow(emu, "clone", { clone_flow_id: src });
    const assets = await call(emu, "GET", `/${clone}/assets`);
    const asset = (assets.body.data as { name: string; asset_type: string; download_url: string }[])[0]!;
    expect(asset).toMatchObject({ name: "flow.json", asset_type: "FLOW_JSON" });
    const download = await fetch(asset.download_url);
    expect(await download.text()).toBe(VALID_FLOW_JSON);
    expect(
      errorOf(
        await call(emu, "POST", `/${emu.wabaId}/flows`, {
          form: { name: "z", categories: '["OTHER"]', clone_flow_id: "999" },
        }),
      ).code,
    ).toBe(100);
  });

  it("rejects unknown fields and a non-multipart asset upload", async () => {
    const id = await createFlow(emu, "f");
    const r = await call(emu, "GET", `/${id}?fields=id,bogus`);
    expect(errorOf(r).message).toContain("(bogus)");
    const up = await call(emu, "POST", `/${id}/assets`, {
      form: { name: "flow.json", asset_type: "FLOW_JSON" },
    });
    expect(errorOf(up).code).toBe(100);
    const form = flowJsonForm(VALID_FLOW_JSON);
    form.set("asset_type", "IMAGE");
    expect(errorOf(await call(emu, "POST", `/${id}/assets`, { multipart: form })).message).toContain(
      "asset_type",
    );
    const noFile = new FormData();
    noFile.append("name", "flow.json");
    noFile.append("asset_type", "FLOW_JSON");
    expect(errorOf(await call(emu, "POST", `/${id}/assets`, { multipart: noFile })).message).toBe(
      "(#100) The parameter file is required",
    );
  });

  it("serves the WABA node and its phone numbers", async () => {
    const waba = await call(emu, "GET", `/${emu.wabaId}`);
    expect(waba.body).toMatchObject({ id: emu.wabaId, name: expect.any(String) });
    const phones = await call(emu, "GET", `/${emu.wabaId}/phone_numbers`);
    expect((phones.body.data as { id: string }[]).map((p) => p.id)).toEqual([...emu.phoneNumberIds]);
  });
});
