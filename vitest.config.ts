import { defineConfig } from "vitest/config";

/** Keeps the AWS SDK of every test off the instance-metadata address and the machine's ~/.aws. */
const setupFiles = ["test/support/aws-sandbox-setup.ts"];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts"],
          setupFiles,
          testTimeout: 20_000,
        },
      },
      {
        test: {
          // In-process tests against the emulator on 127.0.0.1 (operations, graph client, pipeline).
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          setupFiles,
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          setupFiles,
          // e2e tests spawn the built CLI and the emulator: give them room on a shared 2-core box.
          testTimeout: 120_000,
          hookTimeout: 60_000,
          pool: "forks",
          // Once per run: whether output lines are checked against the official protocol schema.
          globalSetup: ["test/support/protocol-schema-notice.ts"],
        },
      },
    ],
  },
});
