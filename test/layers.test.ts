/**
 * The floors of src/ (ARCHITECTURE.md): each folder imports only from folders on lower floors,
 * never from a peer on its own floor, and no module takes part in an import cycle. A failure
 * names the offending import, so the fix is where the message points.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Floor of each top-level folder of src/, from the ground up. */
export const FLOORS: Readonly<Record<string, number>> = {
  'aws-facts': 0,
  errors: 0,
  files: 0,
  tfjson: 1,
  // The problem shape, InvalidPropsError and the limit checks configuration and constructs
  // share; on AWS facts only, so both can use it.
  validation: 1,
  naming: 2,
  config: 3,
  // The apply role's policy generator: on AWS facts, naming and the JSON model only, so the
  // account stack (floor 5) and `npm run deploy-policy` (floor 11) share it.
  permissions: 3,
  constructs: 4,
  stacks: 5,
  synth: 6,
  analysis: 7,
  cost: 8,
  resilience: 8,
  compliance: 9,
  outputs: 10,
  review: 10,
  deploy: 11,
  'database-bootstrap': 12,
  verify: 12,
  rehearsal: 13,
  cli: 14,
};

const root = join(__dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const path = `${dir}/${e.name}`;
    return e.isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Relative imports of a module (static, type-only, re-exports and dynamic), as src/ paths. */
export function importsOf(file: string, text: string, known: ReadonlySet<string>): string[] {
  const specs = [...text.matchAll(/(?:\bfrom|\bimport\s*\(|^\s*import)\s*['"](\.[^'"]+)['"]/gm)];
  return specs.map((m) => {
    const target = normalize(join(dirname(file), m[1]!)).replace(/\.(ts|js)$/, '');
    return known.has(`${target}.ts`) ? `${target}.ts` : `${target}/index.ts`;
  });
}

const folder = (file: string): string => {
  const parts = file.split('/');
  return parts.length > 2 ? parts[1]! : parts[1]!.replace(/\.ts$/, '');
};

/** Every import that runs up a floor, sideways to a peer folder, or out of the floor table. */
export function layerViolations(modules: ReadonlyMap<string, readonly string[]>): string[] {
  const problems: string[] = [];
  for (const [file, imports] of modules) {
    const from = folder(file);
    const fromFloor = FLOORS[from];
    if (fromFloor === undefined) {
      problems.push(`${file}: folder ${from} has no floor in FLOORS (ARCHITECTURE.md)`);
      continue;
    }
    for (const target of imports) {
      const to = folder(target);
      if (to === from) continue;
      const toFloor = FLOORS[to];
      if (toFloor === undefined || toFloor > fromFloor)
        problems.push(
          `${file} imports ${target}: ${from} (floor ${fromFloor}) may not import ${to} (floor ${toFloor ?? '?'})`,
        );
      else if (toFloor === fromFloor)
        problems.push(
          `${file} imports ${target}: ${from} and ${to} share floor ${fromFloor}; peers do not import each other`,
        );
    }
  }
  return problems;
}

/**
 * Imports the floors allow but the design does not: constructs take their own documented
 * props, never configuration types (the stacks map resolved configuration to props).
 */
export const FORBIDDEN: readonly {
  readonly from: string;
  readonly to: string;
  readonly why: string;
}[] = [
  {
    from: 'constructs',
    to: 'config',
    why: 'constructs take their own documented props, not config types; map configuration to props in src/stacks/',
  },
];

/** Every import FORBIDDEN names, with its reason. */
export function forbiddenImports(modules: ReadonlyMap<string, readonly string[]>): string[] {
  const problems: string[] = [];
  for (const [file, imports] of modules) {
    for (const rule of FORBIDDEN) {
      if (folder(file) !== rule.from) continue;
      for (const target of imports)
        if (folder(target) === rule.to) problems.push(`${file} imports ${target}: ${rule.why}`);
    }
  }
  return problems;
}

/** Import cycles between modules (strongly connected components of more than one module). */
export function importCycles(modules: ReadonlyMap<string, readonly string[]>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string): void => {
    indices.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of modules.get(v) ?? []) {
      if (!modules.has(w)) continue;
      if (!indices.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indices.get(w)!));
    }
    if (low.get(v) === indices.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const v of modules.keys()) if (!indices.has(v)) visit(v);
  return cycles;
}

function srcModules(): Map<string, string[]> {
  const files = sourceFiles('src');
  const known = new Set(files);
  return new Map(
    files.map((f) => [f, importsOf(f, readFileSync(join(root, f), 'utf8'), known)] as const),
  );
}

describe('the floors of src/', () => {
  const modules = srcModules();

  it('every folder of src/ has a floor, and no import runs up or sideways', () => {
    expect(layerViolations(modules)).toEqual([]);
  });

  it('no construct imports configuration', () => {
    expect(forbiddenImports(modules)).toEqual([]);
  });

  it('names a construct that imports configuration', () => {
    const bad = new Map<string, string[]>([
      ['src/constructs/network/network.ts', ['src/config/profiles.ts', 'src/naming/naming.ts']],
      ['src/stacks/payment-stack.ts', ['src/config/types.ts']],
    ]);
    expect(forbiddenImports(bad)).toEqual([
      'src/constructs/network/network.ts imports src/config/profiles.ts: constructs take their own documented props, not config types; map configuration to props in src/stacks/',
    ]);
  });

  it('no module takes part in an import cycle', () => {
    expect(importCycles(modules).map((c) => c.join(' <-> '))).toEqual([]);
  });

  it('every floor named in FLOORS exists, so the table stays true', () => {
    const folders = new Set([...modules.keys()].map(folder));
    expect(Object.keys(FLOORS).filter((f) => !folders.has(f))).toEqual([]);
  });

  it('names the import that runs up a floor, a peer import, and a cycle', () => {
    const bad = new Map<string, string[]>([
      ['src/tfjson/graph.ts', ['src/compliance/rule.ts']],
      ['src/cost/run.ts', ['src/resilience/analyse.ts']],
      ['src/compliance/rule.ts', ['src/tfjson/graph.ts']],
      ['src/resilience/analyse.ts', []],
      ['src/mystery/x.ts', []],
    ]);
    expect(layerViolations(bad)).toEqual([
      'src/tfjson/graph.ts imports src/compliance/rule.ts: tfjson (floor 1) may not import compliance (floor 9)',
      'src/cost/run.ts imports src/resilience/analyse.ts: cost and resilience share floor 8; peers do not import each other',
      'src/mystery/x.ts: folder mystery has no floor in FLOORS (ARCHITECTURE.md)',
    ]);
    expect(importCycles(bad)).toEqual([['src/compliance/rule.ts', 'src/tfjson/graph.ts']]);
  });

  it('reads static, type-only, re-export and dynamic imports', () => {
    const known = new Set(['src/a/x.ts', 'src/b/y.ts', 'src/b/z.ts', 'src/c/index.ts']);
    const text = [
      "import type { X } from '../a/x';",
      "export { Y } from '../b/y';",
      "const z = await import('../b/z');",
      "import '../c';",
    ].join('\n');
    expect(importsOf('src/d/w.ts', text, known)).toEqual([
      'src/a/x.ts',
      'src/b/y.ts',
      'src/b/z.ts',
      'src/c/index.ts',
    ]);
  });
});
