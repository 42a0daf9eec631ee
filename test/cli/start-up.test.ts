import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/node';
import packageJson from '../../package.json' with { type: 'json' };
import { REPO, cleanWorkspaces, workspace } from './run.js';

afterEach(cleanWorkspaces);

/** A copy of the binary in a scratch package: bin/, and the built bundle and its chunks unless `built` is false. */
function scratchPackage(built = true): string {
  const root = workspace();
  fs.cpSync(path.join(REPO, 'bin'), path.join(root, 'bin'), { recursive: true });
  if (built) {
    fs.mkdirSync(path.join(root, 'dist'));
    fs.copyFileSync(path.join(REPO, 'dist', 'cxlint.cjs'), path.join(root, 'dist', 'cxlint.cjs'));
    fs.cpSync(path.join(REPO, 'dist', 'chunks'), path.join(root, 'dist', 'chunks'), { recursive: true });
  }
  return root;
}

/** Runs the scratch package's binary, with a user cache folder of its own (never the real one). */
function cxlint(root: string, args: string[], options: { cwd?: string; userCache?: string } = {}): { status: number | null; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, XDG_CACHE_HOME: options.userCache ?? path.join(root, 'user-cache') };
  for (const name of ['FORCE_COLOR', 'NO_COLOR', 'CI', 'GITHUB_ACTIONS']) delete env[name];
  return spawnSync(process.execPath, [path.join(root, 'bin', 'cxlint.js'), ...args], { cwd: options.cwd ?? root, env, encoding: 'utf8' });
}

const version = (root: string, options: { userCache?: string } = {}) => cxlint(root, ['--version'], options);

const cacheFiles = (folder: string): string[] => (fs.existsSync(folder) && fs.statSync(folder).isDirectory() ? fs.readdirSync(folder).sort() : []);

/** The name of a script's code cache: for this Node, and this very script (its build id, size and time). */
function cacheName(root: string, name: string, file: string): RegExp {
  const { size } = fs.statSync(path.join(root, 'dist', file));
  return new RegExp(`^${name}-${process.version}-${process.arch}-[0-9a-f]{16}-${size}-\\d+\\.bin$`);
}

describe('bin/cxlint.js compiles the bundle with a V8 code cache (issue 14)', () => {
  it('without a build, says how to make one', () => {
    const run = version(scratchPackage(false));
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('cxlint: not built yet: run `npm run build` in the cxlint folder\n');
  });

  it('writes the cache on the first run, for this Node and this bundle, and reads it on the next', () => {
    const root = scratchPackage();
    expect(version(root).stdout).toBe(`${packageJson.version}\n`);
    const [cache, ...more] = cacheFiles(path.join(root, 'dist', 'cache'));
    expect(more).toEqual([]);
    expect(cache).toMatch(cacheName(root, 'cxlint', 'cxlint.cjs'));
    const written = fs.statSync(path.join(root, 'dist', 'cache', cache!)).mtimeMs;
    expect(version(root).stdout).toBe(`${packageJson.version}\n`);
    // Accepted, so not written again.
    expect(fs.statSync(path.join(root, 'dist', 'cache', cache!)).mtimeMs).toBe(written);
    expect(cacheFiles(path.join(root, 'user-cache'))).toEqual([]);
  });

  it('replaces a cache V8 rejects, and runs all the same', () => {
    const root = scratchPackage();
    version(root);
    const file = path.join(root, 'dist', 'cache', cacheFiles(path.join(root, 'dist', 'cache'))[0]!);
    fs.writeFileSync(file, 'not a code cache');
    const run = version(root);
    expect([run.status, run.stdout, run.stderr]).toEqual([0, `${packageJson.version}\n`, '']);
    expect(fs.readFileSync(file, 'utf8')).not.toBe('not a code cache');
  });

  it("keeps the cache in the user's cache folder when the package's cannot be written, and reads it there", () => {
    const root = scratchPackage();
    // A file where the cache folder would be: the folder cannot be made, whoever runs the test (root included).
    fs.writeFileSync(path.join(root, 'dist', 'cache'), '');
    const userCache = path.join(root, 'home', '.cache');
    expect(version(root, { userCache }).stdout).toBe(`${packageJson.version}\n`);
    const [cache, ...more] = cacheFiles(path.join(userCache, 'cxlint'));
    expect(more).toEqual([]);
    expect(cache).toMatch(cacheName(root, 'cxlint', 'cxlint.cjs'));
    const written = fs.statSync(path.join(userCache, 'cxlint', cache!)).mtimeMs;
    expect(version(root, { userCache }).stdout).toBe(`${packageJson.version}\n`);
    expect(fs.statSync(path.join(userCache, 'cxlint', cache!)).mtimeMs).toBe(written);
  });

  it('runs all the same when no cache can be written at all', () => {
    const root = scratchPackage();
    fs.writeFileSync(path.join(root, 'dist', 'cache'), '');
    fs.writeFileSync(path.join(root, 'no-folder'), '');
    const run = version(root, { userCache: path.join(root, 'no-folder') });
    expect([run.status, run.stdout, run.stderr]).toEqual([0, `${packageJson.version}\n`, '']);
    expect(fs.readdirSync(path.join(root, 'dist')).sort()).toEqual(['cache', 'chunks', 'cxlint.cjs']);
  });
});

describe('what only some runs need is a chunk of its own, loaded when a run calls into it (issue 14)', () => {
  const PLAN = 'segments:\n  - {id: lessees, name: Lessees, timezone: Europe/Paris}\ntemplates:\n  - {id: upgrade-email, channel: email, intent: upsell}\n';

  it('a check to the terminal loads none; another format loads its own, through a code cache of its own', () => {
    const root = scratchPackage();
    const plan = workspace(undefined, { 'plan.yaml': PLAN, 'calendar.yaml': 'calendar:\n  - {id: a, date: 2026-06-01, segment: lessees, template: nope}\n' });
    const cache = path.join(root, 'dist', 'cache');
    const check = cxlint(root, ['check', '--no-color'], { cwd: plan });
    expect(check.status).toBe(1);
    expect(check.stdout).toContain('unknown-reference');
    expect(cacheFiles(cache)).toEqual([expect.stringMatching(cacheName(root, 'cxlint', 'cxlint.cjs'))]);

    const sarif = cxlint(root, ['check', '-f', 'sarif'], { cwd: plan });
    expect([sarif.status, sarif.stderr]).toEqual([1, '']);
    expect(JSON.parse(sarif.stdout).runs[0].results.map((result: { ruleId: string }) => result.ruleId)).toEqual(['unknown-reference']);
    const chunkCache = cacheFiles(cache).find((file) => file.startsWith('sarif-'));
    expect(chunkCache).toMatch(cacheName(root, 'sarif', path.join('chunks', 'sarif.cjs')));
    expect(cacheFiles(cache)).toHaveLength(2);
    const written = fs.statSync(path.join(cache, chunkCache!)).mtimeMs;
    expect(cxlint(root, ['check', '-f', 'sarif'], { cwd: plan }).stdout).toBe(sarif.stdout);
    expect(fs.statSync(path.join(cache, chunkCache!)).mtimeMs).toBe(written);
  });

  it("an adapter's reader is a chunk too: a workbook is read by the xlsx chunk", async () => {
    const root = scratchPackage();
    const plan = workspace(undefined, { 'plan.yaml': PLAN, 'cxlint.config.yaml': 'timezone: Europe/Paris\n' });
    const sheet = [
      [{ value: 'date' }, { value: 'segment' }, { value: 'template' }],
      [{ value: new Date('2026-06-01T09:00:00Z'), type: Date, format: 'dd/mm/yyyy hh:mm' }, { value: 'lessees' }, { value: 'nope' }],
    ];
    fs.writeFileSync(path.join(plan, 'plan.xlsx'), await (await writeXlsxFile(sheet)).toBuffer());
    const run = cxlint(root, ['check', '-f', 'json'], { cwd: plan });
    expect([run.status, run.stderr]).toEqual([1, '']);
    expect(JSON.parse(run.stdout).findings.map((finding: { rule: string; file: string; line: number; column: number }) => `${finding.file}:${finding.line}:${finding.column} ${finding.rule}`)).toEqual([
      'plan.xlsx:2:3 unknown-reference',
    ]);
    // A sheet is read as a CSV file is: the xlsx chunk loads the csv chunk.
    expect(cacheFiles(path.join(root, 'dist', 'cache')).map((file) => file.split('-')[0])).toEqual(['csv', 'cxlint', 'xlsx']);
  });

  it('node:crypto is loaded only by a run that prints fingerprints or keeps a suppressions file', () => {
    const root = scratchPackage();
    const twice = '  - {date: 2026-06-01T09:00, segment: lessees, template: upgrade-email}\n';
    const plan = workspace(undefined, { 'plan.yaml': PLAN, 'calendar.yaml': `calendar:\n${twice}${twice}` });
    // Node's own list of the modules it loaded, written when the run ends.
    const seen = path.join(plan, 'modules.json');
    fs.writeFileSync(path.join(root, 'modules.cjs'), `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(seen)}, JSON.stringify(process.moduleLoadList)));`);
    const run = (args: string[]) => {
      const result = spawnSync(process.execPath, ['--require', path.join(root, 'modules.cjs'), path.join(root, 'bin', 'cxlint.js'), ...args], { cwd: plan, encoding: 'utf8' });
      return { status: result.status, stdout: result.stdout, crypto: (JSON.parse(fs.readFileSync(seen, 'utf8')) as string[]).includes('NativeModule crypto') };
    };
    expect(run(['check', '--no-color'])).toMatchObject({ status: 1, stdout: expect.stringContaining('duplicate-message'), crypto: false });
    const json = run(['check', '-f', 'json']);
    expect(json).toMatchObject({ status: 1, crypto: true });
    expect(JSON.parse(json.stdout).findings[0].fingerprint).toMatch(/^[0-9a-f]{32}$/);
    expect(run(['check', '--no-color', '--suppress-all'])).toMatchObject({ status: 0, crypto: true });
    expect(run(['check', '--no-color'])).toMatchObject({ status: 0, stdout: expect.stringContaining('1 suppressed'), crypto: true });
  });

  it("a chunk holds no copy of what the main bundle holds: it uses the main bundle's (luxon, with its zones and settings)", () => {
    const ics = fs.readFileSync(path.join(REPO, 'dist', 'chunks', 'ics.cjs'), 'latin1');
    expect(ics).toContain('require("cxlint:shared/node_modules/luxon/');
    expect(ics).not.toMatch(/\bclass _DateTime\b/);
    expect(fs.readFileSync(path.join(REPO, 'dist', 'cxlint.cjs'), 'latin1')).toMatch(/\bclass _DateTime\b/);
  });
});
