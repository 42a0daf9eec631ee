import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { BIN, REPO } from '../cli/run.js';

const MEASURE = path.join(REPO, 'test', 'hostile', 'measure.mjs');
export const GIGABYTE = 1024 ** 3;

/** Anything a terminal or a CI log would obey: C0/C1 controls (but the line feed), DEL, and the bidi overrides and isolates. */
// eslint-disable-next-line no-control-regex
export const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

export interface HostileRun {
  root: string;
  status: number | null;
  stdout: string;
  stderr: string;
  /** Peak resident memory of the cxlint process, in bytes. */
  peakRss: number;
}

const made: string[] = [];

/** A fresh temporary folder with these files (text or bytes); `setup` may add what files cannot say (pipes, links, sparse files). */
export function hostileFolder(files: Record<string, string | Buffer> = {}, setup?: (root: string) => void): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cxlint-hostile-')));
  made.push(root);
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), content);
  }
  setup?.(root);
  return root;
}

/** A file of `size` bytes that takes no disk: a hole, as `truncate -s` makes. */
export function sparseFile(file: string, size: number): void {
  fs.closeSync(fs.openSync(file, 'w'));
  fs.truncateSync(file, size);
}

export function cleanHostileFolders(): void {
  for (const root of made.splice(0)) fs.rmSync(root, { recursive: true, force: true });
}

/** What every entry under `root` is: kind, size, modification time and, for regular files, a hash of the content. */
export function snapshot(root: string): Map<string, string> {
  const seen = new Map<string, string>();
  const walk = (folder: string): void => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      const info = fs.lstatSync(full);
      const relative = path.relative(root, full);
      if (entry.isDirectory()) {
        seen.set(relative, 'folder');
        walk(full);
      } else if (entry.isFile()) {
        // A sparse file of a gigabyte is summarised by size and time, not read.
        const digest = info.size > 64 * 1024 * 1024 ? '' : createHash('sha256').update(fs.readFileSync(full)).digest('hex');
        seen.set(relative, `file ${info.size} ${info.mtimeMs} ${digest}`);
      } else {
        seen.set(relative, `${entry.isSymbolicLink() ? `link ${fs.readlinkSync(full)}` : 'special'} ${info.mode}`);
      }
    }
  };
  walk(root);
  return seen;
}

/** Runs the real binary in `root` and records its peak memory. */
export function runIn(root: string, args: string[], options: { timeoutMs?: number; env?: Record<string, string> } = {}): HostileRun {
  const peakFile = path.join(os.tmpdir(), `cxlint-peak-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['FORCE_COLOR', 'NO_COLOR', 'CI', 'GITHUB_ACTIONS']) delete env[name];
  const result = spawnSync(process.execPath, ['--import', MEASURE, BIN, ...args], {
    cwd: root,
    env: { ...env, ...options.env, CXLINT_PEAK_RSS_FILE: peakFile },
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 30_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  const peakRss = fs.existsSync(peakFile) ? Number(fs.readFileSync(peakFile, 'utf8')) : NaN;
  fs.rmSync(peakFile, { force: true });
  return { root, status: result.status, stdout: result.stdout, stderr: result.stderr, peakRss };
}

export interface Expectation {
  status: 0 | 1 | 2;
  /** Text stdout or stderr must contain. */
  stdout?: string | RegExp;
  stderr?: string | RegExp;
  /** Files the run is allowed to create or replace (relative to the folder); nothing else may appear, change or go. */
  creates?: string[];
  /** Peak memory bound, for the large cases. */
  maxRss?: number;
}

/**
 * The promises of SPEC 11 for one hostile case: the expected exit code, no stack trace and no internal error, nothing
 * in the folder changed or removed, no control or bidi character on stdout or stderr, and bounded memory.
 */
export function expectHandled(root: string, args: string[], expected: Expectation, options: { timeoutMs?: number } = {}): HostileRun {
  const before = snapshot(root);
  const run = runIn(root, args, options);
  const context = `cxlint ${args.join(' ')}\n--- stdout\n${run.stdout.slice(0, 4000)}\n--- stderr\n${run.stderr.slice(0, 4000)}`;
  expect(run.status, context).toBe(expected.status);
  expect(run.stderr, context).not.toMatch(/internal error|\n\s+at /);
  expect(run.stdout, 'stdout').not.toMatch(UNSAFE);
  expect(run.stderr, 'stderr').not.toMatch(UNSAFE);
  for (const line of `${run.stdout}\n${run.stderr}`.split('\n')) {
    // What the GitHub Actions runner obeys in any log line.
    expect(line.trimStart().startsWith('::'), line).toBe(false);
    expect(line, line).not.toContain('##[');
  }
  if (expected.stdout !== undefined) expect(run.stdout, context).toMatch(expected.stdout);
  if (expected.stderr !== undefined) expect(run.stderr, context).toMatch(expected.stderr);
  const after = snapshot(root);
  for (const written of expected.creates ?? []) {
    before.delete(written);
    after.delete(written);
  }
  expect(after, 'the folder after the run').toEqual(before);
  expect(run.peakRss, 'peak memory was recorded').toBeGreaterThan(0);
  if (expected.maxRss !== undefined) expect(run.peakRss).toBeLessThan(expected.maxRss);
  return run;
}

/** A minimal valid plan: one segment `m`, one template `t`. */
export const PLAN = 'segments:\n  - {id: m, timezone: UTC}\ntemplates:\n  - {id: t, channel: email, intent: newsletter, content: {en: {body: hi}}}\n';
