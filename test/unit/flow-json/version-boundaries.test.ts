import { describe, expect, it } from "vitest";
import { validateFlowJson } from "../../../src/flow-json/index.js";
import { complete, type Json, screen } from "./support/flows.js";

/**
 * Every rule that depends on the Flow JSON version, checked on both sides of the version where
 * Meta changed it: a gate moved by one version either way makes one of these fail. Meta's list
 * ("Currently Supported Versions" of the Flows changelog) is written out here as the reference.
 */
const META_VERSIONS = [
  "2.1",
  "3.0",
  "3.1",
  "4.0",
  "5.0",
  "5.1",
  "6.0",
  "6.1",
  "6.2",
  "6.3",
  "7.0",
  "7.1",
  "7.2",
  "7.3",
] as const;

const codes = (doc: Json, publish = false) =>
  validateFlowJson(doc, { requirePublishable: publish }).errors.map((e) => e.error);
const from = (gate: string, version: string) =>
  META_VERSIONS.indexOf(version as never) >= META_VERSIONS.indexOf(gate as never);

const oneScreen = (version: string, id: string, extra: Json = {}) => ({
  version,
  ...extra,
  screens: [screen(id, [complete], { terminal: true })],
});

/** Two Forms on one terminal screen (each with its own field names). */
const twoForms = (version: string) => ({
  version,
  screens: [
    screen(
      "A",
      [
        { type: "Form", name: "first", children: [{ type: "TextInput", name: "a", label: "A" }] },
        { type: "Form", name: "second", children: [{ type: "TextInput", name: "b", label: "B" }, complete] },
      ],
      { terminal: true },
    ),
  ],
});

describe("Flow JSON rules at the versions where Meta changed them", () => {
  it.each(["A,B", "___"])("screen id %j: refused at 7.0, accepted at 6.3", (id) => {
    expect(codes(oneScreen("7.0", id))).toEqual(["PATTERN_MISMATCH"]);
    expect(codes(oneScreen("6.3", id))).toEqual([]);
  });

  it.each(META_VERSIONS)('screen id "A,B" at %s follows the 7.0 pattern change', (version) => {
    expect(codes(oneScreen(version, "A,B")).includes("PATTERN_MISMATCH")).toBe(from("7.0", version));
  });

  it("one Form per screen: two refused at 7.0, accepted at 6.3", () => {
    expect(codes(twoForms("7.0"))).toEqual(["COMPONENT_TYPE_MAX_NUMBER_PER_SCREEN"]);
    expect(codes(twoForms("6.3"))).toEqual([]);
  });

  it.each(META_VERSIONS)("two Forms on a screen at %s follow the 7.0 limit", (version) => {
    expect(codes(twoForms(version)).includes("COMPONENT_TYPE_MAX_NUMBER_PER_SCREEN")).toBe(
      from("7.0", version),
    );
  });

  it("data_channel_uri: refused at 3.0, accepted at 2.1", () => {
    const uri = { data_channel_uri: "https://x.example/flow" };
    expect(codes(oneScreen("3.0", "A", uri))).toEqual(["INVALID_PROPERTY_KEY"]);
    expect(codes(oneScreen("2.1", "A", uri))).toEqual([]);
  });

  it.each(META_VERSIONS)("publishing a %s Flow follows Meta's 5.1 minimum", (version) => {
    const refused = codes(oneScreen(version, "A"), true).includes("UNSUPPORTED_FLOW_JSON_VERSION");
    expect(refused).toBe(!from("5.1", version));
    // Sending does not need a publishable version: every listed one is still valid.
    expect(codes(oneScreen(version, "A"))).toEqual([]);
  });
});

describe("a Flow JSON version newer than the validator knows", () => {
  it("7.3, the newest listed, passes without a word", () => {
    const result = validateFlowJson(oneScreen("7.3", "A"), { requirePublishable: true });
    expect(result).toMatchObject({ valid: true, warnings: [], version: "7.3" });
  });

  it.each(["7.4", "8.0", "10.2"])("%s is not refused: a warning says Meta decides", (version) => {
    const result = validateFlowJson(oneScreen(version, "A"), { requirePublishable: true });
    expect(result.valid).toBe(true);
    expect(result.version).toBe(version);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatchObject({
      error: "NEWER_FLOW_JSON_VERSION",
      pointers: [{ path: "version" }],
      message: expect.stringMatching(/newer than .*validator knows \(up to 7\.3\).*Meta's validation/),
    });
  });

  it("is still held to the latest rules it knows (the 7.0 screen-id pattern, one Form a screen)", () => {
    expect(codes(oneScreen("7.4", "A,B"))).toEqual(["PATTERN_MISMATCH"]);
    expect(codes(twoForms("7.4"))).toEqual(["COMPONENT_TYPE_MAX_NUMBER_PER_SCREEN"]);
    expect(codes(oneScreen("7.4", "A", { data_channel_uri: "https://x.example/flow" }))).toEqual([
      "INVALID_PROPERTY_KEY",
    ]);
  });

  it.each(["6.4", "7.03", "07.4", "7.4.1", "7", "v7.4", "0.9"])(
    "%s is not a newer version: refused as unknown",
    (version) => {
      const result = validateFlowJson(oneScreen(version, "A"));
      expect(result.errors.map((e) => e.error)).toEqual(["INVALID_FLOW_JSON_VERSION"]);
      expect(result.warnings).toEqual([]);
    },
  );

  it("a number instead of a string is refused", () => {
    expect(codes({ ...oneScreen("7.3", "A"), version: 7.4 })).toEqual(["INVALID_FLOW_JSON_VERSION"]);
  });
});
