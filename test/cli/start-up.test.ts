import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };
import { REPO, cleanWorkspaces, workspace } from './run.js';

afterEach(cleanWorkspaces);

/** A copy of the binary in a scratch package: bin/cxlint.js, and the built bundle unless `built` is false. */
function scratchPackage(built = true): string {
  const root = workspace();
  fs.mkdirSync(path.join(root, 'bin'));
  fs.copyFileSync(path.join(REPO, 'bin', 'cxlint.js'), path.join(root, 'bin', 'cxlint.js'));
  if (built) {
    fs.mkdirSync(path.join(root, 'dist'));
    fs.copyFileSync(path.join(REPO, 'dist', 'cxlint.cjs'), path.join(root, 'dist', 'cxlint.cjs'));
  }
  return root;
}

function version(root: string): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [path.join(root, 'bin', 'cxlint.js'), '--version'], { cwd: root, encoding: 'utf8' });
}

const cacheFiles = (root: string): string[] => (fs.existsSync(path.join(root, 'dist', 'cache')) ? fs.readdirSync(path.join(root, 'dist', 'cache')) : []);

describe('bin/cxlint.js compiles the bundle with a V8 code cache (issue 14)', () => {
  it('without a build, says how to make one', () => {
    const run = version(scratchPackage(false));
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('cxlint: not built yet: run `npm run build` in the cxlint folder\n');
  });

  it('writes the cache on the first run, for this Node and this bundle, and reads it on the next', () => {
    const root = scratchPackage();
    expect(version(root).stdout).toBe(`${packageJson.version}\n`);
    const [cache, ...more] = cacheFiles(root);
    expect(more).toEqual([]);
    expect(cache).toMatch(new RegExp(`^${process.version}-${process.arch}-${fs.statSync(path.join(root, 'dist', 'cxlint.cjs')).size}-\\d+\\.bin$`));
    const written = fs.statSync(path.join(root, 'dist', 'cache', cache!)).mtimeMs;
    expect(version(root).stdout).toBe(`${packageJson.version}\n`);
    // Accepted, so not written again.
    expect(fs.statSync(path.join(root, 'dist', 'cache', cache!)).mtimeMs).toBe(written);
  });

  it('replaces a cache V8 rejects, and runs all the same', () => {
    const root = scratchPackage();
    version(root);
    const file = path.join(root, 'dist', 'cache', cacheFiles(root)[0]!);
    fs.writeFileSync(file, 'not a code cache');
    const run = version(root);
    expect([run.status, run.stdout, run.stderr]).toEqual([0, `${packageJson.version}\n`, '']);
    expect(fs.readFileSync(file, 'utf8')).not.toBe('not a code cache');
  });

  it('runs all the same when the cache cannot be written', () => {
    const root = scratchPackage();
    // A file where the cache folder would be: the folder cannot be made, whoever runs the test (root included).
    fs.writeFileSync(path.join(root, 'dist', 'cache'), '');
    const run = version(root);
    expect([run.status, run.stdout, run.stderr]).toEqual([0, `${packageJson.version}\n`, '']);
    expect(fs.readdirSync(path.join(root, 'dist')).sort()).toEqual(['cache', 'cxlint.cjs']);
  });
});
