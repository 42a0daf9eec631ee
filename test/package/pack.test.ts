import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { publint } from 'publint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../cli/run.js';
import { codeBlocks } from '../markdown-blocks.js';

const scratch = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cxlint-package-')));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

function run(command: string, args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['FORCE_COLOR', 'NO_COLOR', 'CI', 'GITHUB_ACTIONS']) delete env[name];
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env, timeout: 240_000 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The packed package's files: what `npm pack` would publish (the build is `npm test`'s or `npm run test:package`'s). */
let tarball: string;
let packed: string[];
/** An empty project with the tarball installed from its file, and the lease-end plan under `plan/`. */
const project = path.join(scratch, 'project');

beforeAll(() => {
  const pack = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', scratch], REPO);
  expect(pack.status, pack.stderr).toBe(0);
  const [info] = JSON.parse(pack.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  tarball = path.join(scratch, info!.filename);
  packed = info!.files.map((file) => file.path);
  fs.mkdirSync(project);
  fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'campaign-plans', private: true, type: 'module' }));
  fs.cpSync(path.join(REPO, 'examples', 'lease-end'), path.join(project, 'plan'), { recursive: true });
  for (const golden of ['expected.txt', 'expected.json']) fs.rmSync(path.join(project, 'plan', golden));
  const install = run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], project);
  expect(install.status, install.stderr).toBe(0);
});

describe('the package a user installs', () => {
  it('holds the built program, the API with its declarations, and the schemas; no sources or tests', () => {
    expect(packed).toEqual(
      expect.arrayContaining(['bin/cxlint.js', 'bin/package.json', 'dist/cxlint.cjs', 'dist/chunks/html.cjs', 'dist/api.js', 'dist/types/src/api/index.d.ts', 'schemas/plan.schema.json', 'package.json', 'README.md']),
    );
    expect(packed.filter((file) => file.startsWith('dist/cache/'))).toEqual([]);
    expect(packed.filter((file) => /^(src|test|scripts|examples|\.ci)\//.test(file))).toEqual([]);
  });

  it('runs `npx cxlint check` on a plan', () => {
    const check = run('npx', ['--no-install', 'cxlint', 'check', 'plan/'], project);
    expect(check.status).toBe(1);
    expect(check.stdout).toContain('✖ 4 problems (4 errors, 0 warnings) in 4 files, 2 segments, 5 sends');
  });

  it('runs `cxlint rules`, whose documentation links point at the repository', () => {
    const rules = run('npx', ['--no-install', 'cxlint', 'rules', '-f', 'json'], project);
    expect(rules.status).toBe(0);
    const listing = JSON.parse(rules.stdout) as Array<{ id: string; docs: string }>;
    expect(listing.length).toBeGreaterThan(20);
    for (const rule of listing) {
      expect(rule.docs).toBe(`https://github.com/cxlint/cxlint/blob/main/docs/rules/${rule.id}.md`);
      expect(fs.existsSync(path.join(REPO, 'docs', 'rules', `${rule.id}.md`)), rule.id).toBe(true);
    }
  });

  it('runs the example of docs/api.md, importing from "cxlint"', () => {
    const example = codeBlocks('docs/api.md', 'js').find((block) => block.startsWith('// lint-plan.mjs'));
    const [expected] = codeBlocks('docs/api.md', 'text');
    fs.writeFileSync(path.join(project, 'lint-plan.mjs'), example!);
    const result = run(process.execPath, ['lint-plan.mjs'], project);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(expected);
    expect(result.status).toBe(1);
    const sarif = JSON.parse(fs.readFileSync(path.join(project, 'cxlint.sarif'), 'utf8')) as { version: string; runs: Array<{ results: unknown[] }> };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]!.results).toHaveLength(4);
  });

  it('type-checks the TypeScript example of docs/api.md against the published declarations', () => {
    const [example] = codeBlocks('docs/api.md', 'ts').filter((block) => block.includes("from 'cxlint'"));
    fs.writeFileSync(path.join(project, 'usage.ts'), `${example!}export {};\n`);
    const options = ['--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--types', 'node', '--typeRoots', path.join(REPO, 'node_modules', '@types')];
    const tsc = path.join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');
    const checked = run(process.execPath, [tsc, ...options, 'usage.ts'], project);
    expect(checked.stdout).toBe('');
    expect(checked.status).toBe(0);
    // The check can fail: a wrong option is a type error.
    fs.writeFileSync(path.join(project, 'wrong.ts'), "import { lint } from 'cxlint';\nawait lint(['plan/'], { rules: { 'quiet-hours': 'loud' } });\nexport {};\n");
    const wrong = run(process.execPath, [tsc, ...options, 'wrong.ts'], project);
    expect(wrong.stdout).toContain("Type '\"loud\"' is not assignable");
  });

  it('passes publint, suggestions included', async () => {
    // publint packs with npm itself, lifecycle scripts ignored: the same files as the tarball above.
    const { messages } = await publint({ pkgDir: REPO, pack: 'npm', strict: true });
    expect(messages).toEqual([]);
  });
});
