/** The synchronous fs API: every `*Sync` function runs its program with blocking syscalls. */
import { runSync, type FsContext, type Program } from "./fs-core.js";
import { errorCode, reorderKeys } from "./fs-errors.js";
import { readArgs, writeArgs } from "./fs-args.js";
import type { FsOps } from "./fs.js";

export function createSyncApi(context: FsContext, ops: FsOps): Record<string, unknown> {
  const run = <T>(program: Program<T>): T => runSync(context.runtime, program);

  const statSync = (kind: "stat" | "lstat") =>
    function (path: unknown, options?: { throwIfNoEntry?: boolean; bigint?: boolean }) {
      try {
        return run(ops[kind](path, options));
      } catch (error) {
        const code = errorCode(error);
        if (options?.throwIfNoEntry === false && (code === "ENOENT" || code === "ENOTDIR")) return undefined;
        throw error;
      }
    };

  const realpathSync = (path: unknown, options?: unknown) => run(ops.realpath(path, options));
  realpathSync.native = (path: unknown, options?: unknown) => run(ops.realpathNative(path, options));

  return {
    accessSync: (path: unknown, mode?: unknown) => run(ops.access(path, mode)),
    appendFileSync: (path: unknown, data: unknown, options?: unknown) => run(ops.appendFile(path, data, options)),
    chmodSync: (path: unknown, mode: unknown) => run(ops.chmod(path, mode)),
    chownSync: (path: unknown, uid: unknown, gid: unknown) => run(ops.chown(path, uid, gid)),
    closeSync: (fd: unknown) => run(ops.close(fd)),
    copyFileSync: (src: unknown, dest: unknown, mode?: unknown) => run(ops.copyFile(src, dest, mode)),
    existsSync: (path: unknown) => run(ops.exists(path)),
    fchmodSync: (fd: unknown, mode: unknown) => run(ops.fchmod(fd, mode)),
    fchownSync: (fd: unknown, uid: unknown, gid: unknown) => run(ops.fchown(fd, uid, gid)),
    fdatasyncSync: (fd: unknown) => run(ops.fdatasync(fd)),
    fstatSync: (fd: unknown, options?: unknown) => run(ops.fstat(fd, options)),
    fsyncSync: (fd: unknown) => run(ops.fsync(fd)),
    ftruncateSync: (fd: unknown, len?: unknown) => run(ops.ftruncate(fd, len)),
    futimesSync: (fd: unknown, atime: unknown, mtime: unknown) => run(ops.futimes(fd, atime, mtime)),
    lchownSync: (path: unknown, uid: unknown, gid: unknown) => run(ops.lchown(path, uid, gid)),
    lutimesSync: (path: unknown, atime: unknown, mtime: unknown) => run(ops.lutimes(path, atime, mtime)),
    linkSync: (existingPath: unknown, newPath: unknown) => run(ops.link(existingPath, newPath)),
    lstatSync: statSync("lstat"),
    mkdirSync: (path: unknown, options?: unknown) => run(ops.mkdir(path, options)),
    mkdtempSync: (prefix: unknown, options?: unknown) => run(ops.mkdtemp(prefix, options)),
    openSync: (path: unknown, flags?: unknown, mode?: unknown) => run(ops.open(path, flags, mode)),
    readdirSync: (path: unknown, options?: unknown) => run(ops.readdir(path, options)),
    readFileSync: (path: unknown, options?: unknown) => run(ops.readFile(path, options)),
    readlinkSync: (path: unknown, options?: unknown) => run(ops.readlink(path, options)),
    readSync(fd: unknown, buffer: unknown, offsetOrOptions?: unknown, length?: unknown, position?: unknown) {
      return run(ops.read(readArgs(fd, buffer, offsetOrOptions, length, position, arguments.length)));
    },
    readvSync: (fd: unknown, buffers: unknown, position?: unknown) => run(ops.readv(fd, buffers, position)),
    realpathSync,
    renameSync: (oldPath: unknown, newPath: unknown) => run(ops.rename(oldPath, newPath)),
    rmdirSync: (path: unknown, options?: unknown) => run(ops.rmdir(path, options)),
    rmSync: (path: unknown, options?: unknown) => run(ops.rm(path, options)),
    statSync: statSync("stat"),
    statfsSync: (path: unknown, options?: unknown) => run(ops.statfs(path, options)),
    symlinkSync: (target: unknown, path: unknown, type?: unknown) => run(ops.symlink(target, path, type)),
    truncateSync: (path: unknown, len?: unknown) => (typeof path === "number" ? run(ops.ftruncate(path, len)) : run(ops.truncate(path, len))),
    unlinkSync: (path: unknown) => run(ops.unlink(path)),
    utimesSync: (path: unknown, atime: unknown, mtime: unknown) => run(ops.utimes(path, atime, mtime)),
    writeFileSync: (path: unknown, data: unknown, options?: unknown) => run(ops.writeFile(path, data, options)),
    writeSync(fd: unknown, buffer: unknown, offsetOrOptions?: unknown, length?: unknown, position?: unknown) {
      const request = writeArgs(fd, buffer, offsetOrOptions, length, position);
      try {
        return run(ops.write(request));
      } catch (error) {
        // Node's writeSync builds its errors as errno, syscall, then code.
        throw reorderKeys(error, ["syscall", "code", "path", "dest"]);
      }
    },
    writevSync: (fd: unknown, buffers: unknown, position?: unknown) => run(ops.writev(fd, buffers, position)),
  };
}
