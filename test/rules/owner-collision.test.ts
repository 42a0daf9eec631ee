import { describe, expect, it } from 'vitest';
import type { Brief } from './helpers.js';
import { findingsOf, lintFiles } from './helpers.js';
import { ruleTester } from './rule-tester.js';

const lines = (...text: string[]): string => `${text.join('\n')}\n`;
const rule = 'owner-collision';

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
  '  - {id: news, channel: email, intent: newsletter, owner: crm-team}',
  '  - {id: sale, channel: sms, intent: promotion, owner: agency-blue}',
  '  - {id: survey, channel: email, intent: survey}',
);

const plan = (...calendar: string[]): Record<string, string> => ({
  'segments.yaml': segments,
  'templates.yaml': templates,
  'calendar.yaml': lines('calendar:', ...calendar),
});

const row = (date: string, template: string, segment = 'vip', extra = ''): string => `  - {date: ${date}, segment: ${segment}, template: ${template}${extra}}`;

/** A finding at the later send, `at` its instant (UTC here). */
const finding = (line: number, message: string, segments: string[], at: string, file = 'calendar.yaml', column = 5): Brief => ({ rule, file, line, column, severity: 'warning', message, segments, at });

describe('owner-collision', () => {
  it('reports two owners messaging one segment within the gap, at the later send', async () => {
    const files = plan(row('2026-07-01T09:00', 'news'), row('2026-07-01T15:30', 'sale'));
    expect(await findingsOf(rule, files)).toEqual([
      finding(3, 'sale (promotion, sms) on 2026-07-01 15:30 UTC by agency-blue reaches segment vip 6h 30m after news (newsletter, email) on 2026-07-01 09:00 UTC by crm-team (owners need PT24H between messages)', ['vip'], '2026-07-01T15:30:00.000Z'),
    ]);
    const [full] = (await lintFiles(files)).filter((f) => f.rule === rule);
    expect(full!.related).toEqual([{ file: 'calendar.yaml', line: 2, column: 5, message: 'the message by crm-team: news (newsletter, email) on 2026-07-01 09:00 UTC' }]);
  });

  it('takes the owner of the send before its template’s, and ignores sends without an owner', async () => {
    expect(await findingsOf(rule, plan(row('2026-07-01', 'news'), row('2026-07-01T10:00', 'survey'), row('2026-07-01T11:00', 'news', 'vip', ', owner: dealer-42')))).toEqual([
      finding(4, 'news (newsletter, email) on 2026-07-01 11:00 UTC by dealer-42 reaches segment vip 2h after news (newsletter, email) on 2026-07-01 09:00 UTC by crm-team (owners need PT24H between messages)', ['vip'], '2026-07-01T11:00:00.000Z'),
    ]);
  });

  it('does not report one owner messaging twice, nor two owners exactly the gap apart', async () => {
    expect(await findingsOf(rule, plan(row('2026-07-01', 'news'), row('2026-07-01T10:00', 'news'), row('2026-07-02T10:00', 'sale')))).toEqual([]);
    expect(await findingsOf(rule, plan(row('2026-07-01T10:00', 'news'), row('2026-07-02T09:59', 'sale')))).toHaveLength(1);
  });

  it('reports one finding per colliding pair, pairing each send with the latest send of every other owner', async () => {
    expect(await findingsOf(rule, plan(row('2026-07-01T09:00', 'news'), row('2026-07-01T10:00', 'sale'), row('2026-07-01T11:00', 'news'), row('2026-07-01T12:00', 'sale', 'vip', ', owner: dealer-42')))).toEqual([
      finding(3, 'sale (promotion, sms) on 2026-07-01 10:00 UTC by agency-blue reaches segment vip 1h after news (newsletter, email) on 2026-07-01 09:00 UTC by crm-team (owners need PT24H between messages)', ['vip'], '2026-07-01T10:00:00.000Z'),
      finding(4, 'news (newsletter, email) on 2026-07-01 11:00 UTC by crm-team reaches segment vip 1h after sale (promotion, sms) on 2026-07-01 10:00 UTC by agency-blue (owners need PT24H between messages)', ['vip'], '2026-07-01T11:00:00.000Z'),
      finding(5, 'sale (promotion, sms) on 2026-07-01 12:00 UTC by dealer-42 reaches segment vip 1h after news (newsletter, email) on 2026-07-01 11:00 UTC by crm-team (owners need PT24H between messages)', ['vip'], '2026-07-01T12:00:00.000Z'),
      finding(5, 'sale (promotion, sms) on 2026-07-01 12:00 UTC by dealer-42 reaches segment vip 2h after sale (promotion, sms) on 2026-07-01 10:00 UTC by agency-blue (owners need PT24H between messages)', ['vip'], '2026-07-01T12:00:00.000Z'),
    ]);
  });

  it('across a clock change, says both the calendar gap and the hours that pass: 1d (23h) is within PT24H', async () => {
    const files = {
      'segments.yaml': lines('segments:', '  - {id: paris, timezone: Europe/Paris}'),
      'templates.yaml': templates,
      'calendar.yaml': lines('calendar:', row('2026-03-28T10:00', 'news', 'paris'), row('2026-03-29T10:00', 'sale', 'paris')),
    };
    expect(await findingsOf(rule, files)).toEqual([
      finding(3, 'sale (promotion, sms) on 2026-03-29 10:00 CEST by agency-blue reaches segment paris 1d (23h) after news (newsletter, email) on 2026-03-28 10:00 CET by crm-team (owners need PT24H between messages)', ['paris'], '2026-03-29T10:00:00.000+02:00'),
    ]);
  });

  it('puts the send read later first when both come at the same time', async () => {
    expect(await findingsOf(rule, plan(row('2026-07-01', 'sale'), row('2026-07-01', 'news')))).toEqual([
      finding(3, 'news (newsletter, email) on 2026-07-01 09:00 UTC by crm-team reaches segment vip at the same time as sale (promotion, sms) on 2026-07-01 09:00 UTC by agency-blue (owners need PT24H between messages)', ['vip'], '2026-07-01T09:00:00.000Z'),
    ]);
  });

  it('reports the same sends once, listing every segment they reach', async () => {
    expect(await findingsOf(rule, plan(row('2026-07-01', 'news', 'members'), row('2026-07-01T12:00', 'sale', 'members'), row('2026-08-20', 'survey', 'members-a'), row('2026-08-20', 'survey', 'members-b')))).toEqual([
      finding(3, 'sale (promotion, sms) on 2026-07-01 12:00 UTC by agency-blue reaches segments members, members-a, members-b 3h after news (newsletter, email) on 2026-07-01 09:00 UTC by crm-team (owners need PT24H between messages)', ['members', 'members-a', 'members-b'], '2026-07-01T12:00:00.000Z'),
    ]);
  });

  it('never pairs sends on mutually exclusive paths of one journey', async () => {
    const journey = lines(
      'journeys:',
      '  - id: onboarding',
      '    entry: {segment: signups, event: signup}',
      '    steps:',
      '      - branch:',
      '          - when: {event: clicked, within: PT2H}',
      '            next: keen',
      '          - otherwise: true',
      '            next: slow',
      '      - id: keen',
      '        send: news',
      '        next: done',
      '      - id: slow',
      '        send: sale',
      '      - id: done',
      '        exit: true',
    );
    expect(await findingsOf(rule, { ...plan(row('2026-07-01', 'survey')), 'journeys.yaml': journey })).toEqual([]);
    expect(await findingsOf(rule, { ...plan(row('2026-07-01T12:00', 'news', 'signups')), 'journeys.yaml': journey })).toEqual([
      finding(2, 'news (newsletter, email) on 2026-07-01 12:00 UTC by crm-team reaches segment signups 1h after sale (promotion, sms) on 2026-07-01 11:00 UTC by agency-blue (owners need PT24H between messages)', ['signups'], '2026-07-01T12:00:00.000Z'),
    ]);
  });

  describe('options', () => {
    it('takes minGap from the config, and an override for one segment', async () => {
      const calendar = [row('2026-07-01T09:00', 'news'), row('2026-07-01T20:00', 'sale'), row('2026-07-01T09:00', 'news', 'members'), row('2026-07-01T20:00', 'sale', 'members')];
      const config = lines('rules:', '  owner-collision: [warning, {minGap: PT12H}]', 'overrides:', '  - segments: [members]', '    rules: {owner-collision: [warning, {minGap: 6h}]}');
      expect(await findingsOf(rule, { ...plan(...calendar), 'cxlint.config.yaml': config })).toEqual([
        finding(3, 'sale (promotion, sms) on 2026-07-01 20:00 UTC by agency-blue reaches segment vip 11h after news (newsletter, email) on 2026-07-01 09:00 UTC by crm-team (owners need PT12H between messages)', ['vip'], '2026-07-01T20:00:00.000Z'),
      ]);
    });

    it('rejects options that are not in its schema', async () => {
      await expect(lintFiles({ ...plan(), 'cxlint.config.yaml': lines('rules:', '  owner-collision: [warning, {minGap: -PT1H}]') })).rejects.toThrow(/owner-collision/);
    });
  });
});

// Transactional messages (issue 13, item 7): a billing statement is no marketing pressure, so by default only marketing
// intents collide; `includeNonMarketing` counts every message.
const billing = (config?: string): Record<string, string> => ({
  'segments.yaml': lines('segments:', '  - {id: customers, timezone: UTC}'),
  'templates.yaml': lines(
    'templates:',
    '  - {id: statement, channel: email, intent: transactional, owner: billing-team}',
    '  - {id: welcome, channel: email, intent: welcome, owner: crm-team}',
    '  - {id: case-update, channel: sms, intent: service, owner: service-team}',
  ),
  'calendar.yaml': lines(
    'calendar:',
    '  - {date: 2026-07-01T09:00, segment: customers, template: statement}',
    '  - {date: 2026-07-01T10:00, segment: customers, template: welcome}',
    '  - {date: 2026-07-01T11:00, segment: customers, template: case-update}',
  ),
  ...(config ? { 'cxlint.config.yaml': config } : {}),
});

ruleTester(
  'owner-collision',
  {
    valid: [{ name: 'a billing statement and a service update do not collide with a welcome by another owner', files: billing() }],
    invalid: [
      {
        name: 'includeNonMarketing: every message counts, billing and service too',
        files: billing(lines('rules:', '  owner-collision: [warning, {includeNonMarketing: true}]')),
        findings: [
          {
            line: 3,
            column: 5,
            message: 'welcome (welcome, email) on 2026-07-01 10:00 UTC by crm-team reaches segment customers 1h after statement (transactional, email) on 2026-07-01 09:00 UTC by billing-team (owners need PT24H between messages)',
            segments: ['customers'],
            at: '2026-07-01T10:00:00.000Z',
          },
          {
            line: 4,
            column: 5,
            message: 'case-update (service, sms) on 2026-07-01 11:00 UTC by service-team reaches segment customers 1h after welcome (welcome, email) on 2026-07-01 10:00 UTC by crm-team (owners need PT24H between messages)',
            segments: ['customers'],
            at: '2026-07-01T11:00:00.000Z',
          },
          {
            line: 4,
            column: 5,
            message: 'case-update (service, sms) on 2026-07-01 11:00 UTC by service-team reaches segment customers 2h after statement (transactional, email) on 2026-07-01 09:00 UTC by billing-team (owners need PT24H between messages)',
            segments: ['customers'],
            at: '2026-07-01T11:00:00.000Z',
          },
        ],
      },
      {
        name: 'an override can count every message for one segment only',
        files: {
          ...billing(lines('overrides:', '  - segments: [customers]', '    rules: {owner-collision: [warning, {includeNonMarketing: true}]}')),
          'segments.yaml': lines('segments:', '  - {id: customers, timezone: UTC}', '  - {id: others, timezone: UTC}'),
          'calendar.yaml': lines(
            'calendar:',
            '  - {date: 2026-07-01T09:00, segments: [customers, others], template: statement}',
            '  - {date: 2026-07-01T10:00, segments: [customers, others], template: welcome}',
            '  - {date: 2026-07-01T11:00, segments: [customers, others], template: case-update}',
          ),
        },
        findings: [
          {
            line: 3,
            column: 5,
            message: 'welcome (welcome, email) on 2026-07-01 10:00 UTC by crm-team reaches segment customers 1h after statement (transactional, email) on 2026-07-01 09:00 UTC by billing-team (owners need PT24H between messages)',
            segments: ['customers'],
            at: '2026-07-01T10:00:00.000Z',
          },
          {
            line: 4,
            column: 5,
            message: 'case-update (service, sms) on 2026-07-01 11:00 UTC by service-team reaches segment customers 1h after welcome (welcome, email) on 2026-07-01 10:00 UTC by crm-team (owners need PT24H between messages)',
            segments: ['customers'],
            at: '2026-07-01T11:00:00.000Z',
          },
          {
            line: 4,
            column: 5,
            message: 'case-update (service, sms) on 2026-07-01 11:00 UTC by service-team reaches segment customers 2h after statement (transactional, email) on 2026-07-01 09:00 UTC by billing-team (owners need PT24H between messages)',
            segments: ['customers'],
            at: '2026-07-01T11:00:00.000Z',
          },
        ],
      },
    ],
  },
  { file: 'calendar.yaml', severity: 'warning' },
);
