import { describe, expect, it } from 'vitest';
import { configChainFromText } from '../../src/config/load.js';
import { resolveConfig } from '../../src/config/resolve.js';
import { PRESETS } from '../../src/engine/presets.js';
import { usageErrorOf as usageError } from '../usage-error.js';

/** The config text resolved, as a config file found on disk is (with the positions of its nodes). */
const resolved = (...lines: string[]) => resolveConfig(configChainFromText('cxlint.config.yaml', [...lines, ''].join('\n'), PRESETS));

describe('inputs[].columns names fields of its kind', () => {
  it('a misspelt calendar field is a usage error at the key, with a did-you-mean', () => {
    const error = usageError(() => resolved('inputs:', '  - files: "exports/*.csv"', '    columns: {date: Envoi, templat: Message}'));
    expect(error.message).toBe('cxlint.config.yaml:3:28: unknown field "templat" in columns of a calendar mapping; did you mean "template"?');
  });

  it('every misspelt field of an entry is told, in one run', () => {
    const error = usageError(() => resolved('inputs:', '  - files: "exports/*.csv"', '    columns: {dat: Envoi, templat: Message}'));
    expect(error.message.split('\n')).toEqual([
      'cxlint.config.yaml:3:15: unknown field "dat" in columns of a calendar mapping; did you mean "date"?',
      'cxlint.config.yaml:3:27: unknown field "templat" in columns of a calendar mapping; did you mean "template"?',
    ]);
  });

  it('a calendar field is taken as written (the loader maps it as written): Template is no field', () => {
    const error = usageError(() => resolved('inputs:', '  - files: "exports/*.csv"', '    columns:', '      Template: Message'));
    expect(error.message).toBe('cxlint.config.yaml:4:7: unknown field "Template" in columns of a calendar mapping; did you mean "template"?');
  });

  it('a name like no field lists the fields', () => {
    const error = usageError(() => resolved('inputs:', '  - files: "x.csv"', '    columns: {budget: Cost}'));
    expect(error.message).toBe(
      'cxlint.config.yaml:3:15: unknown field "budget" in columns of a calendar mapping; the fields are date, time, timezone, segment, channel, template, campaign, owner, repeat, id',
    );
  });

  it('segments and templates: a field or a dotted path under one, named as the headers are (any case, spaces, _ or -)', () => {
    const ok = resolved(
      'inputs:',
      '  - {files: s.csv, kind: segments, columns: {states.lease: Bail, Time Zone: Fuseau, id: Code}}',
      '  - {files: t.csv, kind: templates, columns: {content.fr-FR.body: Texte, Expects Reply: R}}',
    );
    expect(ok.inputs.map((input) => input.columns)).toEqual([
      { 'states.lease': 'Bail', 'Time Zone': 'Fuseau', id: 'Code' },
      { 'content.fr-FR.body': 'Texte', 'Expects Reply': 'R' },
    ]);
    const error = usageError(() => resolved('inputs:', '  - {files: s.csv, kind: segments, columns: {stats.lease: Bail}}'));
    expect(error.message).toBe('cxlint.config.yaml:2:46: unknown field "stats.lease" in columns of a segments mapping; did you mean "states"?');
  });
});
