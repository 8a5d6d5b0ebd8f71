// Regenerates spec/spec.json from the built CLI's own `spec` output (run `npm run build` first).
// A unit test keeps the committed file equal to what the code derives.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";

const line = execFileSync(process.execPath, ["dist/main.js", "spec"], { encoding: "utf8" }).trim();
const message = JSON.parse(line);
writeFileSync("spec/spec.json", `${JSON.stringify(message.spec, null, 2)}\n`);
console.log("spec/spec.json updated");
