import type { S3ClientConfig } from "@aws-sdk/client-s3";
import { fromTemporaryCredentials } from "@aws-sdk/credential-providers";
import { type S3Settings, signingRegion } from "./s3-settings.js";

type CredentialsOption = NonNullable<S3ClientConfig["credentials"]>;

/** Attempts per call (STS's included) in the SDK's standard retry mode, unless the caller says. */
export const DEFAULT_ATTEMPTS = 4;

/** Assuming role_arn failed: the STS error is the cause, so that the message can say so. */
export class RoleNotAssumed extends Error {
  constructor(cause: unknown) {
    super("STS AssumeRole failed", { cause });
    this.name = "RoleNotAssumed";
  }
}

/**
 * The credentials the S3 client signs with: the config's access key; or, without one, undefined,
 * which leaves the SDK its default chain (environment, shared config files, web identity / IRSA,
 * container and instance roles). With role_arn, either of those assumes the role through STS
 * AssumeRole and the bucket is called with the role's temporary credentials, renewed by the SDK
 * before they expire. STS's endpoint follows the SDK's own settings (AWS_ENDPOINT_URL_STS).
 */
export function credentialsOf(settings: S3Settings): CredentialsOption | undefined {
  const { accessKey, role } = settings;
  if (role === undefined) return accessKey;
  const assume = fromTemporaryCredentials({
    ...(accessKey === undefined ? {} : { masterCredentials: accessKey }),
    params: {
      RoleArn: role.roleArn,
      RoleSessionName: role.sessionName,
      ...(role.externalId === undefined ? {} : { ExternalId: role.externalId }),
    },
    clientConfig: { region: signingRegion(settings), maxAttempts: settings.attempts ?? DEFAULT_ATTEMPTS },
  });
  return async (...args: Parameters<typeof assume>) => {
    try {
      return await assume(...args);
    } catch (error) {
      throw new RoleNotAssumed(error);
    }
  };
}
