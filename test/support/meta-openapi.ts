import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { ErrorObject, ValidateFunction } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { parse } from "yaml";
import type { RequestLogEntry, RequestLogExchange, RouteName } from "../../src/emulator/index.js";
import { ROOT } from "./cli.js";
import { IN_CI } from "./protocol-schema.js";

/**
 * Meta's OpenAPI file of the WhatsApp Business Messaging API is read from META_OPENAPI_FILE, else
 * from beside the checkout (../shared/reference, where this project's CI puts it), never copied
 * into the project. In CI (CI=true) it must be there; elsewhere its absence is said once by the
 * e2e project's global setup, and the oracle test says what it did not check.
 */
export const META_OPENAPI_PATH =
  process.env.META_OPENAPI_FILE ??
  join(ROOT, "..", "shared", "reference", "business-messaging-api_v23.0.yaml");

const DOWNLOAD = "https://raw.githubusercontent.com/facebook/openapi/main/business-messaging-api_v23.0.yaml";

export function missingMetaOpenApiMessage(path: string, ci: boolean): string {
  return [
    ci
      ? `[meta-openapi] ${path} not found. CI (CI=true) validates every Graph request of the e2e syncs and every emulator answer against Meta's OpenAPI file and fails without it. Put it there, or point META_OPENAPI_FILE at it:`
      : `[meta-openapi] ${path} not found: the e2e tests do NOT check Graph requests and emulator answers against Meta's OpenAPI file (CI requires it). For the full check, download it and point META_OPENAPI_FILE at it:`,
    `  curl -fsSL -o /tmp/business-messaging-api_v23.0.yaml ${DOWNLOAD}`,
    "  META_OPENAPI_FILE=/tmp/business-messaging-api_v23.0.yaml npm test",
  ].join("\n");
}

/** Which operation of the file each emulator route serves: "METHOD path template". */
export const ROUTE_OPERATIONS: Readonly<Record<Exclude<RouteName, "unknown">, string>> = {
  waba: "GET /{Version}/{WABA-ID}",
  phone_numbers: "GET /{Version}/{WABA-ID}/phone_numbers",
  phone_number: "GET /{Version}/{Phone-Number-ID}",
  list_flows: "GET /{Version}/{WABA-ID}/flows",
  create: "POST /{Version}/{WABA-ID}/flows",
  get_flow: "GET /{Version}/{Flow-ID}",
  update_metadata: "POST /{Version}/{Flow-ID}",
  delete: "DELETE /{Version}/{Flow-ID}",
  update_flow_json: "POST /{Version}/{Flow-ID}/assets",
  list_assets: "GET /{Version}/{Flow-ID}/assets",
  publish: "POST /{Version}/{Flow-ID}/publish",
  deprecate: "POST /{Version}/{Flow-ID}/deprecate",
  send: "POST /{Version}/{Phone-Number-ID}/messages",
  list_templates: "GET /{Version}/{WABA-ID}/message_templates",
  create_template: "POST /{Version}/{WABA-ID}/message_templates",
  marketing_send: "POST /{Version}/{Phone-Number-ID}/marketing_messages",
};

export type ViolationPart =
  | "route"
  | "request.path"
  | "request.header"
  | "request.query"
  | "request.body"
  | "response";

/** One way a journaled exchange disagrees with the file. */
export interface Violation {
  readonly seq: number;
  /** "METHOD /{Version}/..." as the file names it, or the concrete path when none matched. */
  readonly operation: string;
  readonly part: ViolationPart;
  readonly instancePath: string;
  readonly keyword: string;
  readonly schemaPath: string;
  readonly message: string;
}

type Json = Record<string, unknown>;
type Fail = (
  operation: string,
  part: ViolationPart,
  keyword: string,
  message: string,
  instancePath?: string,
  schemaPath?: string,
) => void;
const VERSION_SEGMENT = /^v\d+\.\d+$/;

/** A JSON pointer into the file, as an ajv reference to the schema added under "meta". */
function pointer(segments: readonly string[]): string {
  return `meta#/${segments.map((s) => encodeURIComponent(s.replaceAll("~", "~0").replaceAll("/", "~1"))).join("/")}`;
}

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Each path template of the file split into segments, for matching concrete paths. */
function templateMatches(template: string, path: string): boolean {
  const want = template.split("/").filter((s) => s !== "");
  const got = path.split("/").filter((s) => s !== "");
  if (want.length !== got.length) return false;
  return want.every((segment, i) => {
    if (segment === "{Version}") return VERSION_SEGMENT.test(got[i]!);
    return segment.startsWith("{") ? got[i] !== "" : segment === got[i];
  });
}

/** A parameter's value from the query string, typed as its schema says before it is validated. */
function typed(value: string, schema: unknown): unknown {
  const type = isObject(schema) ? schema.type : undefined;
  if ((type === "integer" || type === "number") && value.trim() !== "" && Number.isFinite(Number(value)))
    return Number(value);
  if (type === "boolean" && (value === "true" || value === "false")) return value === "true";
  if (type === "array") return value.split(",");
  return value;
}

interface Parameter {
  readonly name: string;
  readonly in: string;
  readonly required: boolean;
  readonly ref: string;
}

/**
 * The file loaded into ajv (JSON Schema 2020-12, as OpenAPI 3.1 says), checking journal entries
 * of the emulator: the request against the operation's parameters and request body, the answer
 * against the operation's response for its status.
 */
export class MetaOpenApi {
  private readonly ajv: Ajv2020;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(readonly document: Json) {
    // The file carries OpenAPI keywords (example, discriminator, xml): not JSON Schema, so not strict.
    this.ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
    const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
    addFormats(this.ajv);
    // OpenAPI's own formats, which constrain nothing a JSON value can show.
    for (const name of ["binary", "byte", "int32", "int64", "float", "double", "password"]) {
      this.ajv.addFormat(name, true);
    }
    this.ajv.addSchema(document, "meta");
  }

  private paths(): Json {
    return this.document.paths as Json;
  }

  /** The object at a JSON pointer's segments, following a `$ref` at the end. */
  private at(segments: readonly string[]): { value: unknown; segments: readonly string[] } {
    let value: unknown = this.document;
    for (const s of segments) {
      value = value !== null && typeof value === "object" ? (value as Json)[s] : undefined;
    }
    if (isObject(value) && typeof value.$ref === "string" && value.$ref.startsWith("#/")) {
      const target = value.$ref
        .slice(2)
        .split("/")
        .map((s) => s.replaceAll("~1", "/").replaceAll("~0", "~"));
      return this.at(target);
    }
    return { value, segments };
  }

  private validator(segments: readonly string[]): ValidateFunction {
    const ref = pointer(segments);
    let validate = this.compiled.get(ref);
    if (validate === undefined) {
      validate = this.ajv.compile({ $ref: ref });
      this.compiled.set(ref, validate);
    }
    return validate;
  }

  /** The file's operations (METHOD template) whose template matches the concrete path. */
  operationsFor(method: string, path: string): string[] {
    const out: string[] = [];
    for (const [template, item] of Object.entries(this.paths())) {
      if (isObject(item) && isObject(item[method.toLowerCase()]) && templateMatches(template, path)) {
        out.push(`${method.toUpperCase()} ${template}`);
      }
    }
    return out;
  }

  /** Whether the file has this operation ("METHOD template"). */
  describes(operation: string): boolean {
    const [method, template] = operation.split(" ") as [string, string];
    const item = this.paths()[template];
    return isObject(item) && isObject(item[method.toLowerCase()]);
  }

  /** Everything wrong with one journaled exchange, checked against the route's operation. */
  check(entry: RequestLogEntry): Violation[] {
    const exchange = entry.exchange;
    if (exchange === undefined)
      throw new Error(`journal entry ${entry.seq} has no exchange: turn exchanges on`);
    const out: Violation[] = [];
    const fail: Fail = (operation, part, keyword, message, instancePath = "", schemaPath = "") =>
      out.push({ seq: entry.seq, operation, part, keyword, message, instancePath, schemaPath });

    const named =
      entry.route === "control" ? undefined : ROUTE_OPERATIONS[entry.route as keyof typeof ROUTE_OPERATIONS];
    const candidates = this.operationsFor(entry.method, entry.path);
    if (named === undefined || !this.describes(named)) {
      fail(
        `${entry.method} ${entry.path}`,
        "route",
        "undescribed",
        `route ${entry.route}: the file describes no operation for it (candidates by path: ${candidates.join(", ") || "none"})`,
      );
      return out;
    }
    if (!candidates.includes(named)) {
      fail(named, "route", "path", `${entry.method} ${entry.path} does not match ${named}`);
      return out;
    }
    const [method, template] = named.split(" ") as [string, string];
    const opSegments = ["paths", template, method.toLowerCase()];
    const operation = this.at(opSegments).value as Json;

    this.checkParameters(named, template, method.toLowerCase(), entry.path, operation, exchange, fail);
    this.checkRequestBody(named, opSegments, exchange, out, entry.seq, fail);
    // A fault rule's raw answer is the test's own text, not the emulator's model of Meta.
    if (entry.fault !== "answer" && entry.fault !== "reset") {
      this.checkResponse(named, opSegments, entry.status, exchange.response, out, entry.seq, fail);
    }
    return out;
  }

  private parameters(template: string, method: string, operation: Json): Parameter[] {
    const out = new Map<string, Parameter>();
    const collect = (list: unknown, base: readonly string[]) => {
      if (!Array.isArray(list)) return;
      list.forEach((_, i) => {
        const { value, segments } = this.at([...base, String(i)]);
        if (!isObject(value) || typeof value.name !== "string" || typeof value.in !== "string") return;
        out.set(`${value.in}:${value.name.toLowerCase()}`, {
          name: value.name,
          in: value.in,
          required: value.required === true,
          ref: pointer([...segments, "schema"]),
        });
      });
    };
    const item = this.paths()[template] as Json;
    collect(item.parameters, ["paths", template, "parameters"]);
    collect(operation.parameters, ["paths", template, method, "parameters"]);
    return [...out.values()];
  }

  private checkParameters(
    named: string,
    template: string,
    method: string,
    path: string,
    operation: Json,
    exchange: RequestLogExchange,
    fail: Fail,
  ): void {
    const params = this.parameters(template, method, operation);
    const templateSegments = template.split("/").filter((s) => s !== "");
    const pathSegments = path.split("/").filter((s) => s !== "");
    for (const p of params.filter((q) => q.in === "path")) {
      const at = templateSegments.indexOf(`{${p.name}}`);
      if (at < 0) continue;
      this.checkValue(
        named,
        "request.path",
        `/${p.name}`,
        p.ref,
        decodeURIComponent(pathSegments[at]!),
        fail,
      );
    }
    const declaredQuery = new Set(params.filter((p) => p.in === "query").map((p) => p.name));
    for (const p of params) {
      if (p.in === "header") {
        const header = p.name.toLowerCase();
        const value =
          header === "authorization"
            ? exchange.credential === "bearer"
              ? "present"
              : undefined
            : header === "content-type"
              ? exchange.contentType
              : header === "user-agent"
                ? exchange.userAgent
                : "unchecked";
        if (value === undefined) {
          if (p.required)
            fail(named, "request.header", "required", `the ${p.name} header is required`, `/${p.name}`);
          continue;
        }
        // The credential itself is never journaled: that it came as a Bearer header is what is checked.
        if (header === "authorization" || value === "unchecked") continue;
        this.checkValue(named, "request.header", `/${p.name}`, p.ref, value, fail);
      } else if (p.in === "query") {
        const value = exchange.query[p.name];
        if (value === undefined) {
          if (p.required)
            fail(
              named,
              "request.query",
              "required",
              `the query parameter ${p.name} is required`,
              `/${p.name}`,
            );
          continue;
        }
        const schema = this.ajv.getSchema(p.ref)?.schema;
        this.checkValue(named, "request.query", `/${p.name}`, p.ref, typed(value, schema), fail);
      }
    }
    for (const name of Object.keys(exchange.query)) {
      if (!declaredQuery.has(name))
        fail(
          named,
          "request.query",
          "undeclared",
          `the operation declares no query parameter ${name}`,
          `/${name}`,
        );
    }
  }

  private checkValue(
    named: string,
    part: ViolationPart,
    instancePath: string,
    ref: string,
    value: unknown,
    fail: Fail,
  ): void {
    let validate = this.compiled.get(ref);
    if (validate === undefined) {
      validate = this.ajv.compile({ $ref: ref });
      this.compiled.set(ref, validate);
    }
    if (!validate(value)) {
      for (const e of validate.errors ?? [])
        fail(
          named,
          part,
          e.keyword,
          `${e.message ?? ""} (${JSON.stringify(value)})`,
          instancePath + e.instancePath,
          e.schemaPath,
        );
    }
  }

  private checkRequestBody(
    named: string,
    opSegments: readonly string[],
    exchange: RequestLogExchange,
    out: Violation[],
    seq: number,
    fail: Fail,
  ): void {
    const { value: requestBody, segments } = this.at([...opSegments, "requestBody"]);
    const hasBody = exchange.bodyKind !== "none";
    if (!isObject(requestBody)) {
      if (hasBody)
        fail(
          named,
          "request.body",
          "undeclared",
          `the operation takes no request body, one was sent (${exchange.bodyKind})`,
        );
      return;
    }
    if (!hasBody) {
      if (requestBody.required === true)
        fail(named, "request.body", "required", "the operation requires a request body");
      return;
    }
    const mediaType = (exchange.contentType ?? "").split(";")[0]!.trim().toLowerCase();
    const content = isObject(requestBody.content) ? requestBody.content : {};
    if (!(mediaType in content)) {
      fail(
        named,
        "request.body",
        "mediaType",
        `the body is ${mediaType || "untyped"}; the operation takes ${Object.keys(content).join(", ")}`,
      );
      return;
    }
    const schemaSegments = [...segments, "content", mediaType, "schema"];
    // A form's file parts are fields too, of format binary: any string stands for their bytes.
    const body =
      exchange.bodyKind === "json"
        ? exchange.body
        : {
            ...(exchange.body as Json),
            ...Object.fromEntries(Object.keys(exchange.files).map((k) => [k, ""])),
          };
    out.push(...this.validateAgainst(named, "request.body", schemaSegments, body, seq, true));
  }

  private checkResponse(
    named: string,
    opSegments: readonly string[],
    status: number,
    response: unknown,
    out: Violation[],
    seq: number,
    fail: Fail,
  ): void {
    const responses = this.at([...opSegments, "responses"]).value as Json;
    const key = [String(status), `${String(status)[0]}XX`, "default"].find((k) => k in responses);
    if (key === undefined) {
      if (status >= 400) {
        // The file's own standard Graph error, for operations that list no error answers.
        out.push(
          ...this.validateAgainst(
            named,
            "response",
            ["components", "schemas", "GraphAPIError"],
            response,
            seq,
            false,
          ),
        );
      } else {
        fail(
          named,
          "response",
          "status",
          `the operation declares no ${status} answer (it declares ${Object.keys(responses).join(", ")})`,
        );
      }
      return;
    }
    const { value, segments } = this.at([...opSegments, "responses", key]);
    const content = isObject(value) && isObject(value.content) ? value.content : undefined;
    if (content === undefined || !isObject(content["application/json"])) {
      fail(
        named,
        "response",
        "content",
        `the ${key} answer of the file has no application/json content to check against`,
      );
      return;
    }
    out.push(
      ...this.validateAgainst(
        named,
        "response",
        [...segments, "content", "application/json", "schema"],
        response,
        seq,
        false,
      ),
    );
  }

  /**
   * Validates `value` against the schema at `segments`. A top-level oneOf with a discriminator
   * (the file's Message) is resolved by the discriminator first, so errors name one branch. With
   * `strictTop`, a top-level property the schema does not declare is a violation too: the file's
   * request schemas leave additionalProperties open, and a misspelt field would pass them.
   */
  private validateAgainst(
    named: string,
    part: ViolationPart,
    segments: readonly string[],
    value: unknown,
    seq: number,
    strictTop: boolean,
  ): Violation[] {
    let target = this.at(segments);
    const schema = target.value;
    if (isObject(schema) && isObject(schema.discriminator) && isObject(value)) {
      const property = String(schema.discriminator.propertyName);
      const mapping = isObject(schema.discriminator.mapping) ? schema.discriminator.mapping : {};
      const ref = mapping[String(value[property])];
      if (typeof ref === "string" && ref.startsWith("#/")) target = this.at(ref.slice(2).split("/"));
    }
    const validate = this.validator(target.segments);
    const out: Violation[] = [];
    const push = (e: Pick<ErrorObject, "keyword" | "message" | "instancePath" | "schemaPath" | "params">) =>
      out.push({
        seq,
        operation: named,
        part,
        keyword: e.keyword,
        message: e.message ?? "",
        // The property itself, so an exception names exactly the one the file wrongly forbids or requires.
        instancePath:
          e.keyword === "additionalProperties"
            ? `${e.instancePath}/${String((e.params as { additionalProperty?: unknown }).additionalProperty)}`
            : e.keyword === "required"
              ? `${e.instancePath}/${String((e.params as { missingProperty?: unknown }).missingProperty)}`
              : e.instancePath,
        schemaPath: e.schemaPath,
      });
    if (!validate(value)) for (const e of validate.errors ?? []) push(e);
    if (strictTop && isObject(value)) {
      const declared = this.declaredProperties(target.value);
      if (declared !== undefined) {
        for (const key of Object.keys(value)) {
          const forbidden = out.some(
            (v) => v.keyword === "additionalProperties" && v.instancePath === `/${key}`,
          );
          if (!declared.has(key) && !forbidden)
            push({
              keyword: "undeclared",
              message: `the schema declares no property ${key}`,
              instancePath: `/${key}`,
              schemaPath: "#/properties",
              params: {},
            });
        }
      }
    }
    return out;
  }

  /** The top-level property names a schema declares (through $ref and allOf); undefined if it declares none. */
  private declaredProperties(schema: unknown): Set<string> | undefined {
    if (!isObject(schema)) return undefined;
    if (typeof schema.$ref === "string" && schema.$ref.startsWith("#/"))
      return this.declaredProperties(this.at(schema.$ref.slice(2).split("/")).value);
    const names = new Set<string>(isObject(schema.properties) ? Object.keys(schema.properties) : []);
    let any = isObject(schema.properties);
    if (Array.isArray(schema.allOf)) {
      for (const part of schema.allOf) {
        const more = this.declaredProperties(part);
        if (more === undefined) continue;
        any = true;
        for (const n of more) names.add(n);
      }
    }
    return any ? names : undefined;
  }
}

let loaded: MetaOpenApi | null | undefined;

/** The file's oracle; null when it is absent outside CI. Absent in CI, it throws. */
export function metaOpenApi(path = META_OPENAPI_PATH, ci = IN_CI): MetaOpenApi | null {
  if (path === META_OPENAPI_PATH && ci === IN_CI && loaded !== undefined) return loaded;
  let result: MetaOpenApi | null;
  if (!existsSync(path)) {
    if (ci) throw new Error(missingMetaOpenApiMessage(path, ci));
    result = null;
  } else {
    result = new MetaOpenApi(parse(readFileSync(path, "utf8")) as Json);
  }
  if (path === META_OPENAPI_PATH && ci === IN_CI) loaded = result;
  return result;
}
