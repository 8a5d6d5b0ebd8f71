// Regenerates spec/spec.json and spec/catalog.json from the built definitions (run `npm run build`
// first): `spec` answers from the committed spec, `discover` lists the committed static catalog
// (then the live template objects), so both files are derived from the code here: the config
// schema, the operations' record schemas and sync modes. Unit tests keep each committed file
// equal to what the code derives.
import { writeFileSync } from "node:fs";
import { connectorSpecification, destinationCatalog } from "../dist/operations/index.js";

const json = (value) => `${JSON.stringify(value, null, 2)}\n`;
writeFileSync("spec/spec.json", json(connectorSpecification()));
writeFileSync("spec/catalog.json", json(destinationCatalog()));
console.log("spec/spec.json and spec/catalog.json updated");
