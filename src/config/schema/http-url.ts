import * as z from "../../zod.js";

/**
 * An http(s) URL as the spec states it and the parser checks it: one pattern, so that the form
 * (which checks the spec's pattern) and `check` accept the same text. The authority holds no
 * user:pass@ (credentials in a URL travel in logs and to every host it reaches; each URL field
 * says where its credentials go instead), no backslash (WHATWG reads one as "/", so "a\@b"
 * would call "a") and no white space; WHATWG's parser then refuses what is still not a URL (a bad
 * port, "http://[x]").
 */
const HTTP_URL = /^https?:\/\/[^\s/?#@\\]+([/?#]\S*)?$/;

function whyNotHttpUrl(input: unknown, credentials: string): string {
  const text = String(input);
  if (!/^https?:\/\//.test(text)) return "must be an http:// or https:// URL";
  const authority = /^https?:\/\/([^/?#]*)/.exec(text)?.[1] ?? "";
  if (authority.includes("@")) {
    return `must not hold a user name or password (user:pass@): ${credentials}`;
  }
  return "must be a URL without spaces or backslashes";
}

/** `credentials`: where this URL's credentials belong, for the error on a user:pass@ URL. */
export function httpUrl(credentials: string) {
  return z.string().check(
    z.regex(HTTP_URL, { error: (issue) => whyNotHttpUrl(issue.input, credentials), abort: true }),
    z.refine((text) => URL.canParse(text), "is not a valid URL (check the host name and port)"),
  );
}
