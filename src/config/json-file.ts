import { readFileSync } from "node:fs";
import { ConfigError } from "../errors/index.js";

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
  try {
    return JSON.parse(text);
  } catch (error) {
    // JSON.parse messages give a position, never content worth hiding; keep them for the user.
    throw new ConfigError(`The ${what} file ${path} is not valid JSON: ${(error as Error).message}`, {
      code: "ERR_CONFIG_FILE",
      hint: `Fix the JSON syntax of the ${what} file`,
    });
  }
}
