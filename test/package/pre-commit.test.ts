import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO } from '../cli/run.js';
import { codeBlocks } from '../markdown-blocks.js';

const scratch = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cxlint-pre-commit-')));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/**
 * pre-commit, as a user runs it. It must be installed (`.ci/run` installs Debian's `pre-commit`): a test that cannot
 * run the hook fails rather than passing without having run it.
 */
function preCommit(args: string[], cwd: string, env: Record<string, string> = {}): { status: number | null; output: string } {
  const result = spawnSync('pre-commit', args, {
    cwd,
    encoding: 'utf8',
    timeout: 280_000,
    env: { ...process.env, PRE_COMMIT_HOME: path.join(scratch, 'cache'), PRE_COMMIT_COLOR: 'never', ...env },
  });
  if ((result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
    throw new Error('pre-commit is not installed, so the hook cannot be tested: install it (Debian: apt-get install pre-commit; .ci/run does)');
  }
  if (result.error) throw result.error;
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

function git(args: string[], cwd: string): void {
  const result = spawnSync('git', ['-c', 'user.name=cxlint tests', '-c', 'user.email=tests@cxlint.invalid', ...args], { cwd, encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
}

describe('the pre-commit hook', () => {
  it('is a valid hook manifest (and the check can fail)', () => {
    expect(preCommit(['validate-manifest', path.join(REPO, '.pre-commit-hooks.yaml')], scratch).status).toBe(0);
    const broken = path.join(scratch, 'broken-hooks.yaml');
    fs.writeFileSync(broken, '- id: cxlint\n  name: cxlint\n  entry: cxlint check\n  language: nodejs\n');
    const result = preCommit(['validate-manifest', broken], scratch);
    expect(result.status).toBe(1);
    expect(result.output).toContain('nodejs');
  });

  it('is used as docs/ci.md shows, in a configuration pre-commit accepts', () => {
    const text = codeBlocks('docs/ci.md', 'yaml').find((block) => block.startsWith('# .pre-commit-config.yaml'))!;
    const config = parse(text) as { repos: Array<{ repo: string; hooks: Array<{ id: string }> }> };
    expect(config.repos[0]!.repo).toBe('https://github.com/cxlint/cxlint');
    expect(config.repos[0]!.hooks.map((hook) => hook.id)).toEqual(['cxlint']);
    const file = path.join(scratch, 'pre-commit-config.yaml');
    fs.writeFileSync(file, text);
    expect(preCommit(['validate-config', file], scratch).status).toBe(0);
  });

  it('runs on the whole plan whenever a plan file changes', () => {
    const [hook] = parse(fs.readFileSync(path.join(REPO, '.pre-commit-hooks.yaml'), 'utf8')) as Array<Record<string, unknown>>;
    expect(hook).toMatchObject({ id: 'cxlint', entry: 'cxlint check', language: 'node', pass_filenames: false });
    const runsOn = new RegExp(hook!.files as string);
    expect(['plan/calendar.yaml', 'segments.yml', 'plan.json', 'export.csv', 'agency.ics', 'calendar.xlsx'].every((file) => runsOn.test(file))).toBe(true);
    expect(['README.md', 'logo.png'].some((file) => runsOn.test(file))).toBe(false);
  });

  it('installs cxlint from this repository and fails a commit of a plan with errors', () => {
    const repo = path.join(scratch, 'campaigns');
    fs.cpSync(path.join(REPO, 'examples', 'lease-end'), path.join(repo, 'plan'), { recursive: true });
    for (const golden of ['expected.txt', 'expected.json']) fs.rmSync(path.join(repo, 'plan', golden));
    git(['init', '-q'], repo);
    git(['add', '-A'], repo);
    git(['commit', '-q', '-m', 'plan'], repo);
    // try-repo installs the hook from this repository (its committed state, plus tracked changes) as a user's
    // pre-commit installs it from a tag. Debian's pre-commit (3.0) reads the tarball's name from `npm pack`'s
    // output, which npm 11 mixes with the build's banner unless npm is silent (fixed in pre-commit 4.6.2).
    const result = preCommit(['try-repo', REPO, 'cxlint', '--all-files'], repo, { npm_config_loglevel: 'silent' });
    expect(result.output).toMatch(/cxlint\.+Failed/);
    expect(result.output).toContain('plan/calendar.yaml');
    expect(result.output).toContain('✖ 4 problems (4 errors, 0 warnings) in 4 files, 2 segments, 5 sends');
    expect(result.status).toBe(1);
  });
});
