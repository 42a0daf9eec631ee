import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

const made: string[] = [];
// Imported at collection time, so this registers with each test file that uses the helper (vitest isolates files).
afterAll(() => made.splice(0).forEach((folder) => fs.rmSync(folder, { recursive: true, force: true })));

/**
 * A fresh temporary folder (its real path) with `files` written into it (paths relative to it, folders created),
 * removed after the test file's tests have run.
 */
export function tempFolder(files: Record<string, string> = {}): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cxlint-test-')));
  made.push(root);
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(root, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  return root;
}
