import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = path.join(REPO, 'bin', 'cxlint.js');
export const FIXTURES = path.join(REPO, 'test', 'fixtures', 'cli');

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real, built binary (`node bin/cxlint.js …`) with its output piped, as CI does. */
export function cxlint(args: string[], options: { cwd: string; env?: Record<string, string> }): Run {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['FORCE_COLOR', 'NO_COLOR', 'CI', 'GITHUB_ACTIONS']) delete env[name];
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    env: { ...env, ...options.env },
    encoding: 'utf8',
    timeout: 15_000,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const made: string[] = [];

/** A fresh temporary folder holding a copy of test/fixtures/cli/<name> (or nothing), plus `files`. */
export function workspace(name?: string, files: Record<string, string> = {}): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cxlint-cli-')));
  made.push(root);
  if (name) fs.cpSync(path.join(FIXTURES, name), root, { recursive: true });
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  return root;
}

export function cleanWorkspaces(): void {
  for (const root of made.splice(0)) fs.rmSync(root, { recursive: true, force: true });
}

// eslint-disable-next-line no-control-regex
export const ANSI = /\u001b\[[0-9;]*m/;
// eslint-disable-next-line no-control-regex
export const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;
