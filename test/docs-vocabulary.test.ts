import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { presetLayer } from '../src/config/load.js';
import { resolveConfig } from '../src/config/resolve.js';
import { PRESETS } from '../src/engine/presets.js';
import { vocabularyMarkdown } from '../src/reporters/vocabulary.js';
import { cleanWorkspaces, cxlint, workspace } from './cli/run.js';

const MARKER = '<!-- cxlint vocabulary --no-config -->\n\n';

describe('the vocabulary', () => {
  it('docs/vocabulary.md lists exactly the preset’s (regenerate its tables with `cxlint vocabulary --no-config`)', () => {
    const page = readFileSync(new URL('../docs/vocabulary.md', import.meta.url), 'utf8');
    const tables = page.slice(page.indexOf(MARKER) + MARKER.length);
    const preset = resolveConfig([presetLayer('cxlint:recommended', PRESETS)]).vocabulary;
    expect(tables).toBe([...vocabularyMarkdown(preset)].join(''));
  });

  it('`cxlint vocabulary` prints the config’s own words with the preset’s, escaped for Markdown', () => {
    const folder = workspace(undefined, { 'cxlint.config.yaml': 'channels:\n  "li|ne": {owned: false}\nlifecycle:\n  contract_end: {sets: {contract: ended}}\n' });
    const run = cxlint(['vocabulary'], { cwd: folder });
    cleanWorkspaces();
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('| li\\|ne | no |\n');
    expect(run.stdout).toContain('| contract_end | contract=ended |\n');
    expect(run.stdout).toContain('| email | yes |\n');
  });
});
