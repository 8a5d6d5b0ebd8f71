/**
 * URL building. The token only ever travels in the Authorization header; still, a caller-supplied
 * `access_token` query parameter is scrubbed from every URL we report.
 */
export interface UrlTarget {
  /** scheme://host[:port] — the Pool key. */
  readonly origin: string;
  /** Path and query sent on the wire. */
  readonly pathAndQuery: string;
  /** The full URL for messages and responses, without any token. */
  readonly reported: string;
}

export class UrlBuilder {
  private readonly origin: string;
  private readonly prefix: string;

  constructor(baseUrl: string, apiVersion: string) {
    const base = new URL(baseUrl);
    this.origin = base.origin;
    const basePath = base.pathname.replace(/\/+$/, "");
    const version = apiVersion.replace(/^\/+|\/+$/g, "");
    this.prefix = version === "" ? `${basePath}/` : `${basePath}/${version}/`;
  }

  /** `${baseUrl}/${apiVersion}/${path}` plus query. */
  versioned(path: string, query: Readonly<Record<string, string>> | undefined): UrlTarget {
    const rel = path.charCodeAt(0) === 47 /* "/" */ ? path.slice(1) : path;
    let pathAndQuery = this.prefix + rel;
    if (query !== undefined) pathAndQuery = appendQuery(pathAndQuery, query);
    return { origin: this.origin, pathAndQuery, reported: redact(this.origin + pathAndQuery) };
  }

  /** An absolute URL (advanced mode), query merged. */
  absolute(url: string, query: Readonly<Record<string, string>> | undefined): UrlTarget {
    const parsed = new URL(url);
    if (query !== undefined) for (const [k, v] of Object.entries(query)) parsed.searchParams.append(k, v);
    const pathAndQuery = parsed.pathname + parsed.search;
    return { origin: parsed.origin, pathAndQuery, reported: redact(parsed.origin + pathAndQuery) };
  }
}

function appendQuery(path: string, query: Readonly<Record<string, string>>): string {
  const qs = new URLSearchParams(query).toString();
  if (qs === "") return path;
  return path.includes("?") ? `${path}&${qs}` : `${path}?${qs}`;
}

const TOKEN_PARAM = /([?&](?:access_token|input_token|client_secret)=)[^&#]*/gi;

/** A URL with token-like query values replaced. */
function redact(url: string): string {
  return url.includes("_token=") || url.includes("client_secret=")
    ? url.replace(TOKEN_PARAM, "$1REDACTED")
    : url;
}
