/**
 * Addresses a connector must never reach unless the user named them: private, loopback,
 * link-local (cloud metadata lives there), shared, unspecified, multicast and reserved ranges.
 */
type Range = readonly [base: number, prefix: number];

const IPV4_FORBIDDEN: readonly Range[] = [
  [ipv4(0, 0, 0, 0), 8], // "this network", 0.0.0.0
  [ipv4(10, 0, 0, 0), 8],
  [ipv4(100, 64, 0, 0), 10], // carrier-grade NAT
  [ipv4(127, 0, 0, 0), 8],
  [ipv4(169, 254, 0, 0), 16], // link-local, 169.254.169.254 metadata
  [ipv4(172, 16, 0, 0), 12],
  [ipv4(192, 0, 0, 0), 24],
  [ipv4(192, 168, 0, 0), 16],
  [ipv4(198, 18, 0, 0), 15],
  [ipv4(224, 0, 0, 0), 3], // multicast, reserved, broadcast
];

/** Host names that resolve to metadata services or the local machine. */
const FORBIDDEN_NAMES = new Set(["localhost", "metadata.google.internal", "metadata", "instance-data"]);

function ipv4(a: number, b: number, c: number, d: number): number {
  return ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
}

function inIpv4Ranges(address: number): boolean {
  return IPV4_FORBIDDEN.some(([base, prefix]) => {
    const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
    return (address & mask) >>> 0 === base;
  });
}

function parseDottedIpv4(text: string): number | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    value = value * 256 + Number(part);
  }
  return value;
}

/** 8 hextets of a normalised IPv6 address (as WHATWG URL serialises it), or undefined. */
function parseIpv6(text: string): number[] | undefined {
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const head = halves[0] === "" ? [] : halves[0]!.split(":");
  const tail = halves.length === 2 && halves[1] !== "" ? halves[1]!.split(":") : [];
  const missing = 8 - head.length - tail.length;
  if (missing < 0 || (halves.length === 1 && missing !== 0)) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  const words = groups.map((group) =>
    /^[0-9a-f]{1,4}$/.test(group) ? Number.parseInt(group, 16) : Number.NaN,
  );
  return words.some(Number.isNaN) ? undefined : words;
}

function ipv6Forbidden(w: readonly number[]): boolean {
  const [w0, w1, w2, w3, w4, w5, w6, w7] = w as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const embedded = ((w6 << 16) | w7) >>> 0;
  const zeroPrefix = w0 === 0 && w1 === 0 && w2 === 0 && w3 === 0 && w4 === 0;
  if (zeroPrefix && (w5 === 0 || w5 === 0xffff)) {
    // :: and ::1 fall in 0/8 and 127/8 here; ::ffff:a.b.c.d is IPv4-mapped, ::a.b.c.d IPv4-compatible.
    return w5 === 0 && w6 === 0 && w7 <= 1 ? true : inIpv4Ranges(embedded);
  }
  if (w0 === 0x64 && w1 === 0xff9b && w2 === 0 && w3 === 0 && w4 === 0 && w5 === 0)
    return inIpv4Ranges(embedded); // NAT64
  if (w0 === 0x2002) return inIpv4Ranges(((w1 << 16) | w2) >>> 0); // 6to4
  if ((w0 & 0xfe00) === 0xfc00) return true; // unique local fc00::/7 (fd00:ec2::254 metadata)
  if ((w0 & 0xffc0) === 0xfe80 || (w0 & 0xffc0) === 0xfec0) return true; // link-local, old site-local
  return (w0 & 0xff00) === 0xff00; // multicast
}

/**
 * True for an IP address (or host name) the connector must not call unless the user listed it.
 * Accepts what a DNS lookup returns ("10.0.0.1", "::ffff:127.0.0.1", "fe80::1%eth0") and the
 * forms WHATWG URL normalises: "0x7f.1", "2130706433", "0177.0.0.1", "[::1]".
 */
export function isForbiddenAddress(address: string): boolean {
  let host = address.trim().toLowerCase();
  if (host.endsWith(".")) host = host.slice(0, -1);
  if (host.startsWith("[") && host.endsWith("]")) host = host.slice(1, -1);
  const zone = host.indexOf("%");
  if (zone >= 0) host = host.slice(0, zone);
  if (host === "") return true;
  if (host.includes(":")) {
    let normalised: string;
    try {
      normalised = new URL(`http://[${host}]/`).hostname.slice(1, -1);
    } catch {
      return true; // not an address we understand: refuse rather than guess
    }
    const words = parseIpv6(normalised);
    return words === undefined || ipv6Forbidden(words);
  }
  let hostname: string;
  try {
    hostname = new URL(`http://${host}/`).hostname;
  } catch {
    return true;
  }
  const v4 = parseDottedIpv4(hostname);
  if (v4 !== undefined) return inIpv4Ranges(v4);
  return FORBIDDEN_NAMES.has(hostname) || hostname.endsWith(".localhost");
}
