/**
 * Moves a synthesis from its staging folder into the output folder without touching what
 * synthesis does not own. Each stack's working directory also holds Terraform's files
 * (`.terraform/`, `.terraform.lock.hcl`, saved plans): only the files the synthesis wrote are
 * replaced, each by a rename (atomic), and `manifest.json` lists the stacks already present
 * beside this run's, so environments live side by side. The listing matters beyond this
 * project: `cdktn synth` deletes every stack folder its manifest does not list (SynthStack.synth
 * in the CLI's cli-core, `orphanedDirectories` ... `fs.rmSync(orphanedDirectory, { recursive })`).
 */
import { existsSync, mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Manifest, ManifestStack } from '../tfjson/load';
import { MANIFEST_FILE, readManifest } from '../tfjson/load';

/** A sibling of the output folder, so that renames out of it stay on one file system. */
export function stagingFolder(outdir: string): string {
  return `${outdir}.staging-${process.pid}`;
}

/** Every file under `dir`, relative to it. */
function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const path = prefix ? join(prefix, entry.name) : entry.name;
    return entry.isDirectory() ? filesUnder(dir, path) : [path];
  });
}

/** Writes `text` to `file` through a temporary file and a rename, so no reader sees half. */
export function writeFileAtomic(file: string, text: string): void {
  const temporary = `${file}.tmp-${process.pid}`;
  writeFileSync(temporary, text);
  renameSync(temporary, file);
}

/**
 * The manifest after this run: the stacks already listed whose synthesized file still
 * exists, with this run's stacks replacing any of the same name. Names sorted, as cdktn's
 * stable stringify writes them.
 */
export function mergeManifests(previous: Manifest | undefined, current: Manifest, outdir: string) {
  const kept = Object.entries(previous?.stacks ?? {}).filter(([name, stack]) => {
    return !current.stacks[name] && existsSync(join(outdir, stack.synthesizedStackPath));
  });
  const stacks: Record<string, ManifestStack> = Object.fromEntries(
    [...kept, ...Object.entries(current.stacks)].sort(([a], [b]) => a.localeCompare(b)),
  );
  return { stacks, version: current.version };
}

/**
 * Moves the stacks synthesized into `staging` into `outdir` and merges the manifests.
 * Reads both manifests before moving anything, so a bad one stops the run with the output
 * untouched. The caller removes `staging`.
 */
export function placeSynthesis(staging: string, outdir: string): Manifest {
  const current = readManifest(staging);
  if (!current) throw new Error(`${staging}: synthesis wrote no ${MANIFEST_FILE}`);
  const previous = readManifest(outdir);
  for (const stack of Object.values(current.stacks)) {
    const from = join(staging, stack.workingDirectory);
    for (const file of filesUnder(from)) {
      const target = join(outdir, stack.workingDirectory, file);
      mkdirSync(dirname(target), { recursive: true });
      renameSync(join(from, file), target);
    }
  }
  const merged = mergeManifests(previous, current, outdir);
  writeFileAtomic(join(outdir, MANIFEST_FILE), JSON.stringify(merged, null, 2));
  return merged;
}
