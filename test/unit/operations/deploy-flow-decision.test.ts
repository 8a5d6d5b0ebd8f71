import { describe, expect, it } from "vitest";
import {
  type CurrentFlow,
  type DesiredFlow,
  decideDeploy,
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

  it("leaves a Flow past DRAFT untouched when its JSON differs (or cannot be compared)", () => {
    const changed = desired({ flowJson: { ...JSON_A, version: "7.1" } });
    for (const status of ["PUBLISHED", "DEPRECATED", "THROTTLED", "BLOCKED"]) {
      expect(decideDeploy(changed, current({ status }))).toEqual({
        kind: "refuse",
        reason: "json_differs_not_draft",
      });
    }
    expect(
      decideDeploy(desired(), current({ status: "PUBLISHED", asset: { kind: "unreadable", why: "x" } })),
    ).toEqual({
      kind: "refuse",
      reason: "json_unreadable_not_draft",
    });
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
