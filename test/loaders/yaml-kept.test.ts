import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ParsedStore } from '../../src/loaders/yaml.js';
import { flushParsedYaml, keepParsedYaml, readYaml } from '../../src/loaders/yaml.js';
import * as parsing from '../../src/loaders/yaml-parse.js';

/** A store in memory, as the command line's is on disk (bin/cxlint.js). */
function memoryStore(id = 'build-1'): ParsedStore & { text: string | undefined; writes: number } {
  return {
    id,
    text: undefined,
    writes: 0,
    read() {
      return this.text;
    },
    write(text: string) {
      this.text = text;
      this.writes += 1;
    },
  };
}

/** One run of the command line: keep, read each file, flush; returns the results and how many texts were parsed. */
function run(store: ParsedStore, files: Record<string, string>) {
  const parse = vi.spyOn(parsing, 'parseYaml');
  keepParsedYaml(store);
  const results = Object.entries(files).map(([file, text]) => readYaml(file, text));
  flushParsedYaml();
  keepParsedYaml(undefined);
  const parsed = parse.mock.calls.length;
  parse.mockRestore();
  return { results, parsed };
}

afterEach(() => keepParsedYaml(undefined));

// What YAML can hold and JSON cannot say plainly: numbers JSON has no word for, keys that are an object's own, a
// string that looks like the tags of the kept form, aliases, a syntax error, a suppression comment.
const PLAN = `# cxlint-disable-next-line duplicate-id -- kept on purpose
segments:
  - &base {id: lessees, name: "Lessees", __proto__: x, constructor: y, facts: {nan: .nan, inf: .inf, minus: -.inf, zero: -0, n: ~}}
  - *base
  - [a, "o", ["n", NaN], 1.5e3]
---
templates: []
`;

describe('parsed YAML kept across runs (the command line, issue 14)', () => {
  it('gives what parsing gives, the second run without parsing', () => {
    const store = memoryStore();
    const files = { 'plan.yaml': PLAN, 'broken.yaml': 'templates: {id: [unclosed\n', 'ok.yaml': 'calendar:\n  - {id: a, date: 2026-06-01}\n' };
    const first = run(store, files);
    expect(first.parsed).toBe(3);
    expect(first.results.map((result) => [result.fragments.length, result.problems.length, result.directives.length])).toEqual([[2, 0, 1], [0, 2, 0], [1, 0, 0]]);
    const second = run(store, files);
    expect(second.parsed).toBe(0);
    expect(second.results).toEqual(first.results);
    expect(second.results).toEqual(Object.entries(files).map(([file, text]) => parsing.parseYaml(file, text)));
    // Objects without a prototype stay so (`__proto__` is a key like any), and -0 stays -0.
    const segment = (second.results[0]!.fragments[0]!.value as { segments: Array<Record<string, unknown>> }).segments[0]!;
    expect(Object.getPrototypeOf(segment)).toBe(null);
    expect(Object.keys(segment)).toEqual(['id', 'name', '__proto__', 'constructor', 'facts']);
    expect(Object.is((segment.facts as { zero: number }).zero, -0)).toBe(true);
    expect(store.writes).toBe(1);
  });

  it('parses a text that changed, a file of another name, and what another build kept', () => {
    const store = memoryStore();
    run(store, { 'a.yaml': 'segments: []\n' });
    expect(run(store, { 'a.yaml': 'segments: [x]\n' }).parsed).toBe(1);
    expect(run(store, { 'b.yaml': 'segments: [x]\n' }).parsed).toBe(1);
    expect(run({ ...memoryStore('build-2'), text: store.text }, { 'b.yaml': 'segments: [x]\n' }).parsed).toBe(1);
  });

  it('keeps only what the last run read, and nothing when it parsed nothing', () => {
    const store = memoryStore();
    run(store, { 'a.yaml': 'segments: []\n', 'b.yaml': 'templates: []\n' });
    run(store, { 'b.yaml': 'templates: []\n', 'c.yaml': 'calendar: []\n' });
    expect((JSON.parse(store.text!) as { entries: Array<{ file: string }> }).entries.map((entry) => entry.file)).toEqual(['b.yaml', 'c.yaml']);
    const writes = store.writes;
    run(store, { 'b.yaml': 'templates: []\n' });
    expect(store.writes).toBe(writes);
  });

  it('parses when what is kept cannot be read, and gives each run objects of its own', () => {
    const store = memoryStore();
    store.text = '{"id": "build-1", "entries": [{"file": "a.yaml", "text": "segments: []\\n", "fragments": 3}]}';
    expect(run(store, { 'a.yaml': 'segments: []\n' }).parsed).toBe(1);
    store.text = 'not JSON';
    expect(run(store, { 'a.yaml': 'segments: []\n' }).parsed).toBe(1);
    const [one] = run(store, { 'a.yaml': 'segments: [{id: x}]\n' }).results;
    const [two] = run(store, { 'a.yaml': 'segments: [{id: x}]\n' }).results;
    expect(two).toEqual(one);
    expect(two!.fragments[0]!.value).not.toBe(one!.fragments[0]!.value);
  });
});
