import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { OPERATION_DEFINITIONS, parseConfig } from "../../../src/operations/index.js";
import { specErrors } from "../../support/spec-validator.js";

/**
 * The config parser accepts no config that spec/spec.json refuses: what the platform and the
 * setup form refuse, `check` and `write` refuse too, and nothing the spec calls a string is read
 * as a number (or the other way round). Tested on configs derived from full, valid ones by
 * replacing, deleting or adding fields anywhere with values of every JSON type and edge values.
 * Where the parser is stricter than the spec, it is for a rule JSON Schema cannot state, listed in
 * STRICTER_BY_DESIGN, and the refusal names the field.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const TOKEN = "EAAG-property-token";
const FULL: Json = {
  access_token: TOKEN,
  waba_id: "102290129340398",
  phone_number_id: "106540352242922",
  api_version: "v23.0",
  base_url: "https://graph.facebook.com",
  streams: [
    { stream_name: "new_flows", namespace: "crm", endpoint: { template: "create_flow" } },
    { stream_name: "bodies", endpoint: { template: "update_flow_json", flow_id: "1234567890" } },
    { stream_name: "meta", endpoint: { template: "update_flow_metadata" } },
    { stream_name: "go_live", endpoint: { template: "publish_flow", flow_id: "1234567890" } },
    { stream_name: "retired", endpoint: { template: "deprecate_flow" } },
    { stream_name: "cleanup", endpoint: { template: "delete_flow" } },
    { stream_name: "deploy", endpoint: { template: "deploy_flow" } },
    {
      stream_name: "invites",
      endpoint: { template: "send_published_flow", phone_number_id: "106540352242922" },
    },
    { stream_name: "drafts", endpoint: { template: "send_draft_flow" } },
    {
      stream_name: "campaign",
      endpoint: {
        template: "send_flow_template",
        phone_number_id: "106540352242922",
        template_name: "spring_promo",
        language: "en_US",
        button_index: 0,
      },
    },
    { stream_name: "templates", endpoint: { template: "create_flow_template" } },
    {
      stream_name: "raw",
      endpoint: {
        template: "advanced",
        method: "POST",
        content_format: "multipart/form-data",
        url: "https://graph.facebook.com/{config.api_version}/{message.flow_id}/assets",
        request_headers: "X-Trace:{message.id}",
        body_template: "{message.json}",
        file_field: "file",
        file_name: "flow.json",
        allowed_hosts: ["hooks.example.com"],
      },
    },
  ],
  response_webhook: {
    mode: "webhook",
    url: "https://hooks.example.com/wa",
    headers: "Authorization:Bearer abc",
    signing_secret: "s3cret",
    include_record: true,
    batch_size: 10,
    max_retries: 3,
  },
  on_record_error: "reject",
  max_rejected_records: 10,
  throughput: {
    messages_per_second: "80",
    max_concurrency: 16,
    request_timeout_seconds: 30,
    max_retries: 5,
    max_retry_wait_seconds: 300,
    management_calls_per_hour: 200,
  },
  dry_run: false,
  template_language: "en_US",
  object_storage_config: {
    storage_type: "S3",
    access_key_id: "AKIAEXAMPLE",
    secret_access_key: "secret-example",
    role_arn: "arn:aws:iam::123456789:role/x",
    s3_bucket_name: "bucket",
    s3_bucket_region: "eu-west-1",
    s3_endpoint: "http://127.0.0.1:9000",
    bucket_path: "prefix/",
    send_ledger: true,
    ledger_window_hours: 72,
  },
};
const MINIMAL: Json = { access_token: TOKEN, waba_id: "102290129340398" };
const OTHER_OPTIONS: Json = {
  ...(FULL as Record<string, Json>),
  response_webhook: { mode: "disabled" },
  object_storage_config: { storage_type: "None" },
};

type Path = Array<string | number>;

/** Every path into a config: each field, list item and nested field, the root excluded. */
function pathsOf(node: Json, path: Path = []): Path[] {
  const children: Array<[string | number, Json]> = Array.isArray(node)
    ? node.map((child, i) => [i, child])
    : node !== null && typeof node === "object"
      ? Object.entries(node)
      : [];
  return children.flatMap(([key, child]) => [[...path, key], ...pathsOf(child, [...path, key])]);
}

/** A field no version of the spec declares, under the root and each object: kept, as the spec allows. */
function addedPathsOf(node: Json): Path[] {
  const objects = [[], ...pathsOf(node)].filter((path) => {
    const value = path.reduce<Json>((n, key) => (n as Record<string | number, Json>)[key] as Json, node);
    return value !== null && typeof value === "object" && !Array.isArray(value);
  });
  return objects.map((path) => [...path, "future_field"]);
}

const REMOVE = Symbol("remove");
function withValue(config: Json, path: Path, value: Json | typeof REMOVE): Json {
  const copy = structuredClone(config);
  let node = copy as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, Json>;
  const last = path.at(-1)!;
  if (value === REMOVE) {
    if (Array.isArray(node)) node.splice(last as number, 1);
    else delete node[last];
  } else node[last] = value;
  return copy;
}

/** Values a user, an old saved config or the form could put in a field. */
const EDGE_VALUES: Json[] = [
  null,
  true,
  false,
  0,
  1,
  -1,
  0.5,
  12.5,
  80,
  1000,
  1001,
  2 ** 53,
  "",
  " ",
  "0",
  "1",
  "80",
  "12.5",
  "1000",
  "1001",
  "1e3",
  "-1",
  "auto",
  "true",
  "abc",
  "102290129340398",
  " 102290129340398",
  "v23.0",
  "en_US",
  "None",
  "S3",
  "disabled",
  "webhook",
  "advanced",
  "publish_flow",
  "GET",
  "json",
  "reject",
  "fail",
  "us-east-1",
  "Authorization:Bearer x",
  "no-colon",
  "https://graph.facebook.com",
  "http://127.0.0.1:8787",
  "https://hooks.example.com/a?b=c#d",
  "ftp://example.com",
  "https://user:pass@example.com",
  "http://example.com/a b",
  "http://evil.example\\@good.example",
  "https://exämple.com/x",
  "http://[::1]:8787/x",
  "http://example.com:99999",
  "http://[x]/",
  "https://",
  [],
  ["hooks.example.com"],
  [""],
  [1],
  {},
  { template: "publish_flow" },
  { mode: "disabled" },
  { storage_type: "None" },
  { storage_type: "S3" },
];

const jsonValue = fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>;
const value: fc.Arbitrary<Json | typeof REMOVE> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...EDGE_VALUES) },
  { weight: 1, arbitrary: fc.constant(REMOVE) },
  { weight: 1, arbitrary: fc.string() },
  { weight: 1, arbitrary: fc.stringMatching(/^(auto|[0-9]{1,4}(\.[0-9]{1,2})?)$/) },
  { weight: 1, arbitrary: fc.integer({ min: -5, max: 2000 }) },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: jsonValue },
);

const BASES = [FULL, MINIMAL, OTHER_OPTIONS];
const mutation = fc
  .constantFrom(...BASES)
  .chain((base) =>
    fc.tuple(
      fc.constant(base),
      fc.array(fc.tuple(fc.constantFrom(...pathsOf(base), ...addedPathsOf(base)), value), {
        minLength: 1,
        maxLength: 3,
      }),
    ),
  )
  .map(([base, changes]) => {
    let config: Json = base;
    for (const [path, v] of changes) {
      try {
        config = withValue(config, path, v);
      } catch {
        // An earlier change removed this path's parent: skip it.
      }
    }
    return config;
  });

function parserVerdict(config: Json): { ok: true } | { ok: false; message: string } {
  try {
    parseConfig(config);
    return { ok: true };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}

/**
 * Refusals of configs the spec accepts: rules a JSON Schema pattern or type cannot state. Each
 * names the field; anything else the parser refuses and the spec accepts is a mismatch.
 */
const STRICTER_BY_DESIGN: RegExp[] = [
  // "name:value" lists (webhook headers) are parsed by the connector, not described by a pattern.
  /response_webhook\.headers: (holds a pair that is not "Name:value"|header "[^"]*" has a line break)/,
  // WHATWG's URL parser refuses hosts and ports the pattern lets through ("http://[x]", ":99999").
  /(base_url|response_webhook\.url): is not a valid URL/,
  // zod's integers stop at 2^53 - 1; JSON Schema's "integer" does not.
  /: must be at most 9007199254740991/,
];

/** What is wrong with the parser's verdict on a config, if anything. */
function mismatch(config: Json): string | undefined {
  const verdict = parserVerdict(config);
  const errors = specErrors(config);
  if (verdict.ok && errors.length > 0)
    return `the parser accepts what the spec refuses: ${JSON.stringify(errors)}`;
  if (!verdict.ok && errors.length === 0 && !STRICTER_BY_DESIGN.some((rule) => rule.test(verdict.message))) {
    return `the parser refuses what the spec accepts: ${verdict.message}`;
  }
  return undefined;
}

describe("the config parser and spec/spec.json", () => {
  it("agree on every field of full configs set to every edge value, or removed", () => {
    for (const base of BASES) {
      expect(specErrors(base)).toEqual([]);
      expect(parserVerdict(base)).toEqual({ ok: true });
    }
    const found: string[] = [];
    // The other base's own paths are its two unions' "disabled"/"None" options.
    const cases: Array<[Json, Path]> = [
      ...[...pathsOf(FULL), ...addedPathsOf(FULL)].map((path): [Json, Path] => [FULL, path]),
      ...pathsOf(OTHER_OPTIONS)
        .filter((path) => path[0] === "response_webhook" || path[0] === "object_storage_config")
        .map((path): [Json, Path] => [OTHER_OPTIONS, path]),
    ];
    for (const [config, path] of cases) {
      for (const v of [...EDGE_VALUES, REMOVE] as const) {
        const problem = mismatch(withValue(config, path, v));
        if (problem)
          found.push(`${path.join(".")} = ${v === REMOVE ? "(removed)" : JSON.stringify(v)}: ${problem}`);
      }
    }
    expect(found).toEqual([]);
  });

  it("agree on random configs (up to three fields replaced, removed or added anywhere)", () => {
    fc.assert(
      fc.property(mutation, (config) => {
        const problem = mismatch(config);
        if (problem) throw new Error(problem);
      }),
      { numRuns: 1000 },
    );
  });

  const base = MINIMAL as Record<string, Json>;
  it.each<[string, Json, boolean, string?]>([
    ["messages_per_second as text", { ...base, throughput: { messages_per_second: "80" } }, true],
    [
      "messages_per_second as a JSON number",
      { ...base, throughput: { messages_per_second: 80 } },
      false,
      'throughput.messages_per_second: must be a string: "auto" or a rate from "0" to "1000" in quotes, e.g. "80" (not the number 80)',
    ],
    [
      "messages_per_second above 1,000",
      { ...base, throughput: { messages_per_second: "1001" } },
      false,
      'throughput.messages_per_second: must be "auto" or a rate from "0" to "1000", e.g. "80"',
    ],
    [
      "a WABA ID as a JSON number",
      { ...base, waba_id: 102290129340398 },
      false,
      "waba_id: must be a string (text in quotes), not a number",
    ],
    [
      "max_concurrency as text",
      { ...base, throughput: { max_concurrency: "16" } },
      false,
      "throughput.max_concurrency: must be a number (without quotes), not a string",
    ],
    [
      "a fractional max_concurrency",
      { ...base, throughput: { max_concurrency: 1.5 } },
      false,
      "throughput.max_concurrency: must be a whole number (without quotes), not a decimal number",
    ],
    [
      "dry_run as text",
      { ...base, dry_run: "true" },
      false,
      "dry_run: must be true or false (without quotes), not a string",
    ],
    ["streams as an object", { ...base, streams: {} }, false, "streams: must be a list [ … ], not an object"],
    [
      "an endpoint without a template",
      { ...base, streams: [{ stream_name: "x", endpoint: {} }] },
      false,
      `streams[0].endpoint.template: is required: one of ${OPERATION_DEFINITIONS.slice(0, 2)
        .map((definition) => `"${definition.name}"`)
        .join(", ")}`,
    ],
    [
      "a lower-case storage type",
      { ...base, object_storage_config: { storage_type: "s3", s3_bucket_name: "b" } },
      false,
      'object_storage_config.storage_type: must be one of "None", "S3"',
    ],
    [
      "a button index as text",
      {
        ...base,
        streams: [{ stream_name: "x", endpoint: { template: "send_flow_template", button_index: "0" } }],
      },
      false,
      "streams[0].endpoint.button_index: must be a number (without quotes), not a string",
    ],
    [
      "a base URL with a space",
      { ...base, base_url: "http://example.com/a b" },
      false,
      "base_url: must be a URL without spaces or backslashes",
    ],
    [
      "a base URL whose backslash WHATWG reads as a slash",
      { ...base, base_url: "http://evil.example\\@graph.facebook.com" },
      false,
      "base_url: must not hold a user name or password (user:pass@)",
    ],
    [
      "a webhook URL with credentials",
      { ...base, response_webhook: { mode: "webhook", url: "https://u:p@hooks.example.com/x" } },
      false,
      "response_webhook.url: must not hold a user name or password (user:pass@): put an Authorization header in Webhook headers",
    ],
    [
      "an ftp base URL",
      { ...base, base_url: "ftp://example.com" },
      false,
      "base_url: must be an http:// or https:// URL",
    ],
    ["an IPv6 base URL", { ...base, base_url: "http://[::1]:8787" }, true],
  ])(
    "%s: the spec and the parser agree, and the parser says what to write",
    (_name, config, valid, message) => {
      expect(specErrors(config).length === 0, "spec").toBe(valid);
      const verdict = parserVerdict(config);
      expect(verdict.ok, "parser").toBe(valid);
      if (!verdict.ok && message) expect(verdict.message).toContain(message);
    },
  );
});
