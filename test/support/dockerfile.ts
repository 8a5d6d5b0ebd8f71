/**
 * A small Dockerfile reader for the packaging tests: Docker cannot run on every machine the tests
 * run on, so the image is checked by reading. It understands what our Dockerfile uses: line
 * continuations, comments, global ARG defaults, stages, and the key=value forms of ENV and LABEL.
 */
export interface Instruction {
  readonly keyword: string;
  readonly args: string;
  /** 1-based line where the instruction starts. */
  readonly line: number;
}

export interface Stage {
  /** The base image with global ARG defaults substituted. */
  readonly image: string;
  readonly name: string | undefined;
  readonly instructions: readonly Instruction[];
}

export interface Dockerfile {
  readonly globalArgs: ReadonlyMap<string, string>;
  readonly stages: readonly Stage[];
}

function logicalLines(text: string): Instruction[] {
  const out: Instruction[] = [];
  let buffer = "";
  let start = 0;
  text.split(/\r?\n/).forEach((raw, index) => {
    const trimmed = raw.trim();
    if (buffer === "" && (trimmed === "" || trimmed.startsWith("#"))) return;
    if (buffer !== "" && trimmed.startsWith("#")) return; // comments inside a continuation
    if (buffer === "") start = index + 1;
    if (trimmed.endsWith("\\")) {
      buffer += `${trimmed.slice(0, -1)} `;
      return;
    }
    buffer += trimmed;
    const match = /^(\S+)\s*(.*)$/s.exec(buffer);
    if (match) out.push({ keyword: match[1]!.toUpperCase(), args: match[2]!.trim(), line: start });
    buffer = "";
  });
  return out;
}

function substitute(value: string, args: ReadonlyMap<string, string>): string {
  return value.replace(
    /\$\{(\w+)\}|\$(\w+)/g,
    (whole, braced: string | undefined, bare: string | undefined) => {
      const name = braced ?? bare ?? "";
      return args.get(name) ?? whole;
    },
  );
}

export function parseDockerfile(text: string): Dockerfile {
  const globalArgs = new Map<string, string>();
  const stages: Array<{ image: string; name: string | undefined; instructions: Instruction[] }> = [];
  for (const instruction of logicalLines(text)) {
    if (instruction.keyword === "FROM") {
      const match = /^(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?$/i.exec(instruction.args);
      if (!match) throw new Error(`line ${instruction.line}: cannot read FROM ${instruction.args}`);
      stages.push({ image: substitute(match[1]!, globalArgs), name: match[2], instructions: [] });
    } else if (stages.length === 0) {
      if (instruction.keyword !== "ARG")
        throw new Error(`line ${instruction.line}: ${instruction.keyword} before FROM`);
      const [name, value] = instruction.args.split("=", 2);
      if (name && value !== undefined) globalArgs.set(name.trim(), unquote(value.trim()));
    } else {
      stages.at(-1)!.instructions.push(instruction);
    }
  }
  return { globalArgs, stages };
}

function unquote(value: string): string {
  return value.startsWith('"') ? (JSON.parse(value) as string) : value;
}

/** `KEY=value KEY2="quoted value"` (ENV, LABEL); the legacy `ENV KEY value` form too. */
export function keyValues(args: string): Map<string, string> {
  const pairs = new Map<string, string>();
  const pattern = /([\w.-]+)=("(?:[^"\\]|\\.)*"|\S+)/g;
  for (const match of args.matchAll(pattern)) pairs.set(match[1]!, unquote(match[2]!));
  if (pairs.size === 0) {
    const legacy = /^([\w.-]+)\s+(.+)$/.exec(args);
    if (legacy) pairs.set(legacy[1]!, unquote(legacy[2]!.trim()));
  }
  return pairs;
}

/** All key=value pairs of one instruction kind in a stage, later ones winning. */
export function collect(stage: Stage, keyword: "ENV" | "LABEL"): Map<string, string> {
  const all = new Map<string, string>();
  for (const instruction of stage.instructions) {
    if (instruction.keyword === keyword) for (const [k, v] of keyValues(instruction.args)) all.set(k, v);
  }
  return all;
}

export function lastArgs(stage: Stage, keyword: string): string | undefined {
  return stage.instructions.filter((i) => i.keyword === keyword).at(-1)?.args;
}

export function runs(stage: Stage): string[] {
  return stage.instructions.filter((i) => i.keyword === "RUN").map((i) => i.args);
}
