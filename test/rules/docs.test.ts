import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHECKS, RULES } from '../../src/rules/index.js';
import { findingsOf, lintFiles } from './helpers.js';
import { run } from './rule-tester.js';

const docPath = (id: string): string => new URL(`../../docs/rules/${id}.md`, import.meta.url).pathname;

interface Example {
  files: Record<string, string>;
  expected: string[];
}

/**
 * Reads the "## Failing example" or "## Passing example" section of a rule's doc page: its ```yaml FILE fences are the
 * plan (and config), its ```text fence the expected findings, one `FILE:LINE:COL SEVERITY MESSAGE` per line.
 */
function example(markdown: string, heading: 'Failing example' | 'Passing example'): Example {
  const start = markdown.indexOf(`## ${heading}`);
  if (start === -1) throw new Error(`no "## ${heading}" section`);
  const end = markdown.indexOf('\n## ', start + 3);
  const section = markdown.slice(start, end === -1 ? undefined : end);
  const files: Record<string, string> = {};
  let expected: string[] = [];
  for (const match of section.matchAll(/```(\w+)(?: ([^\n]+))?\n([\s\S]*?)```/g)) {
    const [, language, name, body = ''] = match;
    if (language === 'text') expected = body.split('\n').filter((line) => line.trim() !== '');
    else if (name) files[name.trim()] = body;
  }
  return { files, expected };
}

describe('rule documentation', () => {
  it('every rule file in src/rules is registered', async () => {
    const folder = new URL('../../src/rules/', import.meta.url);
    const exported: string[] = [];
    for (const file of readdirSync(folder).filter((name) => name.endsWith('.ts'))) {
      const module = (await import(new URL(file, folder).href)) as Record<string, unknown>;
      for (const value of Object.values(module)) {
        if (value && typeof value === 'object' && 'id' in value && 'category' in value && 'defaultSeverity' in value) exported.push((value as { id: string }).id);
      }
    }
    expect(exported.sort()).toEqual(RULES.map((rule) => rule.id).sort());
  });

  it('every rule is registered once and has a doc page', () => {
    const ids = RULES.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of RULES) expect(existsSync(docPath(rule.id)), `docs/rules/${rule.id}.md`).toBe(true);
  });

  it('every rule page’s options table lists exactly the options of the rule’s schema', () => {
    for (const rule of RULES) {
      const markdown = readFileSync(docPath(rule.id), 'utf8');
      const start = markdown.indexOf('## Options');
      const section = start === -1 ? '' : markdown.slice(start, markdown.indexOf('\n## ', start + 3));
      const documented = [...section.matchAll(/^\| `([A-Za-z]+)` \|/gm)].map((match) => match[1]);
      const properties = Object.keys((rule.optionsSchema?.properties as Record<string, unknown> | undefined) ?? {});
      expect(documented, `docs/rules/${rule.id}.md`).toEqual(properties);
    }
  });

  for (const rule of CHECKS) {
    describe(rule.id, () => {
      const markdown = existsSync(docPath(rule.id)) ? readFileSync(docPath(rule.id), 'utf8') : '';

      it('fails its failing example with exactly the findings the page lists', async () => {
        const { files, expected } = example(markdown, 'Failing example');
        expect(expected.length).toBeGreaterThan(0);
        const findings = await findingsOf(rule.id, files);
        expect(findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.message}`)).toEqual(expected);
      });

      it('keeps the fingerprints of its failing example when every file moves down a line', () => {
        const { files } = example(markdown, 'Failing example');
        const before = run(rule.id, { name: 'failing example', files });
        const after = run(rule.id, { name: 'moved', files: Object.fromEntries(Object.entries(files).map(([name, text]) => [name, `# moved\n${text}`])) });
        expect(after.map((finding) => finding.location.line)).toEqual(before.map((finding) => finding.location.line + 1));
        expect(after.map((finding) => finding.fingerprint)).toEqual(before.map((finding) => finding.fingerprint));
      });

      it('passes its passing example, with every rule of the preset: a reader may copy it', async () => {
        const { files } = example(markdown, 'Passing example');
        expect(Object.keys(files).length).toBeGreaterThan(0);
        const findings = await lintFiles(files);
        expect(findings.map((f) => `${f.rule} ${f.location.file}:${f.location.line}:${f.location.column} ${f.message}`)).toEqual([]);
      });
    });
  }
});
