import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../src/engine/lint.js';

const EXAMPLES = new URL('../examples/', import.meta.url).pathname;

/** The rows of the README's "What cxlint should find" table: rule, file, and the line when the row names one. */
function expectedRows(readme: string): string[] {
  const section = readme.slice(readme.indexOf('## What cxlint should find'));
  return section
    .split('\n')
    .filter((line) => /^\| `[a-z-]+` \|/.test(line))
    .map((line) => {
      const [, rule = '', where = ''] = line.split('|').map((cell) => cell.trim());
      const file = /`([^`]+\.(?:ya?ml|json|csv|ics|xlsx))`/.exec(where)?.[1] ?? '?';
      const lineNumber = /\bline (\d+)/.exec(where)?.[1];
      return `${rule.replace(/`/g, '')} ${file}${lineNumber ? `:${lineNumber}` : ''}`;
    })
    .sort();
}

describe('the examples produce exactly the findings their READMEs describe', () => {
  for (const name of readdirSync(EXAMPLES).filter((entry) => !entry.includes('.')).sort()) {
    it(name, async () => {
      const dir = path.join(EXAMPLES, name);
      const rows = expectedRows(readFileSync(path.join(dir, 'README.md'), 'utf8'));
      const { findings } = await lint({ cwd: dir, paths: ['.'] });
      const found = findings
        .map((finding) => {
          const row = rows.find((candidate) => candidate.startsWith(`${finding.rule} ${finding.location.file}:`));
          return `${finding.rule} ${finding.location.file}${row ? `:${finding.location.line}` : ''}`;
        })
        .sort();
      expect(found).toEqual(rows);
    });
  }
});
