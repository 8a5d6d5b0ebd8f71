import { HostNotAllowedError } from "./host-not-allowed-error.js";
import { isForbiddenAddress } from "./ip-address.js";

export interface HostPolicy {
  /** The connector's `base_url` (the Graph API or the emulator): its host is always allowed. */
  readonly baseUrl: string;
  /** The stream's `allowed_hosts`: "host" (default port) or "host:port", matched exactly. */
  readonly allowedHosts: readonly string[];
}

interface AllowedHost {
  readonly hostname: string;
  /** Explicit port, or undefined for the scheme's default port. */
  readonly port: string | undefined;
}

const DEFAULT_PORTS: Readonly<Record<string, string>> = { "http:": "80", "https:": "443" };
const HOSTS_HINT =
  'List it in the stream\'s allowed_hosts as a bare host or host:port (e.g. "hooks.example.com" or "api.example.com:8443")';

function effectivePort(url: URL): string {
  return url.port !== "" ? url.port : (DEFAULT_PORTS[url.protocol] ?? "");
}

function parseAllowedHost(entry: string): AllowedHost {
  const trimmed = entry.trim();
  let url: URL | undefined;
  if (trimmed !== "" && !/[/?#@\s\\]/.test(trimmed)) {
    try {
      url = new URL(`http://${trimmed}/`);
    } catch {
      url = undefined;
    }
  }
  if (url === undefined) {
    throw new HostNotAllowedError(`allowed_hosts entry "${entry}" is not a host or host:port`, HOSTS_HINT);
  }
  // `new URL` drops ":80" for http; an entry that spelled it out still means port 80.
  const port = url.port !== "" ? url.port : /:\d+$/.test(trimmed) ? "80" : undefined;
  return { hostname: url.hostname, port };
}

/**
 * The SSRF guard of the advanced endpoint, built once per stream from the config. A URL may go
 * to the base_url host or to a host listed in allowed_hosts, over http(s), without credentials;
 * a refusal names the host, and says so when it is a private, loopback or metadata address.
 * Listing does not open internal addresses: only the configured endpoints may be internal, and
 * the connect-time check (`allowsAddress`) holds listed names to the same rule once resolved.
 */
export class HostGuard {
  readonly #base: URL;
  readonly #allowed: readonly AllowedHost[];

  constructor(policy: HostPolicy) {
    try {
      this.#base = new URL(policy.baseUrl);
    } catch {
      throw new HostNotAllowedError(
        "base_url is not an absolute URL",
        "Set base_url to e.g. https://graph.facebook.com",
      );
    }
    this.#allowed = policy.allowedHosts.map(parseAllowedHost);
  }

  #isBase(url: URL): boolean {
    const sameScheme = url.protocol === this.#base.protocol || url.protocol === "https:";
    return (
      sameScheme && url.hostname === this.#base.hostname && effectivePort(url) === effectivePort(this.#base)
    );
  }

  #isListed(url: URL): boolean {
    return this.#allowed.some(
      (entry) =>
        entry.hostname === url.hostname &&
        (entry.port === undefined ? url.port === "" : entry.port === effectivePort(url)),
    );
  }

  /** Throws HostNotAllowedError (a config error) unless `url` may be called. */
  assertAllowed(url: URL): void {
    if (url.protocol !== "https:" && url.protocol !== "http:") {
      throw new HostNotAllowedError(
        `the URL scheme ${url.protocol} is not allowed`,
        "Use https:// (or http:// for a local emulator)",
      );
    }
    if (url.username !== "" || url.password !== "") {
      throw new HostNotAllowedError(
        "the URL carries credentials",
        "Remove user:password@ from the URL; the connector adds its own Authorization",
      );
    }
    if (this.#isBase(url)) return;
    if (isForbiddenAddress(url.hostname)) {
      throw new HostNotAllowedError(
        `the URL host ${url.host} is a private, loopback, link-local or metadata address`,
        "Such hosts are refused, even when listed in allowed_hosts, unless they are the base_url host",
      );
    }
    if (this.#isListed(url)) return;
    throw new HostNotAllowedError(
      `the URL host ${url.host} is not the base_url host ${this.#base.host}`,
      HOSTS_HINT,
    );
  }
}

/** The host names of the configured endpoints (URLs or bare hosts), as a connection names them. */
export function trustedHostSet(endpoints: readonly string[]): ReadonlySet<string> {
  const hosts = new Set<string>();
  for (const endpoint of endpoints) {
    const hostname = hostnameOf(endpoint);
    if (hostname !== undefined) hosts.add(hostname);
  }
  return hosts;
}

function hostnameOf(endpoint: string): string | undefined {
  try {
    const url = new URL(endpoint.includes("://") ? endpoint : `http://${endpoint}/`);
    return unbracket(url.hostname);
  } catch {
    return undefined;
  }
}

function unbracket(hostname: string): string {
  return hostname.startsWith("[") && hostname.endsWith("]") ? hostname.slice(1, -1) : hostname;
}

/**
 * The connect-time check: may a connection to `hostname` go to the resolved `address`? Always
 * for a configured endpoint host (the emulator and test servers live on loopback); for any other
 * host, including one listed in allowed_hosts, only when the address is public.
 */
export function allowsAddress(trusted: ReadonlySet<string>, hostname: string, address: string): boolean {
  if (trusted.has(unbracket(hostname.toLowerCase()))) return true;
  return !isForbiddenAddress(address);
}

/** One-shot form of `new HostGuard(policy).assertAllowed(url)`. */
export function assertUrlAllowed(url: URL, policy: HostPolicy): void {
  new HostGuard(policy).assertAllowed(url);
}
