// Regenerates spec/spec.json from the built definitions (run `npm run build` first): `spec`
// answers from the committed file, so the file is derived from the config schema and the
// operations' sync modes here. A unit test keeps the committed file equal to what the code derives.
import { writeFileSync } from "node:fs";
import { connectorSpecification } from "../dist/operations/index.js";

writeFileSync("spec/spec.json", `${JSON.stringify(connectorSpecification(), null, 2)}\n`);
console.log("spec/spec.json updated");
