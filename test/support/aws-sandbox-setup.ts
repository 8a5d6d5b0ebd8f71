// Every vitest worker starts here (vitest.config.ts setupFiles): the SDK clients tests make in
// process, and every child that inherits process.env, see only the AWS sandbox, never the AWS
// settings of the shell that started the tests.
import { AWS_SANDBOX } from "./aws-sandbox.js";

for (const name of Object.keys(process.env)) if (name.startsWith("AWS_")) delete process.env[name];
Object.assign(process.env, AWS_SANDBOX);
