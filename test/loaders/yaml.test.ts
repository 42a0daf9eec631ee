import { describe, expect, it } from 'vitest';
import type { NodePosition } from '../../src/loaders/fragment.js';
import { MAX_DEPTH, MAX_NODES, readYaml } from '../../src/loaders/yaml.js';

const F = 'plan.yaml';
const at = (line: number, column: number, endLine = line, endColumn = column) => ({ file: F, line, column, endLine, endColumn });
const problem = (message: string, location: ReturnType<typeof at>) => ({ rule: 'invalid-input', message, location, ids: [message] });
/** A node's key and value locations as plain data (positions make them when asked). */
const placed = (position: NodePosition | undefined) => position && { ...(position.key ? { key: position.key } : {}), value: position.value };

describe('readYaml: values and positions', () => {
  const text = 'calendar:\n  - date: 2026-07-10\n    template: welcome\n';

  it('reads a plan into plain data with no problem', () => {
    const { fragments, problems } = readYaml(F, text);
    expect(problems).toEqual([]);
    expect(fragments).toHaveLength(1);
    expect(fragments[0]).toMatchObject({ file: F, format: 'plan' });
    expect(fragments[0]?.value).toEqual({ calendar: [{ date: '2026-07-10', template: 'welcome' }] });
  });

  it('keeps the position of every mapping value and key, by JSON pointer', () => {
    const positions = readYaml(F, text).fragments[0]!.positions;
    expect(placed(positions.get('/calendar/0/date'))).toEqual({ key: at(2, 5, 2, 9), value: at(2, 11, 2, 21) });
    expect(placed(positions.get('/calendar/0/template'))).toEqual({ key: at(3, 5, 3, 13), value: at(3, 15, 3, 22) });
    expect(placed(positions.get('/calendar/0'))).toEqual({ value: at(2, 5, 4, 1) });
    expect(positions.get('/calendar')?.key).toEqual(at(1, 1, 1, 9));
    expect(positions.get('')?.value.line).toBe(1);
  });

  it.each([
    ['CR-only (old Mac editors, Excel)', '\r'],
    ['CRLF', '\r\n'],
  ])('reads %s line ends as LF: the same data, the same positions', (_, end) => {
    const { fragments, problems } = readYaml(F, text.replace(/\n/g, end));
    expect(problems).toEqual([]);
    expect(fragments[0]?.value).toEqual({ calendar: [{ date: '2026-07-10', template: 'welcome' }] });
    expect(placed(fragments[0]!.positions.get('/calendar/0/template'))).toEqual({ key: at(3, 5, 3, 13), value: at(3, 15, 3, 22) });
  });

  it('escapes / and ~ in keys of pointers', () => {
    const positions = readYaml(F, 'a/b:\n  c~d: 1\n').fragments[0]!.positions;
    expect(placed(positions.get('/a~1b/c~0d'))).toEqual({ key: at(2, 3, 2, 6), value: at(2, 8, 2, 9) });
  });

  it('gives one fragment per document of a multi-document stream, with the lines of that document', () => {
    const { fragments, problems } = readYaml(F, 'segments:\n  - id: a\n---\n# second\ntemplates:\n  - id: t\n');
    expect(problems).toEqual([]);
    expect(fragments.map((fragment) => fragment.value)).toEqual([{ segments: [{ id: 'a' }] }, { templates: [{ id: 't' }] }]);
    expect(fragments[0]?.positions.get('/segments/0/id')?.value).toEqual(at(2, 9, 2, 10));
    expect(fragments[1]?.positions.get('/templates')?.key).toEqual(at(5, 1, 5, 10));
    expect(fragments[1]?.positions.get('/templates/0/id')?.value).toEqual(at(6, 9, 6, 10));
  });

  it('skips empty documents of a stream', () => {
    const { fragments, problems } = readYaml(F, '---\n---\na: 1\n');
    expect(problems).toEqual([]);
    expect(fragments.map((fragment) => fragment.value)).toEqual([{ a: 1 }]);
    expect(fragments[0]?.positions.get('/a')?.key).toEqual(at(3, 1, 3, 2));
  });

  it('keeps a document that is an explicit null (it is not a plan, and validation says so)', () => {
    const { fragments, problems } = readYaml(F, '--- null\n');
    expect(problems).toEqual([]);
    expect(fragments.map((fragment) => fragment.value)).toEqual([null]);
  });

  it.each(['', '\n\n', '# only a comment\n', '---\n', '--- # nothing\n...\n'])('reads an empty file %j as no fragment and no problem', (empty) => {
    expect(readYaml(F, empty)).toEqual({ fragments: [], problems: [], directives: [] });
  });

  it('reads JSON with the same reader, positions counting a tab as one column', () => {
    const json = '{\n\t"calendar": [\n\t\t{"date": "2026-01-01", "template": "t"}\n\t]\n}\n';
    const { fragments, problems } = readYaml('plan.json', json);
    expect(problems).toEqual([]);
    expect(fragments[0]?.value).toEqual({ calendar: [{ date: '2026-01-01', template: 't' }] });
    const pos = (line: number, column: number, endLine: number, endColumn: number) => ({ file: 'plan.json', line, column, endLine, endColumn });
    expect(fragments[0]?.positions.get('/calendar')?.key).toEqual(pos(2, 2, 2, 12));
    expect(fragments[0]?.positions.get('/calendar/0')?.value).toEqual(pos(3, 3, 3, 42));
    expect(placed(fragments[0]?.positions.get('/calendar/0/date'))).toEqual({ key: pos(3, 4, 3, 10), value: pos(3, 12, 3, 24) });
    expect(placed(fragments[0]?.positions.get('/calendar/0/template'))).toEqual({ key: pos(3, 26, 3, 36), value: pos(3, 38, 3, 41) });
  });

  it('gives objects without a prototype', () => {
    const value = readYaml(F, 'a: {b: 1}\n').fragments[0]!.value as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBeNull();
    expect(Object.getPrototypeOf(value.a)).toBeNull();
  });
});

describe('readYaml: bad input', () => {
  it('reports a syntax error at its position and gives no fragment for that document', () => {
    expect(readYaml(F, 'a: [1, 2\nb: 3\n')).toEqual({
      directives: [],
      fragments: [],
      problems: [problem('YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]', at(2, 1, 2, 2))],
    });
  });

  it('reports tab indentation as a syntax error at the tab', () => {
    expect(readYaml(F, 'a:\n\tb: 1\n')).toEqual({
      directives: [],
      fragments: [],
      problems: [problem('YAML syntax error: Tabs are not allowed as indentation', at(2, 1, 2, 2))],
    });
  });

  it('a syntax error in one document leaves the other documents readable', () => {
    const { fragments, problems } = readYaml(F, 'a: 1\n---\nb: [\n---\nc: 3\n');
    expect(fragments.map((fragment) => fragment.value)).toEqual([{ a: 1 }, { c: 3 }]);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toMatch(/^YAML syntax error: /);
    expect(problems[0]?.location.line).toBeGreaterThanOrEqual(3);
    expect(problems[0]?.location.line).toBeLessThanOrEqual(4);
  });

  it('reports a duplicate key at the second key, still reads the document and keeps the first value', () => {
    const { fragments, problems } = readYaml(F, 'segments:\n  - id: a\n    name: First\n    name: Second\n    timezone: UTC\n');
    expect(problems).toEqual([problem('duplicate key: each key may appear only once in a mapping', at(4, 5, 4, 6))]);
    expect(fragments[0]?.value).toEqual({ segments: [{ id: 'a', name: 'First', timezone: 'UTC' }] });
    expect(fragments[0]?.positions.get('/segments/0/name')?.value).toEqual(at(3, 11, 3, 16));
  });

  it('stops a "billion laughs" alias bomb with one "too many values" problem', () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i += 1) {
      const name = String.fromCharCode(97 + i);
      const previous = String.fromCharCode(96 + i);
      lines.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
    }
    const { fragments, problems } = readYaml(F, `${lines.join('\n')}\n`);
    expect(fragments).toEqual([]);
    // Reported at the alias whose expansion goes past the limit: `f` (line 6) already reaches 9^5 values per `*e`,
    // so its second `*e` is the one.
    expect(problems).toEqual([problem(`too many values: aliases expand past ${MAX_NODES} nodes`, at(6, 11, 6, 13))]);
  });

  it('reads aliases that stay within the limit as copies of their anchor', () => {
    const { fragments, problems } = readYaml(F, 'base: &b {channel: email}\nother: *b\n');
    expect(problems).toEqual([]);
    expect(fragments[0]?.value).toEqual({ base: { channel: 'email' }, other: { channel: 'email' } });
    expect(fragments[0]?.positions.get('/other')?.value).toEqual(at(2, 8, 2, 10));
  });

  it('rejects a self-referencing alias a: &a [*a] instead of building a circular object', () => {
    expect(readYaml(F, 'a: &a [*a]\n')).toEqual({ fragments: [], problems: [problem('alias *a contains itself', at(1, 8, 1, 10))], directives: [] });
  });

  it('reports an unknown alias', () => {
    expect(readYaml(F, 'a: *nope\n')).toEqual({ fragments: [], problems: [problem('unknown alias *nope', at(1, 4, 1, 9))], directives: [] });
  });

  it('rejects a mapping used as a key', () => {
    expect(readYaml(F, '? [a]\n: 1\n')).toEqual({ fragments: [], problems: [problem('a mapping key must be plain text', at(1, 3, 1, 6))], directives: [] });
  });

  it('rejects deep flow nesting with one problem at the first collection too deep and no crash, twice in the same process', () => {
    for (let run = 0; run < 2; run += 1) {
      for (const depth of [1000, 300_000]) {
        expect(readYaml(F, '['.repeat(depth))).toEqual({ fragments: [], problems: [problem(`nested more than ${MAX_DEPTH} levels deep`, at(1, MAX_DEPTH + 1))], directives: [] });
      }
    }
    // `a:` is a mapping: the 64th `{` is the 65th level.
    expect(readYaml(F, `a: ${'{x: '.repeat(1000)}`)).toEqual({ fragments: [], problems: [problem(`nested more than ${MAX_DEPTH} levels deep`, at(1, 4 + 4 * (MAX_DEPTH - 1)))], directives: [] });
  });

  it('rejects deep block nesting with one problem at the first collection too deep, several times in the same process', () => {
    // Composing 1000 nested "- " recurses deep inside yaml and can abort Node; it must be refused before that.
    for (let run = 0; run < 3; run += 1) {
      expect(readYaml(F, `${'- '.repeat(1000)}x\n`)).toEqual({
        directives: [],
        fragments: [],
        problems: [problem(`nested more than ${MAX_DEPTH} levels deep`, at(1, 2 * MAX_DEPTH + 1))],
      });
    }
    const mapping = Array.from({ length: 2000 }, (_, i) => `${' '.repeat(2 * i)}k:`).join('\n') + ' v\n';
    expect(readYaml(F, mapping)).toEqual({
      directives: [],
      fragments: [],
      problems: [problem(`nested more than ${MAX_DEPTH} levels deep`, at(MAX_DEPTH + 1, 2 * MAX_DEPTH + 1))],
    });
  });

  it(`reads nesting of exactly ${MAX_DEPTH} levels, and refuses one more`, () => {
    const ok = readYaml(F, `${'- '.repeat(MAX_DEPTH)}x\n`);
    expect(ok.problems).toEqual([]);
    let value = ok.fragments[0]?.value;
    for (let level = 0; level < MAX_DEPTH; level += 1) value = (value as unknown[])[0];
    expect(value).toBe('x');
    expect(readYaml(F, `${'- '.repeat(MAX_DEPTH + 1)}x\n`).problems).toHaveLength(1);
    expect(readYaml(F, `${'['.repeat(MAX_DEPTH + 1)}${']'.repeat(MAX_DEPTH + 1)}`).problems).toHaveLength(1);
  });

  it('reads __proto__ and constructor keys as plain data, without prototype pollution', () => {
    const { fragments, problems } = readYaml(F, '__proto__: {polluted: yes}\nconstructor:\n  prototype: {polluted: yes}\nsegments:\n  - __proto__: {polluted: yes}\n');
    expect(problems).toEqual([]);
    const value = fragments[0]?.value as Record<string, unknown>;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(value)).toBeNull();
    expect(Object.hasOwn(value, '__proto__')).toBe(true);
    expect(Object.hasOwn(value, 'constructor')).toBe(true);
    expect(Object.getOwnPropertyDescriptor(value, '__proto__')?.value).toEqual({ polluted: 'yes' });
    expect(Object.getOwnPropertyDescriptor(value, 'constructor')?.value).toEqual({ prototype: { polluted: 'yes' } });
    const segment = (value.segments as Array<Record<string, unknown>>)[0]!;
    expect(Object.keys(segment)).toEqual(['__proto__']);
    expect(fragments[0]?.positions.get('/__proto__')?.key).toEqual(at(1, 1, 1, 10));
  });

  it('keeps the core schema under a %YAML 1.1 directive: no merge keys, yes/on and 1:30 stay text', () => {
    const text = '%YAML 1.1\n---\nbase: &b {channel: email}\nsend:\n  <<: *b\n  suppressed: yes\n  active: on\n  off: no\n  time: 1:30\n  octal: 010\n';
    const { fragments, problems } = readYaml(F, text);
    expect(problems).toEqual([]);
    expect(fragments[0]?.value).toEqual({
      base: { channel: 'email' },
      send: { '<<': { channel: 'email' }, suppressed: 'yes', active: 'on', off: 'no', time: '1:30', octal: 10 },
    });
    expect(fragments[0]?.positions.get('/send/<<')?.key).toEqual(at(5, 3, 5, 5));
  });

  it('does not resolve YAML 1.1 tags such as !!timestamp or !!binary', () => {
    const { fragments, problems } = readYaml(F, 'a: !!timestamp 2001-12-14\nb: 2026-07-10\n');
    expect(problems).toEqual([]);
    expect(fragments[0]?.value).toEqual({ a: '2001-12-14', b: '2026-07-10' });
  });
});

describe('a large plan without aliases', () => {
  it('is read whole: only values reached through aliases count against MAX_NODES', () => {
    const rows = Array.from({ length: 60_000 }, (_, index) => `  - {id: r${index}, date: 2026-01-01, segment: s, template: t}`);
    const { fragments, problems } = readYaml('big.yaml', `calendar:\n${rows.join('\n')}\n`);
    expect(problems).toEqual([]);
    expect(((fragments[0]!.value as { calendar: unknown[] }).calendar).length).toBe(60_000);
  });
});
