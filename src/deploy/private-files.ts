/**
 * Files that may hold secrets (state and its backups, saved plans and their JSON, which
 * Terraform fills with sensitive values such as the self-signed certificate's private key):
 * created 0600 inside 0700 folders, whatever the umask, with no moment when they are readable
 * by others. A file is opened with its mode (`open(2)` applies it at creation, and the umask
 * can only remove bits), then set to exactly 0600 before a byte is written; a folder is
 * narrowed to 0700 before anything is created in it.
 */
import {
  chmodSync,
  closeSync,
  existsSync,
  fchmodSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';

export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/**
 * Creates `dir` and narrows it to 0700; a missing parent is created the same way, one at a
 * time, so that a restrictive umask (0277) cannot leave a parent the next mkdir cannot enter.
 */
export function ensurePrivateDir(dir: string): void {
  if (!existsSync(dir)) {
    const parent = dirname(dir);
    if (parent !== dir && !existsSync(parent)) ensurePrivateDir(parent);
    mkdirSync(dir, { mode: PRIVATE_DIR_MODE });
  }
  chmodSync(dir, PRIVATE_DIR_MODE);
}

/** Narrows an existing file to 0600 (a state file Terraform wrote before this version). */
export function narrowToPrivate(file: string): void {
  if (existsSync(file) && (statSync(file).mode & 0o077) !== 0) chmodSync(file, PRIVATE_FILE_MODE);
}

/**
 * Writes `text` to `path` whole or not at all (a private sibling, then a rename), 0600 in a
 * 0700 folder. `exclusive`: refuse to replace an existing file (a backup is never overwritten).
 */
export function writePrivateFile(
  path: string,
  text: string,
  options: { readonly exclusive?: boolean } = {},
): void {
  ensurePrivateDir(dirname(path));
  if (options.exclusive && existsSync(path)) {
    throw new Error(`${path} exists already; not overwriting it`);
  }
  const temporary = `${path}.tmp-${process.pid}`;
  try {
    const fd = openSync(temporary, 'wx', PRIVATE_FILE_MODE);
    try {
      fchmodSync(fd, PRIVATE_FILE_MODE);
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    // link(2) fails when the target exists, so an exclusive write never replaces a file.
    if (options.exclusive) linkSync(temporary, path);
    else renameSync(temporary, path);
  } finally {
    rmSync(temporary, { force: true });
  }
}
