import { ConfigError } from "../../errors/index.js";
import type { Classification } from "../classification.js";

/**
 * A connection to a host the user did not configure as an endpoint would have gone to a private,
 * loopback, link-local or otherwise internal address (a name in allowed_hosts that resolves
 * inward, DNS rebinding, a redirect target). Refused before any byte is sent, so never retried.
 */
export class AddressRefusedError extends ConfigError {
  readonly host: string;
  readonly address: string;
  /** Set once by the client that threw it (see classify). */
  classification: Classification | undefined;
  attempts = 1;

  constructor(host: string, address: string) {
    super(
      `refused to connect to ${host}: it resolves to ${address}, a private, loopback or link-local address`,
      {
        code: "ERR_ADDRESS_REFUSED",
        hint: "Only the configured endpoints may be internal addresses; point the URL at a public host",
      },
    );
    this.host = host;
    this.address = address;
  }
}
