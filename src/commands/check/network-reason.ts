/** A failed connection's code in words for check's messages (Graph API and webhook alike). */
export function networkReason(code: string | undefined): string {
  switch (code) {
    case "ECONNREFUSED":
      return "connection refused";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "the host name could not be resolved";
    case "UND_ERR_CONNECT_TIMEOUT":
    case "ETIMEDOUT":
      return "the connection timed out";
    case "UND_ERR_HEADERS_TIMEOUT":
    case "UND_ERR_BODY_TIMEOUT":
    case "ERR_TIMEOUT":
      return "it did not answer in time";
    case "ERR_RESPONSE_TOO_LARGE":
      return "its answer was larger than any real answer can be";
    default:
      return code ? `network error ${code}` : "network error";
  }
}
