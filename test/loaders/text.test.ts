import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../src/loaders/text.js';
import { MAX_YAML_BYTES } from '../../src/loaders/index.js';
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

  it('reports invalid UTF-8 in the first byte at 1:1', () => {
    expect(decodeText('x.csv', Uint8Array.from([0xff, 0x41, 0x0a]), 100)).toEqual(
      invalid('invalid UTF-8: save the file as UTF-8 (or UTF-16 with a byte-order mark)', at('x.csv', 1, 1, 1, 2)),
    );
  });

  it('rejects a file over the size limit before decoding it (a huge scalar never reaches the YAML parser)', () => {
    const huge = Buffer.alloc(MAX_YAML_BYTES + 1, 0x61);
    huge.write('key: ', 0);
    const started = performance.now();
    expect(decodeText('huge.yaml', huge, MAX_YAML_BYTES)).toEqual(
      invalid(`file is too large to read (${MAX_YAML_BYTES + 1} bytes; the limit is ${MAX_YAML_BYTES})`, at('huge.yaml', 1, 1)),
    );
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('accepts a file of exactly the limit', () => {
    expect(decodeText('a.yaml', Buffer.from('a: 1\n'), 5)).toEqual({ text: 'a: 1\n' });
  });
});
