import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { lint } from '../src/engine/lint.js';
import type { Finding } from '../src/findings/finding.js';
import { fencedBlocks } from './markdown-blocks.js';
import { tempFolder } from './temp-folders.js';

const REPO = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const PAGES = ['README.md', ...readdirSync(path.join(REPO, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`), ...readdirSync(path.join(REPO, 'docs', 'rules')).map((name) => `docs/rules/${name}`)];
const CONFIG_KEYS = new Set(['extends', 'timezone', 'defaultSendTime', 'horizonPadding', 'include', 'ignore', 'inputs', 'channels', 'intents', 'lifecycle', 'profile', 'rules', 'overrides']);
const PLAN = 'segments: [{id: vip, timezone: UTC}]\ntemplates: [{id: t, channel: email, intent: newsletter}]\ncalendar: [{date: 2026-03-02, segment: vip, template: t}]\n';

/** Every YAML block of the docs whose top level is a config's (and no plan section): `[page, line, text]`. */
function configSnippets(): Array<[string, number, string]> {
  const snippets: Array<[string, number, string]> = [];
  for (const page of PAGES) {
    for (const { text, line } of fencedBlocks(page, 'ya?ml')) {
      let value: unknown;
      try {
        value = parse(text);
      } catch {
        continue;
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) continue;
      const keys = Object.keys(value);
      if (!keys.some((key) => CONFIG_KEYS.has(key)) || keys.some((key) => !CONFIG_KEYS.has(key) && key !== '$schema')) continue;
      snippets.push([page, line, text]);
    }
  }
  return snippets;
}

describe('every config snippet in the docs is a config cxlint runs with', () => {
  const snippets = configSnippets();

  it('finds the snippets (the rule pages, formats.md)', () => {
    expect(snippets.length).toBeGreaterThanOrEqual(10);
  });

  for (const [page, line, text] of snippets) {
    it(`${page}:${line}`, async () => {
      // A snippet may extend a file of its own project: an empty config stands in for it.
      const extended = [(parse(text) as { extends?: string | string[] }).extends ?? []].flat().filter((name) => !name.startsWith('cxlint:'));
      const dir = tempFolder({ 'cxlint.config.yaml': text, 'plan.yaml': PLAN, ...Object.fromEntries(extended.map((base) => [base, '{}\n'])) });
      // Named, not searched for: a snippet's include need not match it.
      const result = await lint({ cwd: dir, paths: ['plan.yaml'] });
      // Overrides name the segments and campaigns of the plan the snippet was written for, not of this one: those
      // names are warnings in the config file (engine/config-references.ts); anything else about the input is a fault.
      const overrideNames = (finding: Finding): boolean => finding.rule === 'unknown-reference' && finding.severity === 'warning' && finding.location.file === 'cxlint.config.yaml';
      expect(result.findings.filter((finding) => finding.category === 'input' && !overrideNames(finding))).toEqual([]);
    });
  }
});
