import { describe, expect, it } from 'vitest';
import { findingsOf, lintFiles } from './helpers.js';

const lines = (...text: string[]): string => `${text.join('\n')}\n`;
const rule = 'expired-offer';

const segments = lines(
  'segments:',
  '  - id: shoppers',
  '    timezone: America/New_York',
  '    locales: [en-US]',
  '  - id: shoppers-ca',
  '    parent: shoppers',
  '    locales: [en-US, fr-CA]',
  '  - id: shoppers-ny',
  '    parent: shoppers',
);

const templates = lines(
  'templates:',
  '  - id: summer-sale',
  '    channel: email',
  '    intent: promotion',
  '    offer: {id: summer15, value: 15%, code: SUN15, valid_from: 2026-06-01, valid_until: 2026-08-31}',
  '  - id: evening-deal',
  '    channel: email',
  '    intent: promotion',
  '    offer: {id: evening, value: €20, valid_until: "2026-08-31T18:00"}',
  '  - id: undated',
  '    channel: email',
  '    intent: promotion',
  '    offer: {id: always, value: 5%}',
  '  - id: news',
  '    channel: email',
  '    intent: newsletter',
);

const plan = (...calendar: string[]): Record<string, string> => ({
  'segments.yaml': segments,
  'templates.yaml': templates,
  'calendar.yaml': lines('calendar:', ...calendar),
});

describe('expired-offer', () => {
  it('reports a send after the offer expired once, for every segment it is meant for', async () => {
    expect(await findingsOf(rule, plan('  - {id: sep-sale, date: 2026-09-01T00:00, segment: shoppers, template: summer-sale}'))).toEqual([
      {
        rule,
        file: 'calendar.yaml',
        line: 2,
        column: 5,
        severity: 'error',
        message: 'summer-sale (promotion, email) on 2026-09-01 00:00 EDT carries offer summer15 (15%), which expired after 2026-08-31 for segments shoppers, shoppers-ca, shoppers-ny',
        segments: ['shoppers', 'shoppers-ca', 'shoppers-ny'],
        at: '2026-09-01T00:00:00.000-04:00',
      },
    ]);
  });

  it('reports a send before the offer starts, pointing at valid_from', async () => {
    const findings = (await lintFiles(plan('  - {date: "2026-05-31T23:59", segment: shoppers-ny, template: summer-sale}'))).filter((f) => f.rule === rule);
    expect(findings.map((f) => [f.message, f.related, f.at])).toEqual([
      [
        'summer-sale (promotion, email) on 2026-05-31 23:59 EDT carries offer summer15 (15%), which is not valid before 2026-06-01 for segment shoppers-ny',
        [{ file: 'templates.yaml', line: 5, column: 64, message: 'offer summer15 valid_from 2026-06-01' }],
        '2026-05-31T23:59:00.000-04:00',
      ],
    ]);
  });

  it('accepts sends on the first and the last day of the offer (both included)', async () => {
    expect(
      await findingsOf(
        rule,
        plan(
          '  - {date: "2026-06-01T00:00", segment: shoppers, template: summer-sale}',
          '  - {date: "2026-08-31T23:59", segment: shoppers, template: summer-sale}',
          '  - {date: "2026-08-31T18:00", segment: shoppers, template: evening-deal}',
        ),
      ),
    ).toEqual([]);
  });

  it('reads a validity with a time as that instant', async () => {
    const found = await findingsOf(rule, plan('  - {date: "2026-08-31T18:01", segment: shoppers-ny, template: evening-deal}'));
    expect(found.map((f) => f.message)).toEqual(['evening-deal (promotion, email) on 2026-08-31 18:01 EDT carries offer evening (€20), which expired after 2026-08-31 18:00 for segment shoppers-ny']);
  });

  it("reads the validity dates in the send's own zone", async () => {
    // 08:00 in Tokyo on 1 September is still 31 August in New York: the send's zone decides.
    const found = await findingsOf(rule, plan('  - {date: "2026-09-01T08:00", timezone: Asia/Tokyo, segment: shoppers-ny, template: summer-sale}'));
    expect(found.map((f) => [f.message, f.at])).toEqual([
      [
        'summer-sale (promotion, email) on 2026-09-01 08:00 GMT+9 carries offer summer15 (15%), which expired after 2026-08-31 for segment shoppers-ny',
        // The instant in the send's own zone.
        '2026-09-01T08:00:00.000+09:00',
      ],
    ]);
  });

  it('does not report templates without an offer or without offer dates', async () => {
    expect(
      await findingsOf(rule, plan('  - {date: 2030-01-01, segment: shoppers, template: undated}', '  - {date: 2030-01-01, segment: shoppers, template: news}')),
    ).toEqual([]);
  });

  it('reports a recurring send once, at its first occurrence outside the validity', async () => {
    const found = await findingsOf(rule, plan('  - {date: 2026-08-17, repeat: "FREQ=WEEKLY;COUNT=5", segment: shoppers-ca, template: summer-sale}'));
    expect(found.map((f) => [f.message, f.at])).toEqual([
      [
        'summer-sale (promotion, email) on 2026-09-07 09:00 EDT (and 1 later occurrence) carries offer summer15 (15%), which expired after 2026-08-31 for segment shoppers-ca',
        // The first occurrence outside the validity, not the row's first (2026-08-17).
        '2026-09-07T09:00:00.000-04:00',
      ],
    ]);
  });

  it('checks journey sends', async () => {
    const journeys = lines(
      'journeys:',
      '  - id: autumn',
      '    entry: {segment: shoppers-ca, date: 2026-08-30}',
      '    steps:',
      '      - send: summer-sale',
      '      - wait: P2D',
      '      - send: summer-sale',
    );
    const found = await findingsOf(rule, { ...plan(), 'calendar.yaml': '', 'journeys.yaml': journeys });
    expect(found.map((f) => [f.file, f.line, f.message, f.at])).toEqual([
      [
        'journeys.yaml',
        7,
        'summer-sale (promotion, email) on 2026-09-01 09:00 EDT carries offer summer15 (15%), which expired after 2026-08-31 for segment shoppers-ca',
        // Two days after the entry date, at the default send time: a dated run, so an instant.
        '2026-09-01T09:00:00.000-04:00',
      ],
    ]);
  });

  it('follows the config: severity, and overrides by campaign', async () => {
    const config = lines('extends: cxlint:recommended', 'rules: {expired-offer: warning}', 'overrides:', '  - campaigns: [back-to-school]', '    rules: {expired-offer: error}');
    const found = await findingsOf(rule, {
      ...plan('  - {date: 2026-09-01, segment: shoppers-ny, template: summer-sale}', '  - {date: 2026-09-02, segment: shoppers-ny, template: summer-sale, campaign: back-to-school}'),
      'cxlint.config.yaml': config,
    });
    expect(found.map((f) => [f.line, f.severity])).toEqual([
      [2, 'warning'],
      [3, 'error'],
    ]);
  });
});
