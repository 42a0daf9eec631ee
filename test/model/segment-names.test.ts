// Segments by their display names (issue 13, item 8; SPEC 4.1): a CSV cell that matches no segment id is read as the
// segment whose `name` or one of whose `aliases` it is exactly, with an info `unknown-reference` once per file and name;
// a name two segments share stays an error; the did-you-mean of a CSV cell looks at names too.
import { describe, expect, it } from 'vitest';
import { lintTexts } from '../../src/engine/lint.js';

const lines = (...text: string[]): string => `${text.join('\n')}\n`;

const segments = lines(
  'segments:',
  '  - {id: lumen-nl, name: Lumen Postpaid NL, aliases: [Postpaid NL, LumenNL], timezone: Europe/Amsterdam}',
  '  - {id: lumen-be, name: Lumen Postpaid BE, timezone: Europe/Brussels}',
  '  - {id: lumen-de-a, name: Lumen DE, timezone: Europe/Berlin}',
  '  - {id: lumen-de-b, aliases: [Lumen DE], timezone: Europe/Berlin}',
  'templates:',
  '  - {id: news, channel: email, intent: newsletter}',
  '  - {id: sale, channel: email, intent: promotion}',
);

/** Every finding of the given rules, briefly: rule, severity, where, message, segments. */
function findings(files: Record<string, string>, rules: string[]) {
  return lintTexts(files)
    .findings.filter((finding) => rules.includes(finding.rule))
    .map(({ rule, severity, location, message, segments }) => ({ rule, severity, at: `${location.file}:${location.line}:${location.column}`, message, segments }));
}

describe('segments named by display name in CSV exports', () => {
  it('reads a cell that is a name or an alias as that segment, saying so once per file and name', () => {
    const files = {
      'plan.yaml': segments,
      'mailchimp.csv': lines(
        'Send Date,Audience,Email Name',
        '2026-06-01 09:00,Lumen Postpaid NL,news',
        '2026-06-02 09:00,Lumen Postpaid NL,news',
        '2026-06-03 09:00,lumen-be;Postpaid NL,sale',
      ),
      'klaviyo.csv': lines('Send Date,List,Message', '2026-06-20 09:00,Lumen Postpaid NL,news'),
    };
    expect(findings(files, ['unknown-reference', 'invalid-input'])).toEqual([
      { rule: 'unknown-reference', severity: 'info', at: 'klaviyo.csv:2:18', message: 'segment "Lumen Postpaid NL" is the name of segment lumen-nl: read as lumen-nl', segments: [] },
      { rule: 'unknown-reference', severity: 'info', at: 'mailchimp.csv:2:18', message: 'segment "Lumen Postpaid NL" is the name of segment lumen-nl: read as lumen-nl', segments: [] },
      { rule: 'unknown-reference', severity: 'info', at: 'mailchimp.csv:4:18', message: 'segment "Postpaid NL" is an alias of segment lumen-nl: read as lumen-nl', segments: [] },
    ]);
    // The rows are on lumen-nl's timeline: the second news is a repeat of the first.
    expect(findings(files, ['duplicate-message']).map(({ at, segments: reached }) => ({ at, segments: reached }))).toEqual([{ at: 'mailchimp.csv:3:1', segments: ['lumen-nl'] }]);
  });

  it('keeps a name two segments share an unknown-reference, naming them', () => {
    const files = { 'plan.yaml': segments, 'export.csv': lines('Send Date,Audience,Email Name', '2026-06-01 09:00,Lumen DE,news') };
    expect(findings(files, ['unknown-reference'])).toEqual([
      {
        rule: 'unknown-reference',
        severity: 'error',
        at: 'export.csv:2:18',
        message: 'segment "Lumen DE" is no segment id, and is the name or alias of several segments (lumen-de-a, lumen-de-b): write the id of one',
        segments: [],
      },
    ]);
  });

  it('suggests a name for a misspelt one, and matches names exactly (case too)', () => {
    const files = { 'plan.yaml': segments, 'export.csv': lines('Send Date,Audience,Email Name', '2026-06-01 09:00,Lumen Postpaid NK,news', '2026-06-02 09:00,lumen postpaid nl,news') };
    expect(findings(files, ['unknown-reference'])).toEqual([
      { rule: 'unknown-reference', severity: 'error', at: 'export.csv:2:18', message: 'unknown segment "Lumen Postpaid NK"; did you mean "Lumen Postpaid NL"?', segments: [] },
      { rule: 'unknown-reference', severity: 'error', at: 'export.csv:3:18', message: 'unknown segment "lumen postpaid nl"; did you mean "Lumen Postpaid NL"?', segments: [] },
    ]);
  });

  it('reads names in CSV exports only: a plan file names segments by id, and its did-you-mean offers ids', () => {
    const files = { 'plan.yaml': segments, 'calendar.yaml': lines('calendar:', '  - {date: 2026-06-01, segment: LumenNL, template: news}') };
    expect(findings(files, ['unknown-reference'])).toEqual([
      { rule: 'unknown-reference', severity: 'error', at: 'calendar.yaml:2:33', message: 'unknown segment "LumenNL"; did you mean "lumen-nl"?', segments: [] },
    ]);
  });
});
