import fc from 'fast-check';
import YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../../src/loaders/csv.js';
import { readYaml } from '../../src/loaders/yaml.js';

const key = fc.constantFrom('id', 'date', 'segment', '__proto__', 'constructor', 'a b', 'yes', 'on', '1:30', 'x/y~z', '<<');
const scalar = fc.oneof(
  fc.string(),
  fc.constantFrom('yes', 'no', 'on', 'off', '1:30', '0x1F', '010', '2026-07-10', 'null', '~', '*a', '&a', '- x', '"q"', '#c', '[', '{'),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);
const { data } = fc.letrec((tie) => ({
  data: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('list'), tie('record')),
  list: fc.array(tie('data'), { maxLength: 4 }),
  record: fc.dictionary(key, tie('data'), { maxKeys: 5 }),
}));

/** A CSV cell as a spreadsheet would write it: quoted when it holds a delimiter, a quote or a line end. */
const csvCell = fc.oneof(fc.string({ unit: fc.constantFrom('a', 'é', ' ', ';', ',', '"', '\n', '\r\n', '|', '\t', '中', 'x') }), fc.constant(''));
const quote = (cell: string): string => (/[",;\r\n\t]/.test(cell) || cell.trim() !== cell ? `"${cell.replace(/"/g, '""')}"` : cell);

describe('loader properties', () => {
  it('readYaml gives back whatever YAML.stringify wrote, with no problem', () => {
    fc.assert(
      fc.property(data, (value) => {
        const text = YAML.stringify(value);
        const { fragments, problems } = readYaml('p.yaml', text);
        expect(problems).toEqual([]);
        const expected = JSON.parse(JSON.stringify(value)) as unknown;
        expect(fragments.length).toBe(1);
        expect(JSON.parse(JSON.stringify(fragments[0]?.value))).toEqual(expected);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  it('readCsv returns every row, each cell positioned on the physical line where its record starts', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(',', ';', '\t'),
        fc.constantFrom('\n', '\r\n'),
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.array(csvCell, { minLength: 4, maxLength: 4 }), { maxLength: 8 }),
        (delimiter, newline, extra, table) => {
          const headers = ['date', 'segment', 'template', ...['id', 'owner', 'campaign'].slice(0, extra - 1)];
          const rows = table.map((cells) => cells.slice(0, headers.length).concat(Array(Math.max(0, headers.length - cells.length)).fill('x')));
          const kept = rows.filter((cells) => cells.some((cell) => cell.trim() !== ''));
          let text = headers.join(delimiter) + newline;
          let line = 2;
          const startLines: number[] = [];
          for (const cells of rows) {
            const record = cells.map(quote).join(delimiter);
            if (cells.some((cell) => cell.trim() !== '')) startLines.push(line);
            text += record + newline;
            line += record.split('\n').length;
          }
          const { fragment, problems } = readCsv('t.csv', text, { kind: 'calendar', delimiter });
          expect(problems).toEqual([]);
          const items = (fragment?.value as { calendar: Array<Record<string, string>> }).calendar;
          expect(items).toHaveLength(kept.length);
          items.forEach((item, index) => {
            headers.forEach((header, column) => {
              const cell = kept[index]![column]!.trim();
              expect(item[header]).toBe(cell === '' ? undefined : cell);
              if (cell !== '') expect(fragment?.positions.get(`/calendar/${index}/${header}`)?.value.line).toBe(startLines[index]! + (kept[index]!.slice(0, column).map(quote).join(delimiter).split('\n').length - 1));
            });
            expect(fragment?.positions.get(`/calendar/${index}`)?.value.line).toBe(startLines[index]);
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('readCsv reads any mix of CRLF, LF and CR line ends as it reads LF: the same rows, problems and positions', () => {
    // Lines with quotes anywhere: well-formed rows, stray quotes, quoted fields over several lines and unclosed quotes.
    const line = fc.string({ unit: fc.constantFrom('a', 'é', '中', ' ', ',', '"', '""'), maxLength: 12 });
    const lineEnd = fc.constantFrom('\n', '\r\n', '\r');
    const unifyLineEnds = (item: Record<string, string>) => Object.fromEntries(Object.entries(item).map(([key, value]) => [key, value.replace(/\r\n?/g, '\n')]));
    fc.assert(
      fc.property(fc.array(fc.tuple(line, lineEnd), { maxLength: 10 }), (lines) => {
        const header = 'date,segment,template';
        const lf = [header, ...lines.map(([text]) => text)].join('\n');
        let mixed = header;
        for (const [text, chosen] of lines) {
          // A CR, then an empty line ended by an LF, would be one CRLF: end that empty line with a CR instead.
          mixed += (mixed.endsWith('\r') && chosen.startsWith('\n') ? '\r' : chosen) + text;
        }
        const expected = readCsv('t.csv', lf, { kind: 'calendar' });
        const actual = readCsv('t.csv', mixed, { kind: 'calendar' });
        expect(actual.problems).toEqual(expected.problems);
        expect(actual.fragment?.positions).toEqual(expected.fragment?.positions);
        const rows = (result: typeof actual) => (result.fragment?.value as { calendar: Array<Record<string, string>> } | undefined)?.calendar.map(unifyLineEnds);
        expect(rows(actual)).toEqual(rows(expected));
      }),
      { numRuns: 500 },
    );
  });

  it('readYaml and readCsv never throw on arbitrary text', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ unit: 'grapheme', maxLength: 100 }),
      fc.string({ unit: 'binary', maxLength: 100 }),
      fc.string({ unit: fc.constantFrom('[', ']', '{', '}', '-', ' ', '\n', ':', '&a', '*a', '"', "'", ',', ';', '#', '?', '|', '>', '!', '%', '\t', 'x'), maxLength: 200 }),
    );
    fc.assert(
      fc.property(text, fc.constantFrom<'calendar' | 'segments' | 'templates'>('calendar', 'segments', 'templates'), (input, kind) => {
        const yaml = readYaml('f.yaml', input);
        expect(Array.isArray(yaml.problems)).toBe(true);
        const csv = readCsv('f.csv', input, { kind });
        expect(Array.isArray(csv.problems)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
