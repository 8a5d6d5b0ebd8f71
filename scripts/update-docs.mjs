// Regenerates the operations region of docs/whatsapp-flows.md from the built definitions (run
// `npm run build` first). A unit test keeps the committed file equal to what the code derives.
import { readFileSync, writeFileSync } from "node:fs";
import { withOperationDocs } from "../dist/operations/catalog/operation-docs.js";

const path = "docs/whatsapp-flows.md";
writeFileSync(path, withOperationDocs(readFileSync(path, "utf8")));
console.log(`${path} updated`);
