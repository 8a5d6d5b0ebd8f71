import { describe, expect, it } from "vitest";
import {
  type CurrentFlow,
  type DesiredFlow,
  decideDeploy,
  differingParts,
  sameFlowJson,
} from "../../../src/operations/deploy-flow/deploy-flow-decision.js";

const JSON_A = {
  version: "7.2",
  screens: [{ id: "A", layout: { type: "SingleColumnLayout", children: [] } }],
};
const desired = (over: Partial<DesiredFlow> = {}): DesiredFlow => ({
  name: "Order survey",
  categories: ["SURVEY", "OTHER"],
  endpointUri: undefined,
  flowJson: JSON_A,
  publish: false,
  ...over,
});
const current = (over: Partial<CurrentFlow> = {}): CurrentFlow => ({
  id: "11",
  status: "DRAFT",
  categories: ["OTHER", "SURVEY"],
  endpointUri: undefined,
  validationErrors: 0,
  asset: { kind: "json", value: structuredClone(JSON_A) },
  ...over,
});

describe("deploy_flow decides what to write from the difference alone", () => {
  it("an identical Flow needs no write (categories compared as a set)", () => {
    expect(decideDeploy(desired(), current())).toEqual({
      kind: "apply",
      upload: false,
      metadata: undefined,
      publish: "not_requested",
    });
  });

  it("compares Flow JSON as data, not text: key order does not matter, a value does", () => {
    const reordered = JSON.parse(
      '{"screens":[{"layout":{"children":[],"type":"SingleColumnLayout"},"id":"A"}],"version":"7.2"}',
    );
    expect(sameFlowJson(reordered, JSON_A)).toBe(true);
    expect(sameFlowJson({ ...JSON_A, version: "7.1" }, JSON_A)).toBe(false);
  });

  it("uploads a DRAFT's JSON only when it differs, or when the Flow has none", () => {
    const changed = desired({ flowJson: { ...JSON_A, version: "7.1" } });
    expect(decideDeploy(changed, current())).toMatchObject({ kind: "apply", upload: true });
    expect(decideDeploy(desired(), current({ asset: { kind: "none" } }))).toMatchObject({ upload: true });
    expect(decideDeploy(desired(), current({ asset: { kind: "unreadable", why: "x" } }))).toMatchObject({
      upload: true,
    });
  });

  it("updates only the metadata that differs; an absent endpoint_uri leaves the Flow's alone", () => {
    expect(decideDeploy(desired({ categories: ["SURVEY"] }), current())).toMatchObject({
      metadata: { categories: '["SURVEY"]' },
    });
    expect(
      decideDeploy(
        desired({ endpointUri: "https://new.example/x" }),
        current({ endpointUri: "https://old.example/x" }),
      ),
    ).toMatchObject({ metadata: { endpoint_uri: "https://new.example/x" } });
    expect(decideDeploy(desired(), current({ endpointUri: "https://old.example/x" }))).toMatchObject({
      metadata: undefined,
    });
  });

  it("publishes only when asked and the Flow is a DRAFT; a published Flow already is", () => {
    expect(decideDeploy(desired({ publish: true }), current())).toMatchObject({ publish: "publish" });
    expect(decideDeploy(desired({ publish: true }), current({ status: "PUBLISHED" }))).toMatchObject({
      publish: "already_published",
    });
    expect(decideDeploy(desired(), current({ status: "PUBLISHED" }))).toMatchObject({
      publish: "not_requested",
    });
  });

  it("leaves a deprecated, throttled or blocked Flow untouched when its JSON differs", () => {
    const changed = desired({ flowJson: { ...JSON_A, version: "7.1" }, publish: true });
    for (const status of ["DEPRECATED", "THROTTLED", "BLOCKED"]) {
      expect(decideDeploy(changed, current({ status }))).toEqual({
        kind: "refuse",
        reason: "json_differs_not_draft",
      });
    }
  });

  it("changes a PUBLISHED Flow in place and publishes it again when the record says publish: true", () => {
    const published = current({ status: "PUBLISHED" });
    const changed = desired({ flowJson: { ...JSON_A, version: "7.1" }, publish: true });
    expect(decideDeploy(changed, published)).toEqual({
      kind: "apply",
      upload: true,
      metadata: undefined,
      publish: "republish",
    });
    // Metadata alone returns a published Flow to DRAFT too: it is published again as well.
    expect(decideDeploy(desired({ categories: ["SURVEY"], publish: true }), published)).toEqual({
      kind: "apply",
      upload: false,
      metadata: { categories: '["SURVEY"]' },
      publish: "republish",
    });
  });

  it("refuses a change to a PUBLISHED Flow without publish: true, which would leave it DRAFT", () => {
    const published = current({ status: "PUBLISHED" });
    expect(decideDeploy(desired({ flowJson: { ...JSON_A, version: "7.1" } }), published)).toEqual({
      kind: "refuse",
      reason: "published_needs_publish",
    });
    expect(decideDeploy(desired({ endpointUri: "https://new.example/x" }), published)).toEqual({
      kind: "refuse",
      reason: "published_needs_publish",
    });
  });

  it("refuses any change to a PUBLISHED Flow when the endpoint says published_flow_changes: reject", () => {
    const changed = desired({ flowJson: { ...JSON_A, version: "7.1" }, publish: true });
    expect(decideDeploy(changed, current({ status: "PUBLISHED" }), "reject")).toEqual({
      kind: "refuse",
      reason: "published_changes_rejected",
    });
    // Nothing to change: the option has nothing to forbid, and a DRAFT is not concerned by it.
    expect(decideDeploy(desired({ publish: true }), current({ status: "PUBLISHED" }), "reject")).toEqual({
      kind: "apply",
      upload: false,
      metadata: undefined,
      publish: "already_published",
    });
    expect(decideDeploy(changed, current(), "reject")).toMatchObject({ kind: "apply", publish: "publish" });
  });

  it("refuses before any write what would make the re-publish fail: a data endpoint with no endpoint_uri", () => {
    const withEndpoint = { ...JSON_A, data_api_version: "3.0" };
    const changed = desired({ flowJson: withEndpoint, publish: true });
    expect(decideDeploy(changed, current({ status: "PUBLISHED" }))).toEqual({
      kind: "refuse",
      reason: "published_endpoint_missing",
    });
    expect(
      decideDeploy(changed, current({ status: "PUBLISHED", endpointUri: "https://old.example/x" })),
    ).toMatchObject({ kind: "apply", publish: "republish" });
    expect(
      decideDeploy({ ...changed, endpointUri: "https://new.example/x" }, current({ status: "PUBLISHED" })),
    ).toMatchObject({ kind: "apply", publish: "republish" });
  });

  it("leaves a PUBLISHED Flow whose JSON cannot be read untouched (an edit would take it down for nothing)", () => {
    const unreadable = current({ status: "PUBLISHED", asset: { kind: "unreadable", why: "x" } });
    expect(decideDeploy(desired({ publish: true }), unreadable)).toEqual({
      kind: "refuse",
      reason: "json_unreadable_not_draft",
    });
  });

  it("names what differs, for the messages", () => {
    const changed = desired({
      flowJson: { ...JSON_A, version: "7.1" },
      categories: ["SURVEY"],
      endpointUri: "https://new.example/x",
    });
    expect(differingParts(changed, current())).toEqual(["Flow JSON", "categories", "endpoint_uri"]);
    expect(differingParts(desired(), current())).toEqual([]);
  });

  it("refuses to publish a DEPRECATED Flow, and a JSON Meta holds errors against", () => {
    expect(decideDeploy(desired({ publish: true }), current({ status: "DEPRECATED" }))).toEqual({
      kind: "refuse",
      reason: "publish_deprecated",
    });
    expect(decideDeploy(desired(), current({ validationErrors: 2 }))).toEqual({
      kind: "refuse",
      reason: "remote_validation_errors",
    });
    // A new JSON replaces the one the errors were about: the upload's answer decides then.
    expect(decideDeploy(desired({ flowJson: {} }), current({ validationErrors: 2 }))).toMatchObject({
      upload: true,
    });
  });
});
