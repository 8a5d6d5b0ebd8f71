// The build-time V8 code of discover's standalone file (src/commands/standalone-command.ts): the
// file is compiled and run here once, a live discover against the emulator on 127.0.0.1 (config,
// template list, catalog), and the code V8 compiled for it is stored beside it as `<file>.cache`.
// At run time V8 takes it only for the same source, V8 version and flags; otherwise it compiles
// as usual. Needs tsc's output in dist/ (`npm run build` runs tsc first).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Readable, Writable } from "node:stream";

const TOKEN = "EAAG-code-cache-build-token";

export async function writeCodeCache(file) {
  const { keepWasmOnBaseline } = await import("../dist/commands/short-command-v8.js");
  const { compileStandalone, runStandalone } = await import("../dist/commands/standalone-command.js");
  const { startEmulator } = await import("../dist/emulator/index.js");
  // The flags main.js sets before it compiles the file: V8 checks them when it reads the cache.
  keepWasmOnBaseline();
  const path = resolve(file);
  const emulator = await startEmulator({ port: 0, token: TOKEN });
  const dir = mkdtempSync(join(tmpdir(), "dwf-code-cache-"));
  try {
    const config = join(dir, "config.json");
    writeFileSync(
      config,
      JSON.stringify({
        access_token: TOKEN,
        waba_id: emulator.wabaId,
        phone_number_id: emulator.phoneNumberIds[0],
        base_url: emulator.url,
      }),
    );
    const script = compileStandalone(path);
    const { runDiscover } = runStandalone(script, path);
    const out = [];
    const stdout = new Writable({
      write(chunk, _encoding, done) {
        out.push(chunk);
        done();
      },
    });
    const io = { stdin: Readable.from([]), stdout, stderr: stdout, signal: new AbortController().signal };
    const code = await runDiscover(io, config);
    const answer = Buffer.concat(out).toString("utf8");
    if (code !== 0 || !answer.includes('"type":"DESTINATION_CATALOG"')) {
      throw new Error(
        `the build's discover run did not answer a catalog (exit ${code}): ${answer.slice(0, 500)}`,
      );
    }
    writeFileSync(`${path}.cache`, script.createCachedData());
  } finally {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
