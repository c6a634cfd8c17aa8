import * as fs from "node:fs";
import * as hostPath from "node:path";
import posix from "node:path/posix";
import { SystemError } from "../../syscalls/errors.js";

/** Names this backend in error details. */
export const DRIVER_NAME = "host-dir";

/** Open flags for reading a resolved path: never follow a symlink swapped in after resolution. */
export const READ_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0);

function outside(): SystemError {
  // No host path in the message: the caller adds the virtual one.
  return new SystemError("EACCES", { detail: `permission denied: ${DRIVER_NAME} path leads outside its root` });
}

/**
 * Maps normalized virtual paths to real host paths inside one root directory. Every symlink on
 * the way is resolved by the host's realpath and the result must stay under the real root, so
 * neither `..` (already gone after normalization) nor a symlink, absolute or relative, can reach
 * anything outside it.
 */
export function createHostPaths(root: string) {
  const realRoot = fs.realpathSync.native(hostPath.resolve(root));
  if (!fs.statSync(realRoot).isDirectory()) {
    throw new SystemError("ENOTDIR", { syscall: "scandir", detail: `${DRIVER_NAME} root is not a directory` });
  }
  const prefix = realRoot.endsWith(hostPath.sep) ? realRoot : realRoot + hostPath.sep;

  const isInside = (real: string): boolean => real === realRoot || real.startsWith(prefix);
  const lexical = (virtual: string): string => hostPath.join(realRoot, ...virtual.split("/"));
  const contain = (real: string): string => {
    if (!isInside(real)) throw outside();
    return real;
  };

  /** The real host path of a virtual one; without `followFinal`, a final symlink stays unresolved. */
  function resolveSync(virtual: string, followFinal: boolean): string {
    if (followFinal || virtual === "/") return contain(fs.realpathSync.native(lexical(virtual)));
    const parent = contain(fs.realpathSync.native(lexical(posix.dirname(virtual))));
    return hostPath.join(parent, posix.basename(virtual));
  }

  async function resolve(virtual: string, followFinal: boolean): Promise<string> {
    if (followFinal || virtual === "/") return contain(await fs.promises.realpath(lexical(virtual)));
    const parent = contain(await fs.promises.realpath(lexical(posix.dirname(virtual))));
    return hostPath.join(parent, posix.basename(virtual));
  }

  /** The virtual path of a real host path inside the root. */
  function toVirtual(real: string): string {
    const relative = hostPath.relative(realRoot, contain(real));
    return relative === "" ? "/" : `/${relative.split(hostPath.sep).join("/")}`;
  }

  /** `target` relative to `directory`, as a link text; refused when `target` is outside. */
  function relativeLink(directory: string, target: string | null): string {
    if (target === null) throw outside();
    const relative = hostPath.relative(directory, contain(target));
    return relative === "" ? "." : relative.split(hostPath.sep).join("/");
  }

  /**
   * The text of a symlink as the sandbox sees it: the target relative to the link's directory.
   * An absolute target is a host path, meaningless (and revealing) inside the sandbox; as a
   * relative one it also stays right wherever this filesystem is mounted. A target that lies
   * outside the root, even after resolving symlinks (the root may be reached through an alias,
   * e.g. /tmp → /private/tmp), is refused rather than shown: it would reveal the host's layout.
   */
  function linkTextSync(realLink: string, text: string): string {
    const directory = hostPath.dirname(realLink);
    const target = hostPath.resolve(directory, text);
    if (isInside(target)) return relativeLink(directory, target);
    let real: string | null = null;
    try {
      real = fs.realpathSync.native(target);
    } catch {}
    return relativeLink(directory, real);
  }

  return { root: realRoot, resolve, resolveSync, toVirtual, linkTextSync };
}
