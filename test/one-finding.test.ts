// One problem, one finding (SPEC 5), over every plan outside the rule tests: the examples and the test fixtures. The
// rule tests assert it on every plan they lint (test/rules/rule-tester.ts, test/rules/helpers.ts), the rule pages'
// examples included.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../src/engine/lint.js';
import { sharedPlaces } from './one-finding.js';

const folders = (root: string): string[] => readdirSync(root, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => path.join(root, entry.name)).sort();
const EXAMPLES = new URL('../examples/', import.meta.url).pathname;
const FIXTURES = new URL('./fixtures/', import.meta.url).pathname;

describe('no plan gives two findings of one rule at one place (location, related locations, at)', () => {
  for (const folder of [...folders(EXAMPLES), ...folders(path.join(FIXTURES, 'cli')), path.join(FIXTURES, 'loaders')]) {
    it(path.relative(path.dirname(EXAMPLES), folder), async () => {
      const { findings } = await lint({ cwd: folder, paths: ['.'] });
      expect(sharedPlaces(findings)).toEqual([]);
    });
  }

  it('sees two findings at one place, and none where places differ', () => {
    const finding = (line: number, message: string, at?: string, severity = 'error') =>
      ({ rule: 'r', severity, message, location: { file: 'f', line, column: 1, endLine: line, endColumn: 1 }, related: [], at }) as never;
    // A finding of another severity (an override) stands apart.
    const findings = [finding(1, 'a'), finding(1, 'b'), finding(2, 'c'), finding(1, 'd', '2026-01-01T00:00Z'), finding(1, 'e', undefined, 'warning')];
    expect(sharedPlaces(findings)).toEqual(['2 findings at r error f:1:1 [] : "a", "b"']);
  });
});
