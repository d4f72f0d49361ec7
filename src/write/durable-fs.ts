// Small synchronous file primitives the writer and the journal share: durable writes (temp file, fsync, rename),
// hashing, and lstat that returns undefined for a missing path. No knowledge of change sets or git.

import { createHash } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  closeSync,
  fsyncSync,
  lstatSync,
  openSync,
  renameSync,
  type Stats,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** `lstat`, or undefined when nothing is at `path` (a missing parent counts as missing). */
export function lstatIfExists(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // A name too long to exist is not there either (a temp name can be longer than its target's).
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'ENAMETOOLONG') return undefined;
    throw error;
  }
}

/** fsync a directory so a rename or unlink inside it survives power loss (best effort where unsupported). */
export function fsyncDirectory(path: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    fsyncSync(fd);
  } catch {
    // Some file systems refuse fsync on directories; the data itself was already synced.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export interface FileAttributes {
  /** Permission bits (`mode & 0o7777`). */
  readonly mode?: number;
  readonly uid?: number;
  readonly gid?: number;
}

/**
 * Write `bytes` to a new file at `path` (which must not exist: `wx`), then apply `attributes` and fsync.
 * A file created without `mode` gets the usual `0o666 & ~umask`, like an editor would.
 */
export function writeNewFileSynced(path: string, bytes: Uint8Array, attributes: FileAttributes = {}): void {
  const fd = openSync(path, 'wx', 0o666);
  try {
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    if (attributes.mode !== undefined) chmodSync(path, attributes.mode);
    applyOwner(path, attributes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Keep the original owner when we can (we run as root, or as the owner already). */
function applyOwner(path: string, attributes: FileAttributes): void {
  if (attributes.uid === undefined || attributes.gid === undefined) return;
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return;
  try {
    chownSync(path, attributes.uid, attributes.gid);
  } catch {
    // Ownership is a courtesy; content and mode are what we guarantee.
  }
}

/** Replace `path` atomically: write a sibling temp file, fsync it, rename it over `path`, fsync the directory. */
export function replaceFileAtomically(
  path: string,
  bytes: Uint8Array,
  tempPath: string,
  attributes: FileAttributes = {},
): void {
  writeNewFileSynced(tempPath, bytes, attributes);
  renameSync(tempPath, path);
  fsyncDirectory(dirname(path));
}
