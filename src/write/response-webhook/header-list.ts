import { ConfigError } from "../../errors/index.js";

/**
 * The "name:value,name:value" header format of the config. A value cannot hold a comma; names
 * and values are trimmed; an empty string is no header. Malformed pairs are a config error.
 */
export function parseHeaderList(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const pair of text.split(",")) {
    if (pair.trim() === "") continue;
    const colon = pair.indexOf(":");
    const name = colon > 0 ? pair.slice(0, colon).trim() : "";
    if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(name)) {
      throw new ConfigError('response_webhook.headers holds a pair that is not "Name:value"', {
        code: "ERR_WEBHOOK_HEADERS",
        hint: 'Write headers as comma-separated "Name:value" pairs, e.g. "Authorization:Bearer abc,X-Team:growth"',
      });
    }
    const value = pair.slice(colon + 1).trim();
    if (/[\r\n]/.test(value)) {
      throw new ConfigError(`response_webhook.headers: header "${name}" has a line break in its value`, {
        code: "ERR_WEBHOOK_HEADERS",
      });
    }
    headers[name.toLowerCase()] = value;
  }
  return headers;
}
