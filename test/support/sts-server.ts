import { createHash, createHmac, type Hash, type Hmac, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { SignatureV4 } from "@smithy/signature-v4";
import { S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY } from "./s3-server.js";

/** The credentials a role is assumed with (unknown to the S3 test server: only the role's work there). */
export const BASE_KEY = {
  accessKeyId: "AKIABASEKEY000000001",
  secretAccessKey: "base-secret-access-key-0123456789",
} as const;
export const ROLE_ARN = "arn:aws:iam::123456789012:role/airbyte-rejects";
/** Checked absent from every output, like the keys. */
export const SESSION_TOKEN = "sts-stand-in-session-token-0123456789";

/** An AssumeRole request as the stand-in read it. */
export interface AssumeRoleCall {
  readonly roleArn: string | undefined;
  readonly sessionName: string | undefined;
  readonly externalId: string | undefined;
  /** The access key ID of the Credential the request was signed with. */
  readonly signedBy: string | undefined;
  /** Whether the signature is the one the secret of `signedBy` makes (checked with AWS's own signer). */
  readonly signatureValid: boolean;
}

export interface StsOptions {
  /** The base credentials the stand-in knows, by access key ID: it checks signatures with them. */
  readonly baseKeys: Readonly<Record<string, string>>;
  /** What AssumeRole hands out. */
  readonly issued: {
    readonly accessKeyId: string;
    readonly secretAccessKey: string;
    readonly sessionToken: string;
  };
}

export interface RunningSts {
  /** For AWS_ENDPOINT_URL_STS. */
  readonly endpoint: string;
  readonly calls: AssumeRoleCall[];
  /** From now on, refuse every AssumeRole with this code and status (or accept again: undefined). */
  refuse(refusal: { readonly code: string; readonly status: number } | undefined): void;
  close(): Promise<void>;
}

/**
 * A stand-in for AWS STS on 127.0.0.1, answering AssumeRole as STS does (the query protocol: a
 * form-encoded POST, an XML answer), so that role_arn is tested without AWS. A request whose
 * signature does not verify with the base key it names is refused with SignatureDoesNotMatch.
 */
export async function startSts(options: StsOptions): Promise<RunningSts> {
  const calls: AssumeRoleCall[] = [];
  let refusal: { code: string; status: number } | undefined;
  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    const form = new URLSearchParams(body);
    const signature = await verifySignature(req, body, options.baseKeys);
    calls.push({
      roleArn: form.get("RoleArn") ?? undefined,
      sessionName: form.get("RoleSessionName") ?? undefined,
      externalId: form.get("ExternalId") ?? undefined,
      signedBy: signature.accessKeyId,
      signatureValid: signature.valid,
    });
    const error =
      form.get("Action") !== "AssumeRole"
        ? { code: "InvalidAction", status: 400 }
        : !signature.valid
          ? { code: "SignatureDoesNotMatch", status: 403 }
          : refusal;
    res.setHeader("content-type", "text/xml");
    if (error !== undefined) {
      res.statusCode = error.status;
      res.end(
        `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>${error.code}</Code><Message>Refused by the STS stand-in: ${error.code}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
      );
      return;
    }
    const issued = options.issued;
    res.end(
      `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><AssumedRoleUser><AssumedRoleId>AROASTANDIN:${form.get("RoleSessionName")}</AssumedRoleId><Arn>${form.get("RoleArn")}</Arn></AssumedRoleUser><Credentials><AccessKeyId>${issued.accessKeyId}</AccessKeyId><SecretAccessKey>${issued.secretAccessKey}</SecretAccessKey><SessionToken>${issued.sessionToken}</SessionToken><Expiration>${new Date(Date.now() + 3_600_000).toISOString()}</Expiration></Credentials></AssumeRoleResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></AssumeRoleResponse>`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls,
    refuse(next) {
      refusal = next;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The stand-in that knows BASE_KEY and hands out the S3 test server's key as the role's credentials. */
export function startStsIssuingS3Keys(): Promise<RunningSts> {
  return startSts({
    baseKeys: { [BASE_KEY.accessKeyId]: BASE_KEY.secretAccessKey },
    issued: {
      accessKeyId: S3_ACCESS_KEY_ID,
      secretAccessKey: S3_SECRET_ACCESS_KEY,
      sessionToken: SESSION_TOKEN,
    },
  });
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * Signs the request again with the secret of the key it names, over the headers it says it
 * signed, and compares: the same Authorization only if the sender held that secret.
 */
async function verifySignature(
  req: IncomingMessage,
  body: string,
  keys: Readonly<Record<string, string>>,
): Promise<{ accessKeyId: string | undefined; valid: boolean }> {
  const authorization = req.headers.authorization ?? "";
  const match =
    /Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=/.exec(
      authorization,
    );
  if (match === null) return { accessKeyId: undefined, valid: false };
  const [, accessKeyId, , region, service, signedHeaders] = match as unknown as string[];
  const secretAccessKey = keys[accessKeyId!];
  const amzDate = String(req.headers["x-amz-date"] ?? "");
  if (secretAccessKey === undefined || !/^\d{8}T\d{6}Z$/.test(amzDate)) return { accessKeyId, valid: false };
  const headers: Record<string, string> = {};
  for (const name of signedHeaders!.split(";")) headers[name] = String(req.headers[name] ?? "");
  const signer = new SignatureV4({
    credentials: { accessKeyId: accessKeyId!, secretAccessKey },
    region: region!,
    service: service!,
    sha256: NodeSha256,
    applyChecksum: false,
  });
  const signed = await signer.sign(
    {
      method: req.method ?? "POST",
      protocol: "http:",
      hostname: "127.0.0.1",
      path: (req.url ?? "/").split("?")[0]!,
      query: {},
      headers,
      body,
    },
    {
      signingDate: new Date(
        `${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`,
      ),
    },
  );
  return { accessKeyId, valid: signed.headers.authorization === authorization };
}

type SourceData = string | ArrayBuffer | ArrayBufferView;

const bytes = (data: SourceData): Buffer =>
  typeof data === "string"
    ? Buffer.from(data, "utf8")
    : ArrayBuffer.isView(data)
      ? Buffer.from(data.buffer, data.byteOffset, data.byteLength)
      : Buffer.from(data);

/** SHA-256 (and its HMAC, given a secret) on node:crypto, in the shape AWS's signer takes. */
class NodeSha256 {
  private readonly hash: Hash | Hmac;
  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash("sha256") : createHmac("sha256", bytes(secret));
  }
  update(data: SourceData): void {
    this.hash.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}
