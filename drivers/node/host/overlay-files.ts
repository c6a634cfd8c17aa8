/**
 * The module loader's lookups under /app/node_modules, answered in the V8 host: the overlay is a
 * read-only host directory that this process can read itself, with the same containment (the
 * host directory filesystem: no path or symlink leaves its root), saving each lookup a trip to
 * the application. Only for sessions whose kernel mounts a plain host directory there
 * (SessionSpec.overlayRoot); everything else goes to the application as before.
 */
import { createHostDirectoryFileSystem } from "../../../fs/host-dir.js";
import type { SyncFileSystem } from "../../../syscalls/fs-types.js";
import { MODULE_OVERLAY_PATH } from "../overlay.js";
import { probeFileSync, type ProbedFile } from "../probe.js";

/** One filesystem per root for the life of this process (the root is resolved once, on creation). */
const overlays = new Map<string, SyncFileSystem>();

/**
 * The probe of `path` when it lies in the overlay at `root`; undefined when it does not.
 * Synchronous: it also answers while sandbox code that the host runs waits (require() of an ES module).
 */
export function probeOverlayFile(root: string, path: string): ProbedFile | null | undefined {
  if (path !== MODULE_OVERLAY_PATH && !path.startsWith(`${MODULE_OVERLAY_PATH}/`)) return undefined;
  let overlay = overlays.get(root);
  if (!overlay) {
    overlay = createHostDirectoryFileSystem({ root }).sync;
    overlays.set(root, overlay);
  }
  const inner = path.slice(MODULE_OVERLAY_PATH.length) || "/";
  const probed = probeFileSync(overlay, inner);
  if (probed === null) return null;
  return { ...probed, real: probed.real === "/" ? MODULE_OVERLAY_PATH : `${MODULE_OVERLAY_PATH}${probed.real}` };
}
