import * as z from "../../zod.js";

const TOKEN = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;
const FORMAT_HINT =
  'write them as comma-separated "Name:value" pairs, e.g. "Authorization:Bearer abc,X-Team:growth"';

/**
 * `response_webhook.headers`: "name:value,name:value", parsed once here so every user of the
 * config gets the header map (lower-case names). A value cannot hold a comma; names and values
 * are trimmed; an empty string is no header. Issues name the header, never a value: values are
 * secrets.
 */
export const webhookHeadersSchema = z.pipe(
  z._default(z.string(), ""),
  z.transform((text: string, ctx): Record<string, string> => {
    const headers: Record<string, string> = {};
    for (const pair of text.split(",")) {
      if (pair.trim() === "") continue;
      const colon = pair.indexOf(":");
      const name = colon > 0 ? pair.slice(0, colon).trim() : "";
      if (!TOKEN.test(name)) {
        ctx.issues.push({
          code: "custom",
          message: `holds a pair that is not "Name:value" (${FORMAT_HINT})`,
          input: text,
        });
        return z.NEVER;
      }
      const value = pair.slice(colon + 1).trim();
      if (/[\r\n]/.test(value)) {
        ctx.issues.push({
          code: "custom",
          message: `header "${name}" has a line break in its value`,
          input: text,
        });
        return z.NEVER;
      }
      headers[name.toLowerCase()] = value;
    }
    return headers;
  }),
);
