/**
 * The key of a stream (name and namespace) in maps: a namespace and a name cannot collide because
 * neither can hold NUL. RECORDs, STATEs and the catalog's streams all meet on it.
 */
export function streamKey(name: string, namespace: string | null | undefined): string {
  return namespace ? `${namespace}\u0000${name}` : name;
}
