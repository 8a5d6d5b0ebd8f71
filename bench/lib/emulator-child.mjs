// An emulator process started with options its command line has no flag for (a number's throughput
// level, seeded templates, the level's rate limit): `node emulator-child.mjs '<options JSON>'`.
// Prints its base URL on stdout like dist/emulator.js, and stops on SIGTERM.
import { DIST } from "./paths.mjs";

const { startEmulator } = await import(`${DIST}emulator/index.js`);
const emulator = await startEmulator({ port: 0, ...JSON.parse(process.argv[2] ?? "{}") });
process.stdout.write(`${emulator.url}\n`);
process.once("SIGTERM", () => {
  emulator.close().then(() => process.exit(0));
});
