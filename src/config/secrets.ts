/**
 * Every secret a config may carry, read from the raw JSON so that even a config that fails
 * validation cannot leak its token into an error message: the token, the webhook's signing
 * secret and header values, and the values of every advanced endpoint's request_headers.
 */
export function secretsOf(raw: unknown): string[] {
  const secrets: string[] = [];
  if (typeof raw !== "object" || raw === null) return secrets;
  const config = raw as Record<string, unknown>;
  pushString(secrets, config.access_token);
  const webhook = config.response_webhook;
  if (typeof webhook === "object" && webhook !== null) {
    const w = webhook as Record<string, unknown>;
    pushString(secrets, w.signing_secret);
    pushHeaderValues(secrets, w.headers);
  }
  if (Array.isArray(config.streams)) {
    for (const mapping of config.streams) {
      const endpoint = (mapping as { endpoint?: { request_headers?: unknown } } | null)?.endpoint;
      pushHeaderValues(secrets, endpoint?.request_headers, true);
    }
  }
  const storage = config.object_storage_config;
  if (typeof storage === "object" && storage !== null) {
    const s = storage as Record<string, unknown>;
    pushString(secrets, s.access_key_id);
    pushString(secrets, s.secret_access_key);
  }
  return secrets;
}

/**
 * The values of a "name:value,…" list. A request_headers value may be a template: its literal
 * parts are secrets too, since the rendered value sent (and echoed) holds them, not the template.
 */
function pushHeaderValues(into: string[], list: unknown, templated = false): void {
  if (typeof list !== "string") return;
  for (const pair of list.split(",")) {
    const colon = pair.indexOf(":");
    if (colon <= 0) continue;
    const value = pair.slice(colon + 1).trim();
    pushString(into, value);
    // "Bearer abc": servers echo the credential without its scheme.
    const credential = /^[A-Za-z][\w-]*\s+(\S.*)$/.exec(value)?.[1];
    if (credential !== undefined) pushString(into, credential);
    if (templated && value.includes("{")) {
      for (const part of value.split(/\{[^}]*\}/)) pushString(into, part.trim());
    }
  }
}

function pushString(into: string[], value: unknown): void {
  if (typeof value === "string" && value.length > 0) into.push(value);
}
