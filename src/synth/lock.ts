/**
 * One writer at a time: a lock beside the folder a command writes (`cdktf.out.lock` for
 * `cdktf.out`). A directory made with `mkdir`, which either creates it or fails because it
 * exists, in one step on every file system; `owner.json` inside says who holds it.
 *
 * A second run waits, saying once who holds the lock, and refuses after `timeoutMs`, naming
 * the holder. A lock whose holder died (its process is gone on this host) is stale: the next
 * run removes it and takes its place. Locks are re-entrant within a process, so a command may
 * hold the lock over synthesis and the gate while synthesis takes it too.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname } from 'node:path';
import { OperationFailed } from '../errors/problems';

export interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly command: string;
  readonly since: string;
}

export interface LockOptions {
  /** How long to wait for another run before refusing. @default 120 s, or PAYMENT_LOCK_TIMEOUT_SECONDS */
  readonly timeoutMs?: number;
  /** Where the one waiting message goes. */
  readonly onWait?: (message: string) => void;
  /** What this process is doing, for the message another run prints. */
  readonly command?: string;
}

/** The lock is held by a live run and did not come free in time: exit 1, naming the holder. */
export class LockTimeoutError extends OperationFailed {}

const held = new Map<string, number>();

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function readOwner(lock: string): LockOwner | undefined {
  try {
    return JSON.parse(readFileSync(`${lock}/owner.json`, 'utf8')) as LockOwner;
  } catch {
    return undefined;
  }
}

/** Whether the process that took the lock is gone (only decidable on the same host). */
function isStale(owner: LockOwner | undefined, lock: string): boolean {
  if (!owner) {
    // Unreadable owner (written by something else, or a lock from an older version): stale
    // once it is old enough that no live run can be creating it.
    try {
      return Date.now() - statSync(lock).mtimeMs > 5_000;
    } catch {
      return false;
    }
  }
  if (owner.host !== hostname()) return false;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function describe(owner: LockOwner | undefined): string {
  return owner
    ? `process ${owner.pid} on ${owner.host} (${owner.command}, since ${owner.since})`
    : 'a run that has not yet said who it is';
}

function defaultTimeout(): number {
  const seconds = Number(process.env['PAYMENT_LOCK_TIMEOUT_SECONDS']);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 120_000;
}

/** Takes the lock `lock` (a path), waiting for another holder; returns the release function. */
export function acquireLock(lock: string, options: LockOptions = {}): () => void {
  const count = held.get(lock) ?? 0;
  if (count > 0) {
    held.set(lock, count + 1);
    return () => release(lock);
  }
  mkdirSync(dirname(lock), { recursive: true });
  const timeoutMs = options.timeoutMs ?? defaultTimeout();
  const started = Date.now();
  let told = false;
  for (;;) {
    // The lock appears whole, its owner inside: a folder written aside, then renamed into
    // place. A rename onto an existing (never empty) lock fails, so one run wins.
    const mine: LockOwner = {
      pid: process.pid,
      host: hostname(),
      command: options.command ?? basename(process.argv[1] ?? 'node'),
      since: new Date().toISOString(),
    };
    const draft = `${lock}.draft-${process.pid}`;
    rmSync(draft, { recursive: true, force: true });
    mkdirSync(draft);
    writeFileSync(`${draft}/owner.json`, JSON.stringify(mine));
    try {
      renameSync(draft, lock);
      held.set(lock, 1);
      return () => release(lock);
    } catch (error) {
      rmSync(draft, { recursive: true, force: true });
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST' && code !== 'EPERM') throw error;
    }
    const owner = readOwner(lock);
    if (isStale(owner, lock)) {
      // Move it aside first: of two runs that find it stale, one rename succeeds.
      const aside = `${lock}.stale-${process.pid}-${Date.now()}`;
      try {
        renameSync(lock, aside);
        rmSync(aside, { recursive: true, force: true });
        options.onWait?.(`Removed a stale lock ${lock} left by ${describe(owner)}.\n`);
      } catch {
        // Another run recovered it first.
      }
      continue;
    }
    if (Date.now() - started >= timeoutMs)
      throw new LockTimeoutError(
        `${lock} is held by ${describe(owner)}; waited ${Math.round((Date.now() - started) / 1000)} s. Wait for it to finish, or, if that process is gone, remove ${lock}.`,
      );
    if (!told) {
      options.onWait?.(`Waiting for ${describe(owner)}, which holds ${lock}...\n`);
      told = true;
    }
    sleep(100);
  }
}

function release(lock: string): void {
  const count = held.get(lock) ?? 0;
  if (count > 1) {
    held.set(lock, count - 1);
    return;
  }
  held.delete(lock);
  // Renamed aside first, in one step: removing it in place empties the folder before removing
  // it, and a waiting run's rename onto that empty folder succeeds, so the removal then failed
  // (ENOTEMPTY, exit 1) or took the new holder's lock with it.
  const aside = `${lock}.released-${process.pid}-${Date.now()}`;
  try {
    renameSync(lock, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  rmSync(aside, { recursive: true, force: true });
}

/** Runs `fn` holding the lock beside `folder` (`<folder>.lock`). */
export function withLock<T>(folder: string, fn: () => T, options: LockOptions = {}): T {
  const release = acquireLock(`${folder}.lock`, options);
  try {
    return fn();
  } finally {
    release();
  }
}
