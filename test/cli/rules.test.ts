import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RULES } from '../../src/rules/index.js';
import { REPO, cleanWorkspaces, cxlint, workspace } from './run.js';

afterAll(cleanWorkspaces);

describe('cxlint rules', () => {
  it('lists every registered rule as text: id, category, default severity, fixable, description and doc page', () => {
    const run = cxlint(['rules'], { cwd: workspace() });
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^rule +category +default +fixable +description +docs$/);
    expect(lines.slice(1).map((line) => line.split(/ +/)[0])).toEqual(RULES.map((rule) => rule.id));
    const docsColumn = lines[0]!.indexOf('docs');
    for (const line of lines.slice(1)) expect(line.indexOf('https://github.com/cxlint/cxlint/blob/main/docs/rules/')).toBe(docsColumn);
    for (const rule of RULES) {
      const line = lines.find((text) => text.startsWith(`${rule.id} `))!;
      expect(line.split(/ {2,}/)).toEqual([rule.id, rule.category, rule.defaultSeverity, 'no', rule.description, `https://github.com/cxlint/cxlint/blob/main/docs/rules/${rule.id}.md`]);
    }
  });

  it('prints a stable JSON array for tools', () => {
    const run = cxlint(['rules', '-f', 'json'], { cwd: workspace() });
    expect(run.status).toBe(0);
    const listing = JSON.parse(run.stdout) as Array<Record<string, unknown>>;
    expect(listing).toEqual(
      RULES.map((rule) => ({
        id: rule.id,
        category: rule.category,
        severity: rule.defaultSeverity,
        fixable: rule.fixable,
        description: rule.description,
        docs: `https://github.com/cxlint/cxlint/blob/main/docs/rules/${rule.id}.md`,
      })),
    );
    expect(listing.find((rule) => rule.id === 'unapproved-template')).toEqual({
      id: 'unapproved-template',
      category: 'content',
      severity: 'warning',
      fixable: false,
      description: 'A send of a template whose status is draft or review.',
      docs: 'https://github.com/cxlint/cxlint/blob/main/docs/rules/unapproved-template.md',
    });
    // The input rules are listed too, with doc pages of their own (test/rules/docs.test.ts checks the other rules' pages).
    for (const id of ['invalid-input', 'unknown-reference', 'duplicate-id']) {
      const rule = listing.find((listed) => listed.id === id)!;
      expect(rule).toMatchObject({ category: 'input', severity: 'error', docs: `https://github.com/cxlint/cxlint/blob/main/docs/rules/${id}.md` });
      expect(fs.existsSync(path.join(REPO, 'docs', 'rules', `${id}.md`)), id).toBe(true);
    }
  });

  it('rejects an unknown format as a usage error', () => {
    const run = cxlint(['rules', '-f', 'xml'], { cwd: workspace() });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('Unknown format "xml" (formats: text, json)');
  });
});
