export { createInMemoryFileSystem, type InMemoryFileSystemOptions } from "./memory.js";
export { createHostDirectoryFileSystem, type HostDirectoryFileSystemOptions } from "./host-dir.js";
export { createMountFileSystem, type MountFileSystem, type MountInfo } from "./mount.js";
export type {
  DirEntry,
  FileData,
  FileStat,
  FileSystem,
  FileSystemBackend,
  FileSystemCore,
  FileSystemExtras,
  FileSystemStats,
  FileType,
  MkdirOptions,
  RmOptions,
  SyncFileSystem,
  WriteFileOptions,
} from "../syscalls/fs-types.js";
