import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { inChunks, writeReport } from '../../src/cli/output.js';
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

describe('inChunks', () => {
  it('encodes the pieces, in order, into chunks of at most its size (a piece larger than that in a chunk of its own)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 40 }), { maxLength: 30 }), fc.integer({ min: 1, max: 64 }), (pieces, size) => {
        const chunks = [...inChunks(pieces, size)];
        expect(Buffer.concat(chunks).toString('utf8')).toBe(pieces.join(''));
        for (const chunk of chunks) {
          expect(chunk.length).toBeGreaterThan(0);
          const alone = pieces.some((piece) => Buffer.byteLength(piece) === chunk.length && piece.length * 3 > size);
          if (!alone) expect(chunk.length).toBeLessThanOrEqual(size);
        }
      }),
      { numRuns: 500 },
    );
  });
});
