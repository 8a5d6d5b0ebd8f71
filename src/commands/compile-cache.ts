import module from "node:module";

/**
 * Node's own on-disk compile cache: V8's code for each module the CLI loads, stored by Node and
 * taken back by a later run of the same files on the same Node. Node 22.1 and later have it (the
 * image runs Node 24); on an older Node this does nothing. Without a directory Node uses
 * NODE_COMPILE_CACHE, else `node-compile-cache` under os.tmpdir(): in the image /tmp, which its
 * unprivileged user can write (Dockerfile). A cache Node
 * cannot use (a read-only or full disk) is skipped without an error: the modules then compile as
 * they would without it, and the answer is the same either way.
 */
export function enableCompileCache(): void {
  const { enableCompileCache: enable } = module as { enableCompileCache?: () => unknown };
  enable?.();
}
