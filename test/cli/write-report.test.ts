import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeReport } from '../../src/cli/output.js';
import { UsageError } from '../../src/errors.js';
import { tempFolder } from '../temp-folders.js';

describe('writeReport to a regular file', () => {
  it('replaces the file through a temporary one beside it, leaving nothing behind', async () => {
    const root = tempFolder({ 'r.json': 'old\n' });
    await writeReport({ given: 'r.json', path: path.join(root, 'r.json'), kind: 'file' }, ['new', '\n']);
    expect(fs.readFileSync(path.join(root, 'r.json'), 'utf8')).toBe('new\n');
    expect(fs.readdirSync(root)).toEqual(['r.json']);
  });

  it('a file already under the temporary name is someone else’s: the write fails and that file stays', async () => {
    const temporary = `.r.json.${process.pid}.tmp`;
    const root = tempFolder({ 'r.json': 'old\n', [temporary]: 'mine\n' });
    const error = await writeReport({ given: 'r.json', path: path.join(root, 'r.json'), kind: 'file' }, ['new\n']).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe('Cannot write r.json: EEXIST');
    expect(fs.readFileSync(path.join(root, temporary), 'utf8')).toBe('mine\n');
    expect(fs.readFileSync(path.join(root, 'r.json'), 'utf8')).toBe('old\n');
  });
});
