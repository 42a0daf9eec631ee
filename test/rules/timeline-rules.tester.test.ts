// owner-collision, frequency-cap and channel-parity where their own tests do not reach: relative journey runs (`after`),
// instants in a zone whose clocks change, overrides by campaign, and segments split by consent and suppression.
import { ruleTester } from './rule-tester.js';

const lines = (...text: string[]): string => `${text.join('\n')}\n`;

const segments = lines(
  'segments:',
  '  - {id: shoppers, timezone: America/New_York}',
  '  - {id: shoppers-ny, parent: shoppers}',
  '  - {id: china, timezone: Asia/Shanghai}',
  '  - {id: china-wechat, parent: china, consent: [wechat]}',
  '  - {id: china-optout, parent: china, suppressed: true}',
);

const templates = lines(
  'templates:',
  '  - {id: news, channel: email, intent: newsletter, owner: crm-team}',
  '  - {id: sale, channel: sms, intent: promotion, owner: agency-blue}',
  '  - {id: promo, channel: email, intent: promotion}',
  '  - {id: serum-wechat, channel: wechat, intent: promotion, campaign: serum}',
  '  - {id: serum-alibaba, channel: alibaba, intent: promotion, campaign: serum}',
  '  - {id: spring-wechat, channel: wechat, intent: promotion, campaign: spring}',
);

/** The plan with these calendar rows (line 2 on) and, when given, a journey with these steps for `entry`'s segment (no date for signup). */
const plan = (calendar: string[], journey?: { segment: string; steps: string[] }, config?: string): Record<string, string> => ({
  'segments.yaml': segments,
  'templates.yaml': templates,
  ...(calendar.length ? { 'calendar.yaml': lines('calendar:', ...calendar) } : {}),
  ...(journey ? { 'journeys.yaml': lines('journeys:', '  - id: welcome', `    entry: {segment: ${journey.segment}, event: signup}`, '    steps:', ...journey.steps) } : {}),
  ...(config ? { 'cxlint.config.yaml': config } : {}),
});

const row = (date: string, segment: string, template: string, extra = ''): string => `  - {date: ${date}, segment: ${segment}, template: ${template}${extra}}`;

ruleTester(
  'owner-collision',
  {
    valid: [
      {
        name: 'an override by campaign narrows the gap for the later send of that campaign',
        files: plan([row('2026-07-01T09:00', 'shoppers', 'news'), row('2026-07-01T12:00', 'shoppers', 'sale', ', campaign: flash')], undefined, lines('overrides:', '  - campaigns: [flash]', '    rules: {owner-collision: [warning, {minGap: PT1H}]}')),
      },
    ],
    invalid: [
      {
        name: 'two owners on a relative journey run: after the entry event, no date',
        files: plan([], { segment: 'shoppers', steps: ['      - send: news', '      - wait: PT2H', '      - send: sale'] }),
        findings: [
          {
            file: 'journeys.yaml',
            line: 7,
            column: 9,
            message: 'sale (promotion, sms) at signup+2h by agency-blue reaches segments shoppers, shoppers-ny 2h after news (newsletter, email) at signup by crm-team (owners need PT24H between messages)',
            segments: ['shoppers', 'shoppers-ny'],
            after: { event: 'signup', offset: 'PT2H' },
          },
        ],
      },
      {
        name: 'across the change to summer time: 22h 30m apart, at the later send in its own offset',
        files: plan([row('2026-03-07T20:00', 'shoppers', 'news'), row('2026-03-08T19:30', 'shoppers', 'sale')]),
        findings: [
          {
            line: 3,
            column: 5,
            message: 'sale (promotion, sms) on 2026-03-08 19:30 EDT by agency-blue reaches segments shoppers, shoppers-ny 22h 30m after news (newsletter, email) on 2026-03-07 20:00 EST by crm-team (owners need PT24H between messages)',
            segments: ['shoppers', 'shoppers-ny'],
            at: '2026-03-08T19:30:00.000-04:00',
          },
        ],
      },
    ],
  },
  { file: 'calendar.yaml', severity: 'warning' },
);

ruleTester(
  'frequency-cap',
  {
    valid: [
      {
        name: 'an override by campaign raises the limit for the sends of that campaign',
        files: plan(
          [row('2026-07-01', 'shoppers', 'promo'), row('2026-07-02', 'shoppers', 'promo'), row('2026-07-03', 'shoppers', 'promo'), row('2026-07-04', 'shoppers', 'promo', ', campaign: flash')],
          undefined,
          lines('overrides:', '  - campaigns: [flash]', '    rules: {frequency-cap: [error, {limits: [{max: 4, per: P7D}]}]}'),
        ),
      },
    ],
    invalid: [
      {
        name: 'a fourth promotion on a relative journey run: after the entry event, no date',
        files: plan([], { segment: 'shoppers', steps: ['      - send: promo', '      - wait: P1D', '      - send: promo', '      - wait: P1D', '      - send: promo', '      - wait: P1D', '      - send: promo'] }),
        findings: [
          {
            file: 'journeys.yaml',
            line: 11,
            column: 9,
            message: 'promo (promotion, email) at signup+3d is the 4th marketing message to segments shoppers, shoppers-ny within 7 days (limit 3 per P7D)',
            segments: ['shoppers', 'shoppers-ny'],
            after: { event: 'signup', offset: 'P3D' },
          },
        ],
      },
      {
        name: 'a second sms on the day summer time ends, at its instant in winter time',
        files: plan([row('2026-11-01T08:00', 'shoppers', 'sale'), row('2026-11-01T20:00', 'shoppers', 'sale')]),
        findings: [
          {
            line: 3,
            column: 5,
            message: 'sale (promotion, sms) on 2026-11-01 20:00 EST is the 2nd sms marketing message to segments shoppers, shoppers-ny within 1 day (limit 1 sms per P1D)',
            segments: ['shoppers', 'shoppers-ny'],
            at: '2026-11-01T20:00:00.000-05:00',
          },
        ],
      },
    ],
  },
  { file: 'calendar.yaml', severity: 'error' },
);

ruleTester(
  'channel-parity',
  {
    valid: [
      {
        name: 'an override by campaign widens the window for that campaign',
        files: plan(
          [row('2026-03-01T10:00', 'china', 'serum-wechat'), row('2026-03-09T10:00', 'china', 'serum-alibaba')],
          undefined,
          lines('rules:', '  channel-parity: [warning, {groups: [[wechat, alibaba]]}]', 'overrides:', '  - campaigns: [serum]', '    rules: {channel-parity: [warning, {window: P10D}]}'),
        ),
      },
    ],
    invalid: [
      {
        name: 'owed to every segment but the suppressed one; the segment that consented to wechat alone is owed nothing',
        files: plan([row('2026-03-12T10:00', 'china', 'spring-wechat')], undefined, lines('rules:', '  channel-parity: [warning, {groups: [[wechat, alibaba]]}]')),
        findings: [
          {
            line: 2,
            column: 5,
            message: 'campaign spring is on wechat (spring-wechat on 2026-03-12 10:00 GMT+8) but not on alibaba within P7D, for segment china',
            segments: ['china'],
            at: '2026-03-12T10:00:00.000+08:00',
          },
        ],
      },
      {
        name: 'on a relative journey run, split by consent: after the entry event, no date',
        files: plan([], { segment: 'china', steps: ['      - send: serum-wechat'] }, lines('rules:', '  channel-parity: [warning, {groups: [[wechat, alibaba]]}]')),
        findings: [
          {
            file: 'journeys.yaml',
            line: 5,
            column: 9,
            message: 'campaign serum is on wechat (serum-wechat on signup) but not on alibaba within P7D, for segment china',
            segments: ['china'],
            after: { event: 'signup', offset: 'P0D' },
          },
        ],
      },
    ],
  },
  { file: 'calendar.yaml', severity: 'warning' },
);
