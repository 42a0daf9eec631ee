import { describe, expect, it } from 'vitest';
import type { Brief } from './helpers.js';
import { findingsOf, lintFiles } from './helpers.js';

const lines = (...text: string[]): string => `${text.join('\n')}\n`;
const rule = 'frequency-cap';

const segments = lines(
  'segments:',
  '  - id: members',
  '    timezone: UTC',
  '  - id: members-a',
  '    parent: members',
  '  - id: members-b',
  '    parent: members',
  '  - id: vip',
  '    timezone: UTC',
  '  - id: signups',
  '    timezone: UTC',
  '    events: {signup: 2026-07-01}',
);

const templates = lines(
  'templates:',
  '  - {id: promo, channel: email, intent: promotion}',
  '  - {id: promo-sms, channel: sms, intent: promotion}',
  '  - {id: receipt, channel: email, intent: transactional}',
  '  - {id: plain, channel: email}',
  '  - {id: survey, channel: email, intent: survey}',
);

const plan = (...calendar: string[]): Record<string, string> => ({
  'segments.yaml': segments,
  'templates.yaml': templates,
  'calendar.yaml': lines('calendar:', ...calendar),
});

/** One calendar row a day from 2026-07-01 (or at the given date-times). */
const row = (date: string, template = 'promo', segment = 'vip', extra = ''): string => `  - {date: ${date}, segment: ${segment}, template: ${template}${extra}}`;

/** A finding at the send that goes over the limit, `at` its instant (UTC here). */
const finding = (line: number, message: string, segments: string[], at: string, file = 'calendar.yaml', column = 5): Brief => ({ rule, file, line, column, severity: 'error', message, segments, at });

describe('frequency-cap', () => {
  it('reports the send that goes over the limit, with the earlier sends of its window as related', async () => {
    const files = plan(row('2026-07-01'), row('2026-07-02'), row('2026-07-03'), row('2026-07-04T08:00'));
    expect(await findingsOf(rule, files)).toEqual([
      finding(5, 'promo (promotion, email) on 2026-07-04 08:00 UTC is the 4th marketing message to segment vip within 7 days (limit 3 per P7D)', ['vip'], '2026-07-04T08:00:00.000Z'),
    ]);
    const [full] = (await lintFiles(files)).filter((f) => f.rule === rule);
    expect(full!.related).toEqual([
      { file: 'calendar.yaml', line: 2, column: 5, message: 'in the same P7D: promo (promotion, email) on 2026-07-01 09:00 UTC' },
      { file: 'calendar.yaml', line: 3, column: 5, message: 'in the same P7D: promo (promotion, email) on 2026-07-02 09:00 UTC' },
      { file: 'calendar.yaml', line: 4, column: 5, message: 'in the same P7D: promo (promotion, email) on 2026-07-03 09:00 UTC' },
    ]);
  });

  it('reports every further send over the limit as its own finding, counting the rolling window again for each', async () => {
    expect(await findingsOf(rule, plan(row('2026-07-01'), row('2026-07-02'), row('2026-07-03'), row('2026-07-04'), row('2026-07-05'), row('2026-07-09')))).toEqual([
      finding(5, 'promo (promotion, email) on 2026-07-04 09:00 UTC is the 4th marketing message to segment vip within 7 days (limit 3 per P7D)', ['vip'], '2026-07-04T09:00:00.000Z'),
      finding(6, 'promo (promotion, email) on 2026-07-05 09:00 UTC is the 5th marketing message to segment vip within 7 days (limit 3 per P7D)', ['vip'], '2026-07-05T09:00:00.000Z'),
      // 07-09: the window (07-02 09:00, 07-09 09:00] holds 07-03 … 07-05 and itself (07-02 is exactly 7 days before).
      finding(7, 'promo (promotion, email) on 2026-07-09 09:00 UTC is the 4th marketing message to segment vip within 7 days (limit 3 per P7D)', ['vip'], '2026-07-09T09:00:00.000Z'),
    ]);
  });

  it('does not count a send exactly one window earlier', async () => {
    expect(await findingsOf(rule, plan(row('2026-07-01'), row('2026-07-02'), row('2026-07-03'), row('2026-07-08')))).toEqual([]);
    expect(await findingsOf(rule, plan(row('2026-07-01T09:00'), row('2026-07-02'), row('2026-07-03'), row('2026-07-08T08:59')))).toHaveLength(1);
  });

  it('exempts intents that are not marketing, and counts templates without an intent', async () => {
    expect(await findingsOf(rule, plan(row('2026-07-01'), row('2026-07-02'), row('2026-07-03', 'receipt'), row('2026-07-04', 'survey'), row('2026-07-05', 'receipt')))).toEqual([]);
    expect(await findingsOf(rule, plan(row('2026-07-01'), row('2026-07-02'), row('2026-07-03', 'receipt'), row('2026-07-04', 'plain'), row('2026-07-05', 'plain')))).toEqual([
      finding(6, 'plain (email) on 2026-07-05 09:00 UTC is the 4th marketing message to segment vip within 7 days (limit 3 per P7D)', ['vip'], '2026-07-05T09:00:00.000Z'),
    ]);
  });

  it('caps sms at one a day, and not at exactly a day apart', async () => {
    expect(await findingsOf(rule, plan(row('2026-07-01T10:00', 'promo-sms'), row('2026-07-02T10:00', 'promo-sms'), row('2026-07-02T18:00', 'promo-sms')))).toEqual([
      finding(4, 'promo-sms (promotion, sms) on 2026-07-02 18:00 UTC is the 2nd sms marketing message to segment vip within 1 day (limit 1 sms per P1D)', ['vip'], '2026-07-02T18:00:00.000Z'),
    ]);
  });

  it('reports a delivery over two limits once, naming both, with the earlier sends of both windows', async () => {
    const files = plan(row('2026-07-01', 'promo'), row('2026-07-02', 'promo'), row('2026-07-03T08:00', 'promo-sms'), row('2026-07-03T10:00', 'promo-sms'));
    expect(await findingsOf(rule, files)).toEqual([
      finding(
        5,
        'promo-sms (promotion, sms) on 2026-07-03 10:00 UTC is the 4th marketing message to segment vip within 7 days (limit 3 per P7D), and the 2nd sms marketing message to segment vip within 1 day (limit 1 sms per P1D)',
        ['vip'],
        '2026-07-03T10:00:00.000Z',
      ),
    ]);
    const [full] = (await lintFiles(files)).filter((f) => f.rule === rule);
    // The first limit's sends, then the second limit's, each named for its window.
    expect(full!.related.map(({ line, message }) => [line, message])).toEqual([
      [2, 'in the same P7D: promo (promotion, email) on 2026-07-01 09:00 UTC'],
      [3, 'in the same P7D: promo (promotion, email) on 2026-07-02 09:00 UTC'],
      [4, 'in the same P7D: promo-sms (promotion, sms) on 2026-07-03 08:00 UTC'],
      [4, 'in the same P1D: promo-sms (promotion, sms) on 2026-07-03 08:00 UTC'],
    ]);
  });

  it('reports the same sends once, listing every segment they reach', async () => {
    const findings = await findingsOf(rule, plan(
      row('2026-07-01', 'promo', 'members'),
      row('2026-07-02', 'promo', 'members'),
      row('2026-07-03', 'promo', 'members'),
      row('2026-07-04', 'promo', 'members'),
      row('2026-08-20', 'receipt', 'members-a'),
      row('2026-08-20', 'receipt', 'members-b'),
    ));
    expect(findings).toEqual([
      finding(5, 'promo (promotion, email) on 2026-07-04 09:00 UTC is the 4th marketing message to segments members, members-a, members-b within 7 days (limit 3 per P7D)', ['members', 'members-a', 'members-b'], '2026-07-04T09:00:00.000Z'),
    ]);
  });

  it('counts sends to the parent and one to the child for the child only', async () => {
    expect(await findingsOf(rule, plan(row('2026-07-01', 'promo', 'members'), row('2026-07-02', 'promo', 'members'), row('2026-07-03', 'promo', 'members'), row('2026-07-04', 'promo', 'members-a')))).toEqual([
      finding(5, 'promo (promotion, email) on 2026-07-04 09:00 UTC is the 4th marketing message to segment members-a within 7 days (limit 3 per P7D)', ['members-a'], '2026-07-04T09:00:00.000Z'),
    ]);
  });

  describe('journeys', () => {
    const journey = lines(
      'journeys:',
      '  - id: onboarding',
      '    entry: {segment: signups, event: signup}',
      '    steps:',
      '      - wait: PT1H',
      '      - branch:',
      '          - when: {event: clicked, within: P1D}',
      '            next: keen',
      '          - otherwise: true',
      '            next: slow',
      '      - id: keen',
      '        send: promo',
      '      - send: promo',
      '        next: done',
      '      - id: slow',
      '        send: promo',
      '      - send: promo',
      '      - id: done',
      '        exit: true',
    );

    it('counts a journey run as its busiest path, not as every path together', async () => {
      // 1 calendar send + the busiest path's 2 = 3: at the limit (all four journey sends together would be 5).
      expect(await findingsOf(rule, { ...plan(row('2026-07-01T08:00', 'promo', 'signups')), 'journeys.yaml': journey })).toEqual([]);
    });

    it('reports a send that goes over the limit on one path, with that path’s sends as related', async () => {
      const files = { ...plan(row('2026-07-01T08:00', 'promo', 'signups'), row('2026-07-01T09:30', 'promo', 'signups')), 'journeys.yaml': journey };
      expect(await findingsOf(rule, files)).toEqual([
        finding(13, 'promo (promotion, email) on 2026-07-01 10:00 UTC is the 4th marketing message to segment signups within 7 days (limit 3 per P7D)', ['signups'], '2026-07-01T10:00:00.000Z', 'journeys.yaml', 9),
        finding(17, 'promo (promotion, email) on 2026-07-02 10:00 UTC is the 4th marketing message to segment signups within 7 days (limit 3 per P7D)', ['signups'], '2026-07-02T10:00:00.000Z', 'journeys.yaml', 9),
      ]);
      const related = (await lintFiles(files)).filter((f) => f.rule === rule).map((f) => f.related.map((r) => r.line));
      expect(related).toEqual([
        [2, 3, 11],
        [2, 3, 15],
      ]);
    });
  });

  describe('options', () => {
    const five = [row('2026-07-01'), row('2026-07-02'), row('2026-07-03'), row('2026-07-04', 'receipt'), row('2026-07-05', 'receipt', 'members')];

    it('counts non-marketing intents with includeNonMarketing', async () => {
      const files = { ...plan(...five), 'cxlint.config.yaml': lines('rules:', '  frequency-cap: [error, {includeNonMarketing: true}]') };
      expect(await findingsOf(rule, files)).toEqual([
        finding(5, 'receipt (transactional, email) on 2026-07-04 09:00 UTC is the 4th message to segment vip within 7 days (limit 3 per P7D)', ['vip'], '2026-07-04T09:00:00.000Z'),
      ]);
    });

    it('takes the limits from the config, and an override for one segment', async () => {
      const calendar = [row('2026-07-01'), row('2026-07-02'), row('2026-07-01', 'promo', 'members'), row('2026-07-02', 'promo', 'members')];
      const config = lines(
        'rules:',
        '  frequency-cap: [error, {limits: [{max: 1, per: 2d}]}]',
        'overrides:',
        '  - segments: [vip]',
        '    rules: {frequency-cap: [warning, {limits: [{max: 2, per: P7D}]}]}',
      );
      expect(await findingsOf(rule, { ...plan(...calendar), 'cxlint.config.yaml': config })).toEqual([
        finding(5, 'promo (promotion, email) on 2026-07-02 09:00 UTC is the 2nd marketing message to segments members, members-a, members-b within 2 days (limit 1 per 2d)', ['members', 'members-a', 'members-b'], '2026-07-02T09:00:00.000Z'),
      ]);
    });

    it('judges a send by the limits of its campaign', async () => {
      const calendar = [row('2026-07-01'), row('2026-07-02'), row('2026-07-03'), row('2026-07-04', 'promo', 'vip', ', campaign: flash'), row('2026-07-05')];
      const config = lines('overrides:', '  - campaigns: [flash]', '    rules: {frequency-cap: [error, {limits: [{max: 4, per: P7D}]}]}');
      expect(await findingsOf(rule, { ...plan(...calendar), 'cxlint.config.yaml': config })).toEqual([
        finding(6, 'promo (promotion, email) on 2026-07-05 09:00 UTC is the 5th marketing message to segment vip within 7 days (limit 3 per P7D)', ['vip'], '2026-07-05T09:00:00.000Z'),
      ]);
    });

    it('a delivery over the cap in two segments lists each earlier send once', async () => {
      const files = {
        'plan.yaml': lines(
          'segments:',
          '  - {id: p, timezone: Europe/Paris}',
          '  - {id: vip, parent: p}',
          '  - {id: c, parent: p}',
          'templates:',
          '  - {id: e, channel: email, intent: promotion}',
          'calendar:',
          '  - {id: a, date: "2026-07-01T09:00", segment: p, template: e}',
          '  - {id: b, date: "2026-07-02T09:00", segment: p, template: e}',
          '  - {id: x, date: "2026-07-02T12:00", segment: c, template: e}',
          '  - {id: d, date: "2026-07-03T09:00", segment: p, template: e}',
        ),
        'cxlint.config.yaml': lines(
          'rules:',
          '  duplicate-message: off',
          '  frequency-cap: [error, {limits: [{max: 2, per: P7D}]}]',
          'overrides:',
          '  - segments: [vip]',
          '    rules: {frequency-cap: [error, {limits: [{max: 5, per: P7D}]}]}',
        ),
      };
      const last = (await lintFiles(files)).filter((f) => f.rule === rule).at(-1)!;
      expect(last.segments).toEqual(['c', 'p']);
      expect(last.related.map((r) => r.line)).toEqual([8, 9, 10]);
    });

    it('lists the latest ten earlier sends of a crowded window, and says how many more there are', async () => {
      const calendar = Array.from({ length: 13 }, (_, day) => row(`2026-07-${String(day + 1).padStart(2, '0')}`));
      const config = lines('rules:', '  frequency-cap: [error, {limits: [{max: 12, per: P30D}]}]');
      const [full, ...others] = (await lintFiles({ ...plan(...calendar), 'cxlint.config.yaml': config })).filter((f) => f.rule === rule);
      expect(others).toEqual([]);
      expect(full!.message).toBe('promo (promotion, email) on 2026-07-13 09:00 UTC is the 13th marketing message to segment vip within 30 days (limit 12 per P30D)');
      expect(full!.related.map((r) => [r.line, r.message])).toEqual([
        [4, '(and 2 earlier) in the same P30D: promo (promotion, email) on 2026-07-03 09:00 UTC'],
        ...[5, 6, 7, 8, 9, 10, 11, 12, 13].map((line) => [line, `in the same P30D: promo (promotion, email) on 2026-07-${String(line - 1).padStart(2, '0')} 09:00 UTC`]),
      ]);
    });

    it('rejects options that are not in its schema', async () => {
      await expect(lintFiles({ ...plan(), 'cxlint.config.yaml': lines('rules:', '  frequency-cap: [error, {limits: [{max: 3}]}]') })).rejects.toThrow(/frequency-cap/);
      await expect(lintFiles({ ...plan(), 'cxlint.config.yaml': lines('rules:', '  frequency-cap: [error, {limits: [{max: 3, per: P7D, intent: promotion}]}]') })).rejects.toThrow(/frequency-cap/);
    });
  });
});
