import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/load';

const root = resolve(__dirname, '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** Every file below `dir`, as paths relative to the project root. */
function filesUnder(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath, e.name)));
}

/**
 * What a test file tests, by the layout rule: `test/<path>/<name>.test.ts` tests
 * `src/<path>/<name>.ts` or the folder `src/<path>/<name>/`; `test/scripts/<name>.test.ts`
 * tests `scripts/<name>.mjs` or the shell script `scripts/<name>.sh`. Undefined for the files that test the project as a whole.
 */
function testedBy(test: string): string[] | undefined {
  const path = test.replace(/^test\//, '').replace(/\.test\.ts$/, '');
  if (path === 'layers' || path === 'readme') return undefined;
  if (path.startsWith('scripts/')) return [`${path}.mjs`, `${path}.sh`];
  // The copyable templates (examples/ci/github/ is tested by test/examples/ci/github.test.ts).
  if (path.startsWith('examples/')) return [path];
  return [`src/${path}.ts`, `src/${path}`];
}

describe('README', () => {
  it('shows a complete config-file example that validates, in prod', () => {
    const example = /A complete example:\s*```json\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    const config = loadConfig({ ENVIRONMENT: 'prod', CONFIG_FILE: 'example.json' }, () => example!);
    expect(config.profile).toBe('prod');
    expect(config.network.vpcCidr).toBe('10.20.0.0/16');
    // Deployable: its image is one the execution role may pull (validation checks where).
    expect(config.compute).toMatchObject({
      kind: 'ecs-fargate',
      imagePull: { region: config.region, repository: 'payment-app-prod', granted: false },
    });
  });

  it('states the Node.js lines CI tests, as engines and .ci/run do', () => {
    const pkg = JSON.parse(readFileSync(resolve(__dirname, '..', 'package.json'), 'utf8')) as {
      engines: { node: string };
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    const ci = readFileSync(resolve(__dirname, '..', '.ci', 'run'), 'utf8');
    const lines = /^NODE_LINES="([\d ]+)"$/m.exec(ci)?.[1]?.split(' ') ?? [];
    expect(lines).toEqual(['20', '22', '24']);
    // engines lists exactly the lines CI runs, each from its lowest working release.
    const majors = pkg.engines.node
      .split(' || ')
      .map((range) => /^\^(\d+)\.\d+\.0$/.exec(range)?.[1]);
    expect(majors).toEqual(lines);
    expect(pkg.engines.node).toBe('^20.19.0 || ^22.19.0 || ^24.0.0');
    // Each line the machine does not have runs from the npm registry's `node` package.
    expect(ci).toContain('--package="node@${line}"');
    // The README leads with a maintained LTS line, and says that 20 is past its end of life.
    const quickStart = readme.slice(readme.indexOf('## Quick start'));
    expect(quickStart).toMatch(
      /^## Quick start\n\nNode\.js 24 LTS, or 22 LTS \(22\.19 or later\)\./,
    );
    expect(quickStart).toContain('Node.js 20 (20.19 or later) still works and is\ntested');
    expect(quickStart).toContain('end of life on 30 April 2026');
    // The suite runs under one of the lines it promises.
    expect(lines).toContain(process.versions.node.split('.')[0]);
    // `npx cdktn` is the CLI at the version of the cdktn library, pinned exactly.
    expect(pkg.devDependencies['cdktn-cli']).toBe(pkg.dependencies['cdktn']);
    expect(readme).toContain('**On Node.js 20 `npx cdktn` does not work**');
  });

  it('documents the quick start and test commands CI and users run', () => {
    expect(readme).toContain('npm ci && npm run synth');
    expect(readme).toContain('npm test');
  });

  it('points only to documents the repository has', () => {
    // Generated drawings are left out: their embedded icons are long base64 runs, not citations.
    const sources = [
      'README.md',
      'CONTRIBUTING.md',
      ...filesUnder('src'),
      ...filesUnder('docs').filter((f) => !f.endsWith('.svg')),
    ];
    const cited = sources.flatMap((file) =>
      [...readFileSync(join(root, file), 'utf8').matchAll(/[\w./-]*\b[\w-]+\.md\b/g)].map(
        (m) => [file, m[0]] as const,
      ),
    );
    // A bare name is resolved against docs/ (comments say `docs/system.md section 4`).
    const missing = cited.filter(
      ([file, doc]) =>
        !existsSync(join(root, doc)) &&
        !existsSync(join(root, 'docs', doc)) &&
        !existsSync(join(root, file, '..', doc)),
    );
    expect(missing).toEqual([]);
    expect(cited.some(([, doc]) => doc === 'docs/system.md')).toBe(true);
  });

  it('is right that test/ mirrors src/: each test file names what it tests', () => {
    const files = filesUnder('test').filter((f) => !/^test\/(helpers|fixtures)\//.test(f));
    const strays = files.filter((f) => {
      if (!f.endsWith('.test.ts')) return true;
      const targets = testedBy(f);
      return targets !== undefined && !targets.some((t) => existsSync(join(root, t)));
    });
    expect(strays).toEqual([]);
    expect(testedBy('test/compliance/rules/s3.test.ts')).toContain('src/compliance/rules/s3');
    expect(testedBy('test/scripts/bench.test.ts')).toContain('scripts/bench.mjs');
    expect(testedBy('test/scripts/providers-mirror.test.ts')).toContain(
      'scripts/providers-mirror.sh',
    );
  });
});

describe('npm run lint', () => {
  // The standards the lint step keeps: a probe file breaking each one must fail it.
  it('refuses `any`, @ts-ignore, the provider package root and value imports used as types', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lint-probe-'));
    try {
      const probe = join(dir, 'probe.ts');
      // The package root is the import the lint rule forbids, so it is spelled in parts here.
      const providerRoot = ['@cdktn', 'provider-aws'].join('/');
      writeFileSync(
        probe,
        [
          `import { Vpc } from '${providerRoot}';`,
          "import { Construct } from 'constructs';",
          '// @ts-ignore',
          'export const vpc: any = Vpc;',
          'export const name = (c: Construct): string => String(c);',
        ].join('\n'),
      );
      const result = spawnSync(
        process.execPath,
        [
          join(root, 'node_modules/oxlint/bin/oxlint'),
          '--deny-warnings',
          '-c',
          '.oxlintrc.json',
          probe,
        ],
        { cwd: root, encoding: 'utf8' },
      );
      expect(result.status).toBe(1);
      for (const rule of [
        'no-restricted-imports',
        'ban-ts-comment',
        'no-explicit-any',
        'consistent-type-imports',
      ])
        expect(result.stdout).toContain(rule);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
