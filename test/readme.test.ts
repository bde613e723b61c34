import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/load';
import { synthesize } from './helpers/synth';
import { runCommandSync } from './helpers/command';
import { makeCheckCommand } from '../src/cli/commands/check';
import { costCommand } from '../src/cli/commands/cost';
import { resilienceCommand } from '../src/cli/commands/resilience';

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
    const environments = readFileSync(join(root, 'docs', 'environments.md'), 'utf8');
    const example = /A complete example:\s*```json\n([\s\S]*?)```/.exec(environments)?.[1];
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
    // What happens on Node 20 is told where the cdktn CLI is documented.
    const operations = readFileSync(join(root, 'docs', 'operations.md'), 'utf8');
    expect(operations).toContain('**On Node.js 20 `npx cdktn` does not work**');
    expect(readme).toContain('(docs/operations.md#with-the-cdktn-cli)');
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

/** The documents a reader follows: the README, the project's own pages and docs/ (drawings aside). */
function documents(): string[] {
  return [
    'README.md',
    'CONTRIBUTING.md',
    'ARCHITECTURE.md',
    'CHANGELOG.md',
    ...filesUnder('docs').filter((f) => f.endsWith('.md')),
    ...(existsSync(join(root, 'examples')) ? filesUnder('examples') : []).filter((f) =>
      f.endsWith('.md'),
    ),
  ].filter((f) => existsSync(join(root, f)));
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function anchorOf(heading: string): string {
  return heading
    .replace(/^#+\s*/, '')
    .trim()
    .toLowerCase()
    .replace(/[^\w\- ]/g, '')
    .replace(/ /g, '-');
}

/** The headings of a markdown file outside code fences, as anchors. */
function anchorsIn(text: string): Set<string> {
  const anchors = new Set<string>();
  let fence = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('```')) fence = !fence;
    else if (!fence && /^#{1,6} /.test(line)) anchors.add(anchorOf(line));
  }
  return anchors;
}

/** Markdown links `[text](target)` outside code fences. */
function linksIn(text: string): string[] {
  const withoutCode = text.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  return [...withoutCode.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
}

describe('docs/', () => {
  it('links only to files and headings that exist', () => {
    const broken: string[] = [];
    for (const doc of documents()) {
      const text = readFileSync(join(root, doc), 'utf8');
      for (const link of linksIn(text)) {
        if (/^[a-z]+:/.test(link)) continue;
        const [path, anchor] = link.split('#') as [string, string | undefined];
        const target = path === '' ? join(root, doc) : join(root, doc, '..', path);
        if (!existsSync(target)) {
          broken.push(`${doc}: ${link} (no such file)`);
          continue;
        }
        if (anchor && target.endsWith('.md')) {
          if (!anchorsIn(readFileSync(target, 'utf8')).has(anchor)) {
            broken.push(`${doc}: ${link} (no such heading)`);
          }
        }
      }
    }
    expect(broken).toEqual([]);
    // The check itself finds a broken link and a broken anchor.
    expect(linksIn('see [a](b.md#c) and `[x](y)`')).toEqual(['b.md#c']);
    expect(anchorOf('### Certificate modes (`certificate`)')).toBe('certificate-modes-certificate');
  });

  it('validates every environment-file example with the loader', () => {
    const checked: string[] = [];
    for (const doc of documents()) {
      const text = readFileSync(join(root, doc), 'utf8');
      for (const match of text.matchAll(/```json\n([\s\S]*?)```/g)) {
        const block = match[1]!;
        // An environment file names the schema; other JSON (policies, suppressions) is not one.
        if (!block.includes('"$schema": "../docs/config.schema.json"')) continue;
        const before = text.slice(Math.max(0, match.index - 400), match.index);
        const named = [...before.matchAll(/config\/([a-z][a-z0-9-]*)\.json/g)].at(-1)?.[1];
        const profile = (JSON.parse(block) as { profile?: string }).profile;
        const environment =
          profile ?? (named && ['dev', 'staging', 'prod'].includes(named) ? named : 'prod');
        expect(
          () =>
            loadConfig(
              { ENVIRONMENT: environment, CONFIG_FILE: `${environment}.json` },
              () => block,
            ),
          `${doc}: the example before offset ${match.index}`,
        ).not.toThrow();
        checked.push(doc);
      }
    }
    expect(checked).toContain('docs/getting-started.md');
    expect(checked).toContain('docs/environments.md');
  });

  it('shows the offline commands of getting-started.md with what they print today', () => {
    const guide = readFileSync(join(root, 'docs', 'getting-started.md'), 'utf8');
    const printed = (command: string) => {
      const block = new RegExp(
        `\`\`\`sh\\n${command.replace(/[-[\]/{}()*+?.\\^$|]/g, '\\$&')}\\n\`\`\`\\n\\n\`\`\`\\n([\\s\\S]*?)\`\`\``,
      ).exec(guide)?.[1];
      expect(block, command).toBeDefined();
      return block!.trimEnd().split('\n');
    };
    // The committed dev environment, synthesized, in a scratch project with the suppressions.
    const cwd = mkdtempSync(join(tmpdir(), 'getting-started-'));
    try {
      const stack = join(cwd, 'cdktf.out', 'stacks', 'payment-dev');
      mkdirSync(stack, { recursive: true });
      const { json } = synthesize({ ENVIRONMENT: 'dev' });
      writeFileSync(join(stack, 'cdk.tf.json'), JSON.stringify(json));
      mkdirSync(join(cwd, 'compliance'));
      copyFileSync(
        join(root, 'compliance', 'suppressions.json'),
        join(cwd, 'compliance', 'suppressions.json'),
      );
      const io = { cwd, today: '2026-11-28' };
      // A line the guide shortens with "[...]" must still start as the command prints it.
      const same = (shown: string[], out: string) => {
        const lines = out.trimEnd().split('\n');
        expect(lines).toHaveLength(shown.length);
        shown.forEach((line, i) => {
          if (line.endsWith(' [...]')) expect(lines[i]!.startsWith(line.slice(0, -6))).toBe(true);
          else expect(lines[i]).toBe(line);
        });
      };
      const synth = printed('npm ci\nnpm run synth');
      expect(synth[0]).toBe(
        'Synthesized payment-dev (profile dev, us-east-1) to cdktf.out/stacks/payment-dev/cdk.tf.json',
      );
      const check = runCommandSync(makeCheckCommand({ synthesize: () => 0 }), [], io);
      expect(check.code).toBe(0);
      same(synth.slice(1), check.out);
      const cost = runCommandSync(costCommand, ['--dir', 'cdktf.out'], io);
      expect(cost.code).toBe(0);
      same(printed('npm run cost -- --env dev'), cost.out);
      const resilience = runCommandSync(resilienceCommand, ['--dir', 'cdktf.out'], io);
      expect(resilience.code).toBe(0);
      same(printed('npm run resilience -- --env dev'), resilience.out);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  }, 120_000);

  it('has a runbook for every alarm the stacks create', () => {
    const runbooks = anchorsIn(readFileSync(join(root, 'docs', 'runbooks.md'), 'utf8'));
    const variants = [
      synthesize({ ENVIRONMENT: 'dev' }),
      synthesize({ ENVIRONMENT: 'prod' }),
      synthesize({ ENVIRONMENT: 'dev' }, { compute: { kind: 'ecs-fargate' } }),
    ];
    const alarms = new Set<string>();
    for (const { json, config } of variants) {
      for (const type of ['aws_cloudwatch_metric_alarm', 'aws_cloudwatch_composite_alarm']) {
        for (const alarm of Object.values(json.resource[type] ?? {})) {
          const name = String(alarm['alarm_name']);
          // payment-<what>-<suffix>, or payment-<what>-<n>-<suffix> for one per NAT gateway.
          const what = name.slice(0, -(config.suffix.length + 1)).replace(/-\d+$/, '');
          alarms.add(what);
        }
      }
    }
    expect(alarms.size).toBeGreaterThan(15);
    const missing = [...alarms].filter(
      (what) => !runbooks.has(anchorOf(`### ${what}-<environment>`)),
    );
    expect(missing).toEqual([]);
  }, 120_000);

  it('lists every suppression with its reason in docs/security.md', () => {
    const security = readFileSync(join(root, 'docs', 'security.md'), 'utf8');
    const { suppressions } = JSON.parse(
      readFileSync(join(root, 'compliance', 'suppressions.json'), 'utf8'),
    ) as { suppressions: { rule: string; resource: string; reason: string }[] };
    const rows = security.split('\n').filter((line) => line.startsWith('| `PAY-'));
    expect(rows).toHaveLength(suppressions.length);
    for (const s of suppressions) {
      expect(
        rows.some(
          (row) =>
            row.includes(`\`${s.rule}\``) &&
            row.includes(`\`${s.resource.replaceAll('|', '\\|')}\``) &&
            row.includes(s.reason.replaceAll('|', '\\|').replaceAll('\n', ' ')),
        ),
        `${s.rule} ${s.resource}`,
      ).toBe(true);
    }
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
