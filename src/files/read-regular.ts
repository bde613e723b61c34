/**
 * Reads a small text file the user names, refusing what is not one: a directory, a FIFO (a
 * read would wait forever for a writer), a device (`/dev/zero` never ends, `/dev/stdin` waits)
 * or a file larger than `maxBytes`. The size and kind are checked before the file is opened.
 */
import type { Stats } from 'node:fs';
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';

export class UnreadableFileError extends Error {
  constructor(
    readonly path: string,
    /** Why, phrased to follow the path: `is a directory`. */
    readonly reason: string,
  ) {
    super(`${path} ${reason}`);
    this.name = 'UnreadableFileError';
  }
}

/** One MiB: the largest configuration file read (the committed ones are under 4 KiB). */
export const MAX_CONFIG_FILE_BYTES = 1024 * 1024;

function kindOf(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return 'is a directory, not a file';
  if (stats.isFIFO()) return 'is a named pipe (FIFO), not a regular file';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'is a device, not a regular file';
  if (stats.isSocket()) return 'is a socket, not a regular file';
  return 'is not a regular file';
}

export function readRegularFile(path: string, maxBytes = MAX_CONFIG_FILE_BYTES): string {
  let stats;
  try {
    stats = statSync(path);
  } catch (error) {
    throw new UnreadableFileError(
      path,
      `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'read error'})`,
    );
  }
  const kind = kindOf(stats);
  if (kind) throw new UnreadableFileError(path, kind);
  if (stats.size > maxBytes)
    throw new UnreadableFileError(
      path,
      `is ${stats.size} bytes, more than the ${maxBytes} allowed`,
    );
  // O_NONBLOCK: should the path have been swapped for a FIFO since the check, opening it
  // does not wait for a writer; fstat on the open descriptor then refuses it.
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const opened = kindOf(fstatSync(fd));
    if (opened) throw new UnreadableFileError(path, opened);
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    for (;;) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
      if (length > maxBytes)
        throw new UnreadableFileError(path, `is more than the ${maxBytes} bytes allowed`);
    }
    return buffer.subarray(0, length).toString('utf8');
  } finally {
    closeSync(fd);
  }
}
