import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_CSV_BYTES } from '../../src/loaders/index.js';
import { cleanHostileFolders, expectHandled, hostileFolder, PLAN, sparseFile } from './harness.js';

afterAll(cleanHostileFolders);

const MB = 1024 ** 2;

describe('hostile: CSV files', () => {
  it('a stray quote is an error on its row, and the rows after it are still read and checked', () => {
    const sends = 'date,segment,template\n2026-07-10,m,t\n2026-07-11,"m"x,t\n2026-07-12,m,NOPE\n2026-07-13,m,t\n';
    const run = expectHandled(hostileFolder({ 'plan.yaml': PLAN, 'sends.csv': sends }), ['check'], { status: 1 });
    expect(run.stdout).toMatch(/^ {2}3:12 +error +stray quote: /m);
    expect(run.stdout).toMatch(/^ {2}4:\d+ +error +unknown template "NOPE" +unknown-reference$/m);
    // The rows after the stray quote are read: two good sends checked (the row naming NOPE is on no timeline).
    expect(run.stdout).toMatch(/ 2 sends/);
  });

  it('an unclosed quote is one error at the row that opens it', () => {
    const sends = 'date,segment,template\n2026-07-10,m,t\n2026-07-11,"m,t\n2026-07-12,m,NOPE\n';
    const run = expectHandled(hostileFolder({ 'plan.yaml': PLAN, 'sends.csv': sends }), ['check'], { status: 1 });
    expect(run.stdout).toMatch(/^ {2}3:1 +error +unclosed quote: /m);
    expect(run.stdout).toMatch(/ 1 problem \(/);
  });

  it('CR-only line ends (Excel "CSV (Macintosh)") put each finding on its own line', () => {
    const sends = 'date,segment,template\r2026-07-10,m,t\r2026-07-11,m,NOPE\r2026-07-12,m,t\r';
    const run = expectHandled(hostileFolder({ 'plan.yaml': PLAN, 'sends.csv': sends }), ['check'], { status: 1 });
    expect(run.stdout).toMatch(/^ {2}3:14 +error +unknown template "NOPE" +unknown-reference$/m);
    // Both good rows are read and checked (the row naming NOPE is on no timeline).
    expect(run.stdout).toMatch(/ 2 sends/);
  });

  it('a CSV just over the size limit is reported as too large without being read', () => {
    const root = hostileFolder({ 'plan.yaml': PLAN }, (folder) => sparseFile(path.join(folder, 'big.csv'), MAX_CSV_BYTES + 1));
    const run = expectHandled(root, ['check'], { status: 1, stdout: /big\.csv\n {2}1:1 +error +file is too large to read/, maxRss: 150 * MB });
    expect(run.stdout).toMatch(/ 1 problem \(/);
  });
});
