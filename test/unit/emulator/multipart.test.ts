import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { multipartBoundary, parseMultipartBody } from "../../../src/emulator/body/index.js";
import { GraphErrorReply } from "../../../src/emulator/graph-error-reply.js";
import { type RunningEmulator, startEmulator } from "../../../src/emulator/index.js";
import { call, createFlow, errorOf } from "./harness.js";

const CT = "multipart/form-data; boundary=XyZ";
const body = (s: string): Buffer => Buffer.from(s.replace(/\n/g, "\r\n"));

function problem(raw: Buffer, ct = CT): string {
  try {
    parseMultipartBody(raw, ct);
  } catch (error) {
    if (error instanceof GraphErrorReply) return error.spec.message;
    throw error;
  }
  return "parsed";
}

describe("multipart parser", () => {
  it("reads fields and file parts", () => {
    const parsed = parseMultipartBody(
      body(
        '--XyZ\nContent-Disposition: form-data; name="name"\n\nflow.json\n--XyZ\nContent-Disposition: form-data; name="file"; filename="flow.json"\nContent-Type: application/json\n\n{"a":\n1}\n--XyZ--\n',
      ),
      CT,
    );
    expect(parsed.fields).toEqual({ name: "flow.json" });
    const file = parsed.files.get("file");
    expect(file?.filename).toBe("flow.json");
    expect(file?.contentType).toBe("application/json");
    expect(file?.data.toString()).toBe('{"a":\r\n1}');
  });

  it("takes quoted boundaries and empty values", () => {
    const parsed = parseMultipartBody(
      body('--a b\nContent-Disposition: form-data; name="x"\n\n\n--a b--'),
      'multipart/form-data; boundary="a b"',
    );
    expect(parsed.fields).toEqual({ x: "" });
  });

  it("refuses malformed bodies with a Graph error, never a guess", () => {
    expect(() => multipartBoundary("multipart/form-data")).toThrow(GraphErrorReply);
    expect(problem(body("nope"))).toContain("does not start with the boundary");
    expect(problem(body('--XyZ\nContent-Disposition: form-data; name="x"\n\nvalue'))).toContain(
      "closing boundary",
    );
    expect(problem(body("--XyZ\nContent-Disposition: form-data\n\nv\n--XyZ--"))).toContain("no name");
    expect(problem(body("--XyZ\nContent-Type: text/plain\n\nv\n--XyZ--"))).toContain(
      "no Content-Disposition",
    );
    expect(problem(body('--XyZ\nContent-Disposition: attachment; name="x"\n\nv\n--XyZ--'))).toContain(
      "form-data",
    );
    expect(problem(body('--XyZ\nContent-Disposition: form-data; name="x'))).toContain("not terminated");
    expect(problem(body('--XyZ garbage\nContent-Disposition: form-data; name="x"\n\nv\n--XyZ--'))).toContain(
      "CRLF",
    );
    expect(problem(body("--XyZ--"))).toBe("parsed");
  });

  it("bounds the number of parts", () => {
    const part = '--XyZ\nContent-Disposition: form-data; name="p"\n\nv\n';
    expect(problem(body(`${part.repeat(65)}--XyZ--`))).toContain("more than 64 parts");
  });
});

describe("multipart over HTTP", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startEmulator({ maxBodyBytes: 4096 });
  });
  afterAll(async () => {
    await emu.close();
  });

  it("answers a malformed upload with code 100 and keeps serving", async () => {
    const id = await createFlow(emu, "mp");
    const r = await call(emu, "POST", `/${id}/assets`, {
      raw: { body: body("--XyZ\nbroken"), contentType: CT },
    });
    expect(r.status).toBe(400);
    expect(errorOf(r).code).toBe(100);
    const noBoundary = await call(emu, "POST", `/${id}/assets`, {
      raw: { body: "x", contentType: "multipart/form-data" },
    });
    expect(errorOf(noBoundary).message).toContain("boundary");
    expect((await call(emu, "GET", `/${id}`)).status).toBe(200);
  });

  it("refuses a body over the limit with 413 and code 100", async () => {
    const r = await call(emu, "POST", `/${emu.wabaId}/flows`, {
      raw: { body: "x".repeat(10_000), contentType: "application/x-www-form-urlencoded" },
    });
    expect(r.status).toBe(413);
    expect(errorOf(r).code).toBe(100);
  });
});
