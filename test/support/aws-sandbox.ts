import { tmpdir } from "node:os";
import { join } from "node:path";

/** A folder that is never created: the AWS SDK finds no shared config or credentials file there. */
const NOWHERE = join(tmpdir(), `dwf-no-aws-${process.pid}-${Date.now().toString(36)}`);

/**
 * What every test process and every CLI a test starts runs with, so that the AWS SDK talks only
 * to the servers tests start on 127.0.0.1: instance metadata off (and, were it ever turned back
 * on, pointed at a closed loopback port instead of 169.254.169.254), and the machine's ~/.aws out
 * of reach. A test gives explicit credentials or a local endpoint on top.
 */
export const AWS_SANDBOX: Readonly<Record<string, string>> = {
  AWS_EC2_METADATA_DISABLED: "true",
  AWS_EC2_METADATA_SERVICE_ENDPOINT: "http://127.0.0.1:9",
  AWS_CONFIG_FILE: join(NOWHERE, "config"),
  AWS_SHARED_CREDENTIALS_FILE: join(NOWHERE, "credentials"),
};

/** The AWS variables a test gives a child (credentials, an STS endpoint…), with AWS_SANDBOX last. */
export function withAwsSandbox(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, ...AWS_SANDBOX };
}
