import { describe, expect, it } from 'vitest';
import type { Brief } from './helpers.js';
import { findingsOf } from './helpers.js';

const lines = (...text: string[]): string => `${text.join('\n')}\n`;
const rule = 'missing-locale';

const segments = lines(
  'segments:',
  '  - id: canada',
  '    timezone: America/Toronto',
  '    locales: [en-CA, fr-CA]',
  '  - {id: canada-vip, parent: canada, events: {signup: 2026-03-01}}',
  '  - id: quebec',
  '    timezone: America/Toronto',
  '    locales: [fr-CA]',
  '  - id: uk',
  '    timezone: Europe/London',
  '    locales: [en-GB]',
  '    overlaps: [switzerland]',
  '  - id: switzerland',
  '    timezone: Europe/Zurich',
  '    locales: [de-CH, fr-CH]',
  '  - id: nowhere',
  '    timezone: UTC',
  '  - {id: ireland, timezone: Europe/Dublin, locales: [en-IE]}',
);

// Line 2: upgrade (en-CA only); line 6: service (English and French); line 10: plain (no content).
const templates = lines(
  'templates:',
  '  - id: upgrade',
  '    channel: email',
  '    content:',
  '      en-CA: {subject: "Upgrade", body: "Save 15%."}',
  '  - id: service',
  '    channel: email',
  '    content:',
  '      en: {subject: "Service", body: "Book it."}',
  '      fr-CA: {subject: "Entretien", body: "Réservez."}',
  '  - id: plain',
  '    channel: email',
);

const plan = (...calendar: string[]): Record<string, string> => ({
  'segments.yaml': segments,
  'templates.yaml': templates,
  'calendar.yaml': lines('calendar:', ...calendar),
});

const finding = (line: number, message: string, segmentList: string[], severity = 'error', column = 5): Brief => ({
  rule,
  file: 'templates.yaml',
  line,
  column,
  severity,
  message,
  segments: segmentList,
});

describe('missing-locale', () => {
  it('reports a template without content for a locale of the segments it reaches, once, at its content', async () => {
    expect(await findingsOf(rule, plan('  - {date: 2026-03-02, segment: canada, template: upgrade}'))).toEqual([
      finding(4, 'template upgrade has no content for fr-CA, a locale of segments canada, canada-vip', ['canada', 'canada-vip']),
    ]);
  });

  it('gives one finding per template, naming each locale it lacks with the segments that read it', async () => {
    expect(await findingsOf(rule, plan('  - {date: 2026-03-02, segments: [canada, quebec, switzerland], template: upgrade}'))).toEqual([
      finding(
        4,
        'template upgrade has no content for de-CH (segment switzerland), fr-CA (segments canada, canada-vip, quebec), fr-CH (segment switzerland)',
        ['canada', 'canada-vip', 'quebec', 'switzerland'],
      ),
    ]);
    expect(await findingsOf(rule, plan('  - {date: 2026-03-02, segment: switzerland, template: upgrade}'))).toEqual([
      finding(4, 'template upgrade has no content for de-CH, fr-CH, locales of segment switzerland', ['switzerland']),
    ]);
  });

  it('accepts content for the language alone, and a segment that names a language alone (false-positive guard)', async () => {
    const files = plan('  - {date: 2026-03-02, segments: [canada, ireland], template: service}');
    expect(await findingsOf(rule, files)).toEqual([]);
    files['segments.yaml'] += lines('  - {id: france, timezone: Europe/Paris, locales: [fr]}');
    files['calendar.yaml'] += lines('  - {date: 2026-03-02, segment: france, template: upgrade}', '  - {date: 2026-03-03, segment: france, template: service}');
    expect(await findingsOf(rule, files)).toEqual([finding(4, 'template upgrade has no content for fr, a locale of segment france', ['france'])]);
  });

  it('does not check a template without content, one not sent, or a segment without locales', async () => {
    expect(await findingsOf(rule, plan('  - {date: 2026-03-02, segment: quebec, template: plain}', '  - {date: 2026-03-02, segment: nowhere, template: upgrade}'))).toEqual([]);
  });

  it('needs, through a declared overlap, only the locales both segments list (uk and switzerland have none in common)', async () => {
    expect(await findingsOf(rule, plan('  - {date: 2026-03-02, segment: uk, template: service}'))).toEqual([]);
  });

  it('reads the segments a journey reaches, on its relative timeline too', async () => {
    const files = {
      'segments.yaml': segments,
      'templates.yaml': templates,
      'journeys.yaml': lines('journeys:', '  - id: onboarding', '    entry: {segment: canada, event: signup}', '    steps:', '      - send: upgrade'),
    };
    expect(await findingsOf(rule, files)).toEqual([finding(4, 'template upgrade has no content for fr-CA, a locale of segments canada, canada-vip', ['canada', 'canada-vip'])]);
  });

  it('follows the config: off, or another severity for the segments an override names', async () => {
    const files = plan('  - {date: 2026-03-02, segments: [canada, quebec], template: upgrade}');
    expect(await findingsOf(rule, { ...files, 'cxlint.config.yaml': lines('rules:', '  missing-locale: off') })).toEqual([]);
    const override = lines('overrides:', '  - segments: [canada]', '    rules:', '      missing-locale: warning');
    expect(await findingsOf(rule, { ...files, 'cxlint.config.yaml': override })).toEqual([
      finding(4, 'template upgrade has no content for fr-CA, a locale of segments canada, canada-vip, quebec', ['canada', 'canada-vip', 'quebec'], 'warning'),
    ]);
  });
});
