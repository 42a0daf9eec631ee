import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanHostileFolders, expectHandled, GIGABYTE, hostileFolder, PLAN, sparseFile } from './harness.js';

afterAll(cleanHostileFolders);

const MB = 1024 ** 2;

describe('hostile: huge files', () => {
  it('three 1 GB CSVs in a folder are each reported as too large, at once and in little memory', () => {
    const names = ['a.csv', 'b.csv', 'c.csv'];
    const root = hostileFolder({ 'plan.yaml': PLAN }, (folder) => names.forEach((name) => sparseFile(path.join(folder, name), GIGABYTE)));
    const run = expectHandled(root, ['check'], { status: 1, maxRss: 300 * MB }, { timeoutMs: 20_000 });
    for (const name of names) expect(run.stdout).toContain(`${name}\n  1:1  error    file is too large to read (${GIGABYTE} bytes; the limit is ${256 * MB})`);
    expect(run.stdout).toMatch(/3 problems \(3 errors/);
  });

  it('a 1 GB YAML file named on the command line is reported as too large, at once and in little memory', () => {
    const root = hostileFolder({}, (folder) => sparseFile(path.join(folder, 'plan.yaml'), GIGABYTE));
    expectHandled(root, ['check', 'plan.yaml'], { status: 1, stdout: `file is too large to read (${GIGABYTE} bytes; the limit is ${10 * MB})`, maxRss: 300 * MB }, { timeoutMs: 20_000 });
  });
});
