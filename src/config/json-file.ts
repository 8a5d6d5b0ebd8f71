import { readFileSync } from "node:fs";
import { ConfigError } from "../errors/index.js";
import { jsonSyntaxErrorPosition } from "./json-syntax.js";

/** Reads a JSON file the platform handed us, with errors that name the file and what is wrong. */
export function readJsonFile(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT"
        ? "does not exist"
        : code === "EACCES"
          ? "is not readable"
          : `cannot be read (${code ?? "unknown error"})`;
    throw new ConfigError(`The ${what} file ${path} ${reason}`, {
      code: "ERR_CONFIG_FILE",
      hint: `Pass the path of a readable JSON ${what} file`,
    });
  }
  // Editors on Windows save UTF-8 with a byte order mark; JSON.parse would refuse it.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return JSON.parse(text);
  } catch {
    // Never V8's message: it quotes the text around the error, and this file may hold secrets.
    const at = jsonSyntaxErrorPosition(text);
    const where = at ? ` at line ${at.line}, column ${at.column}` : "";
    throw new ConfigError(`The ${what} file ${path} is not valid JSON${where}`, {
      code: "ERR_CONFIG_FILE",
      hint: `Fix the JSON syntax of the ${what} file`,
    });
  }
}
