import { type LookupAddress, lookup } from "node:dns";
import { isIP, type LookupFunction } from "node:net";
import { buildConnector } from "undici";
import { allowsAddress, trustedHostSet } from "../placeholders/index.js";
import { AddressRefusedError } from "./errors/address-refused-error.js";

/** Resolves a host name to every address it has (the injectable part: tests answer with their own). */
export type Resolver = (hostname: string, family: number) => Promise<readonly LookupAddress[]>;

export interface AddressPolicy {
  /**
   * The endpoints the user configured (base_url, the webhook url, later s3_endpoint), as URLs or
   * host names: their hosts may be internal (the emulator and test servers are on 127.0.0.1).
   * Every other host must resolve to public addresses only.
   */
  readonly trustedEndpoints: readonly string[];
  readonly resolve?: Resolver;
}

const systemResolver: Resolver = (hostname, family) =>
  new Promise((resolve, reject) =>
    lookup(hostname, { all: true, family }, (error, addresses) =>
      error ? reject(error) : resolve(addresses),
    ),
  );

/**
 * The `lookup` net/tls call while connecting: resolves, then refuses the whole name when any of
 * its addresses is internal and the host is not a configured endpoint (checking every address, not
 * only the first, leaves no room for a name that answers a public and a private address).
 */
export function guardedLookup(policy: AddressPolicy): LookupFunction {
  const trusted = trustedHostSet(policy.trustedEndpoints);
  const resolve = policy.resolve ?? systemResolver;
  return (hostname, options, callback) => {
    const family = options.family === "IPv4" ? 4 : options.family === "IPv6" ? 6 : (options.family ?? 0);
    resolve(hostname, family).then(
      (addresses) => {
        const refused = addresses.find((a) => !allowsAddress(trusted, hostname, a.address));
        if (refused !== undefined) return callback(new AddressRefusedError(hostname, refused.address), "");
        if (addresses.length === 0) {
          const error: NodeJS.ErrnoException = new Error(`${hostname} has no address`);
          error.code = "ENOTFOUND";
          return callback(error, "");
        }
        if (options.all === true) return callback(null, [...addresses]);
        callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, ""),
    );
  };
}

/**
 * An undici connector that applies the address policy to every connection it opens: IP literals
 * are checked here (net skips the lookup for them), names in the lookup. Any HTTP client of the
 * connector (Graph, webhook, an S3 client later) passes it as its `connect` option.
 */
export function guardedConnector(
  policy: AddressPolicy,
  options: { readonly timeoutMs: number },
): buildConnector.connector {
  const trusted = trustedHostSet(policy.trustedEndpoints);
  const connect = buildConnector({ timeout: options.timeoutMs, lookup: guardedLookup(policy) });
  return (opts, callback) => {
    const host = opts.hostname;
    if (isIP(host) !== 0 && !allowsAddress(trusted, host, host)) {
      callback(new AddressRefusedError(host, host), null);
      return;
    }
    connect(opts, callback);
  };
}
