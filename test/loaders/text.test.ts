import fs, { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeText, readFileUpTo } from '../../src/loaders/text.js';
import { loadFile, MAX_CSV_BYTES, MAX_YAML_BYTES } from '../../src/loaders/index.js';
import { readCsv } from '../../src/loaders/csv.js';
import { readYaml } from '../../src/loaders/yaml.js';

const fixture = (name: string): Buffer => readFileSync(fileURLToPath(new URL(`../fixtures/loaders/${name}`, import.meta.url)));
const at = (file: string, line: number, column: number, endLine = line, endColumn = column) => ({ file, line, column, endLine, endColumn });
const invalid = (message: string, location: ReturnType<typeof at>) => ({ problem: { rule: 'invalid-input', message, location, ids: [message] } });

describe('decodeText', () => {
  it('reads plain UTF-8', () => {
    expect(decodeText('a.yaml', Buffer.from('name: Clientèle\n'), 100)).toEqual({ text: 'name: Clientèle\n' });
  });

  it('strips a UTF-8 byte-order mark, so positions start at column 1', () => {
    const decoded = decodeText('utf8-bom.yaml', fixture('utf8-bom.yaml'), MAX_YAML_BYTES);
    expect(decoded).toEqual({ text: 'segments:\n  - id: clients\n    name: Clientèle\n' });
    const { fragments, problems } = readYaml('utf8-bom.yaml', (decoded as { text: string }).text);
    expect(problems).toEqual([]);
    expect(fragments[0]?.positions.get('/segments')?.key).toEqual(at('utf8-bom.yaml', 1, 1, 1, 9));
  });

  it.each([
    ['utf16le-bom.csv', 'little-endian'],
    ['utf16be-bom.csv', 'big-endian'],
  ])('decodes UTF-16 with a byte-order mark (%s, %s)', (name) => {
    const decoded = decodeText(name, fixture(name), 1000);
    expect(decoded).toEqual({ text: 'date,segment,template\n2026-07-10,clients-é,welcome\n' });
    const { fragment, problems } = readCsv(name, (decoded as { text: string }).text, { kind: 'calendar' });
    expect(problems).toEqual([]);
    expect(fragment?.value).toEqual({ calendar: [{ date: '2026-07-10', segment: 'clients-é', template: 'welcome' }] });
    expect(fragment?.positions.get('/calendar/0/template')?.value).toEqual(at(name, 2, 22, 2, 29));
  });

  it('rejects a binary file (NUL bytes) with one problem at the start of the file', () => {
    expect(decodeText('binary.yaml', fixture('binary.yaml'), MAX_YAML_BYTES)).toEqual(
      invalid('binary file: cxlint reads YAML, JSON and CSV text', at('binary.yaml', 1, 1)),
    );
  });

  it('reports invalid UTF-8 at the line and column of the bad byte', () => {
    // "    name: Client" is 16 characters; byte 0xE8 (Latin-1 "è") follows it on line 3.
    expect(decodeText('invalid-utf8.yaml', fixture('invalid-utf8.yaml'), MAX_YAML_BYTES)).toEqual(
      invalid('invalid UTF-8: save the file as UTF-8 (or UTF-16 with a byte-order mark)', at('invalid-utf8.yaml', 3, 17, 3, 18)),
    );
  });

  it.each([
    ['CR', '\r'],
    ['CRLF', '\r\n'],
    ['LF', '\n'],
  ])('reports invalid UTF-8 at its line with %s line ends', (_name, newline) => {
    const bytes = Buffer.concat([Buffer.from(`a: 1${newline}b: 2${newline}c: `), Buffer.from([0xe8, 0x0a])]);
    expect(decodeText('x.yaml', bytes, 100)).toEqual(
      invalid('invalid UTF-8: save the file as UTF-8 (or UTF-16 with a byte-order mark)', at('x.yaml', 3, 4, 3, 5)),
    );
  });

  it('reports invalid UTF-8 in the first byte at 1:1', () => {
    expect(decodeText('x.csv', Uint8Array.from([0xff, 0x41, 0x0a]), 100)).toEqual(
      invalid('invalid UTF-8: save the file as UTF-8 (or UTF-16 with a byte-order mark)', at('x.csv', 1, 1, 1, 2)),
    );
  });

  it('rejects a file over the size limit before decoding it (a huge scalar never reaches the YAML parser)', () => {
    const huge = Buffer.alloc(MAX_YAML_BYTES + 1, 0x61);
    huge.write('key: ', 0);
    expect(decodeText('huge.yaml', huge, MAX_YAML_BYTES)).toEqual(
      invalid(`file is too large to read (${MAX_YAML_BYTES + 1} bytes; the limit is ${MAX_YAML_BYTES}); if it is no plan file, add it to ignore: in cxlint.config.yaml`, at('huge.yaml', 1, 1)),
    );
  });

  it('accepts a file of exactly the limit', () => {
    expect(decodeText('a.yaml', Buffer.from('a: 1\n'), 5)).toEqual({ text: 'a: 1\n' });
  });
});

describe('readFileUpTo and loadFile: the size is checked before a byte is read', () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cxlint-text-'));
  afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));
  /** A file of `size` bytes that takes no disk: a hole, read back as zeros. */
  const sparse = (name: string, size: number): string => {
    const file = path.join(folder, name);
    fs.closeSync(fs.openSync(file, 'w'));
    fs.truncateSync(file, size);
    return file;
  };

  it('reads a file within the limit whole, and one of exactly the limit', async () => {
    const file = path.join(folder, 'small.yaml');
    fs.writeFileSync(file, 'a: 1\n');
    expect(await readFileUpTo('small.yaml', file, 100)).toEqual({ bytes: Buffer.from('a: 1\n') });
    expect(await readFileUpTo('small.yaml', file, 5)).toEqual({ bytes: Buffer.from('a: 1\n') });
    expect(await readFileUpTo('small.yaml', file, 4)).toEqual(invalid('file is too large to read (5 bytes; the limit is 4); if it is no plan file, add it to ignore: in cxlint.config.yaml', at('small.yaml', 1, 1)));
  });

  it('reads an empty file as no bytes', async () => {
    const file = path.join(folder, 'empty.csv');
    fs.writeFileSync(file, '');
    expect(await readFileUpTo('empty.csv', file, 100)).toEqual({ bytes: Buffer.alloc(0) });
  });

  it('answers for a gigabyte file by its size alone, without holding it', async () => {
    const file = sparse('huge.csv', 1024 ** 3);
    const before = process.memoryUsage().rss;
    const message = `file is too large to read (${1024 ** 3} bytes; the limit is ${MAX_CSV_BYTES}); if it is no plan file, add it to ignore: in cxlint.config.yaml`;
    expect(await readFileUpTo('huge.csv', file, MAX_CSV_BYTES)).toEqual(invalid(message, at('huge.csv', 1, 1)));
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 ** 2);
  });

  it('turns a file over the limit into one invalid-input problem at 1:1 that says it is too large', async () => {
    const file = sparse('big.csv', MAX_CSV_BYTES + 1);
    const loaded = await loadFile({ absolutePath: file, file: 'big.csv', explicit: false }, undefined);
    const message = `file is too large to read (${MAX_CSV_BYTES + 1} bytes; the limit is ${MAX_CSV_BYTES}); if it is no plan file, add it to ignore: in cxlint.config.yaml`;
    expect(loaded.fragments).toEqual([]);
    expect(loaded.problems).toEqual([invalid(message, at('big.csv', 1, 1)).problem]);
  });

  it('holds YAML and JSON to their own, lower limit', async () => {
    const file = sparse('big.json', MAX_YAML_BYTES + 1);
    const loaded = await loadFile({ absolutePath: file, file: 'big.json', explicit: true }, undefined);
    expect(loaded.problems.map((problem) => problem.message)).toEqual([`file is too large to read (${MAX_YAML_BYTES + 1} bytes; the limit is ${MAX_YAML_BYTES}); if it is no plan file, add it to ignore: in cxlint.config.yaml`]);
  });

  it('reports a file that cannot be read as a problem, not an exception', async () => {
    const loaded = await loadFile({ absolutePath: path.join(folder, 'gone.csv'), file: 'gone.csv', explicit: true }, undefined);
    expect(loaded.problems.map((problem) => problem.message)).toEqual(['cannot read the file (ENOENT)']);
  });
});
