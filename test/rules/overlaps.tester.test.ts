// Declared overlaps (SPEC 4.1, 5): a problem that exists only because some customers are in both segments is one
// finding about the customers in both, listing both segments; what is known of them is what both segments say.
import { ruleTester } from './rule-tester.js';

const lines = (...text: string[]): string => `${text.join('\n')}\n`;

/** Segments a (overlapping b, in zone `zoneA`) and b, with these extra fields; these templates (lines 5–7), and calendar rows from line 9 on. */
const plan = (templates: string[], calendar: string[], a = '', b = '', zoneA = 'UTC'): Record<string, string> => ({
  'plan.yaml': lines(
    'segments:',
    `  - {id: a, timezone: ${zoneA}, overlaps: [b]${a}}`,
    `  - {id: b, timezone: UTC${b}}`,
    'templates:',
    ...templates,
    ...Array.from({ length: 3 - templates.length }, () => '# (no template)'),
    'calendar:',
    ...calendar,
  ),
});

const row = (date: string, segment: string, template: string, extra = ''): string => `  - {date: ${date}, segment: ${segment}, template: ${template}${extra}}`;

ruleTester(
  'duplicate-message',
  {
    valid: [],
    invalid: [
      {
        name: 'two sends to b reach the customers in both, but are b’s own repeat: reported for b alone, not again through the overlap',
        files: plan(['  - {id: t, channel: email, intent: promotion}'], [row('2026-06-02T10:00', 'b', 't'), row('2026-06-05T10:00', 'b', 't')]),
        findings: [
          {
            line: 10,
            column: 5,
            message: 't (promotion, email) on 2026-06-05 10:00 UTC repeats the same template (email) sent to segment b on 2026-06-02 10:00 UTC, 3d earlier (window P7D)',
            segments: ['b'],
            at: '2026-06-05T10:00:00.000Z',
          },
        ],
      },
      {
        name: 'a repeat through the overlap is one finding for the customers in both',
        files: plan(['  - {id: t, channel: email, intent: promotion}'], [row('2026-06-02T10:00', 'a', 't'), row('2026-06-04T10:00', 'b', 't')]),
        findings: [
          {
            line: 10,
            column: 5,
            message: 't (promotion, email) on 2026-06-04 10:00 UTC to b repeats the same template (email) sent to a on 2026-06-02 10:00 UTC, 2d earlier (window P7D): the customers in both a and b get t twice',
            segments: ['a', 'b'],
            at: '2026-06-04T10:00:00.000Z',
          },
        ],
      },
      {
        name: 'a’s own repeat is a’s; the repeats through the overlap between are the customers in both',
        files: plan(['  - {id: t, channel: email, intent: promotion}'], [row('2026-06-01T10:00', 'a', 't'), row('2026-06-03T10:00', 'b', 't'), row('2026-06-05T10:00', 'a', 't')]),
        findings: [
          {
            line: 10,
            column: 5,
            message: 't (promotion, email) on 2026-06-03 10:00 UTC to b repeats the same template (email) sent to a on 2026-06-01 10:00 UTC, 2d earlier (window P7D): the customers in both a and b get t twice',
            segments: ['a', 'b'],
            at: '2026-06-03T10:00:00.000Z',
          },
          {
            line: 11,
            column: 5,
            message: 't (promotion, email) on 2026-06-05 10:00 UTC repeats the same template (email) sent to segment a on 2026-06-01 10:00 UTC, 4d earlier (window P7D)',
            segments: ['a'],
            at: '2026-06-05T10:00:00.000Z',
          },
          {
            line: 11,
            column: 5,
            message: 't (promotion, email) on 2026-06-05 10:00 UTC to a repeats the same template (email) sent to b on 2026-06-03 10:00 UTC, 2d earlier (window P7D): the customers in both a and b get t twice',
            segments: ['a', 'b'],
            at: '2026-06-05T10:00:00.000Z',
          },
        ],
      },
    ],
  },
  { file: 'plan.yaml', severity: 'error' },
);

ruleTester(
  'owner-collision',
  {
    valid: [],
    invalid: [
      {
        name: 'two owners through the overlap: one finding for the customers in both',
        files: plan(['  - {id: news, channel: email, intent: newsletter, owner: crm}', '  - {id: sale, channel: email, intent: promotion, owner: agency}'], [row('2026-06-02T10:00', 'a', 'news'), row('2026-06-02T18:00', 'b', 'sale')]),
        findings: [
          {
            line: 10,
            column: 5,
            message: 'sale (promotion, email) on 2026-06-02 18:00 UTC to b by agency reaches the customers in both a and b 8h after news (newsletter, email) on 2026-06-02 10:00 UTC to a by crm (owners need PT24H between messages)',
            segments: ['a', 'b'],
            at: '2026-06-02T18:00:00.000Z',
          },
        ],
      },
    ],
  },
  { file: 'plan.yaml', severity: 'warning' },
);

ruleTester(
  'frequency-cap',
  {
    valid: [],
    invalid: [
      {
        name: 'the sends to both segments count for the customers in both; a send already over on its own segment is reported there only',
        files: plan(
          ['  - {id: t1, channel: email, intent: promotion}', '  - {id: t2, channel: email, intent: newsletter}'],
          [row('2026-06-01T10:00', 'a', 't1'), row('2026-06-02T10:00', 'b', 't2'), row('2026-06-03T10:00', 'a', 't2'), row('2026-06-04T10:00', 'b', 't1'), row('2026-06-04T12:00', 'a', 't1', ', channel: email'), row('2026-06-04T14:00', 'a', 't2')],
        ),
        findings: [
          {
            line: 12,
            column: 5,
            message: 't1 (promotion, email) on 2026-06-04 10:00 UTC to b is the 4th marketing message to the customers in both a and b within 7 days, counting the sends to both (limit 3 per P7D)',
            segments: ['a', 'b'],
            at: '2026-06-04T10:00:00.000Z',
          },
          {
            line: 13,
            column: 5,
            message: 't1 (promotion, email) on 2026-06-04 12:00 UTC to a is the 5th marketing message to the customers in both a and b within 7 days, counting the sends to both (limit 3 per P7D)',
            segments: ['a', 'b'],
            at: '2026-06-04T12:00:00.000Z',
          },
          {
            line: 14,
            column: 5,
            message: 't2 (newsletter, email) on 2026-06-04 14:00 UTC is the 4th marketing message to segment a within 7 days (limit 3 per P7D)',
            segments: ['a'],
            at: '2026-06-04T14:00:00.000Z',
          },
        ],
      },
      {
        name: 'one delivery over a limit on its own segment and over another only for the customers in both: two findings, each worded for its customers',
        files: plan(
          ['  - {id: t1, channel: email, intent: promotion}', '  - {id: s1, channel: sms, intent: promotion}'],
          [row('2026-06-01T10:00', 'b', 't1'), row('2026-06-02T10:00', 'b', 't1'), row('2026-06-03T08:00', 'a', 's1'), row('2026-06-03T10:00', 'a', 's1')],
        ),
        findings: [
          {
            line: 12,
            column: 5,
            message: 's1 (promotion, sms) on 2026-06-03 10:00 UTC is the 2nd sms marketing message to segment a within 1 day (limit 1 sms per P1D)',
            segments: ['a'],
            at: '2026-06-03T10:00:00.000Z',
          },
          {
            line: 12,
            column: 5,
            message: 's1 (promotion, sms) on 2026-06-03 10:00 UTC to a is the 4th marketing message to the customers in both a and b within 7 days, counting the sends to both (limit 3 per P7D)',
            segments: ['a', 'b'],
            at: '2026-06-03T10:00:00.000Z',
          },
        ],
      },
    ],
  },
  { file: 'plan.yaml', severity: 'error' },
);

ruleTester(
  'conflicting-facts',
  {
    valid: [],
    invalid: [
      {
        name: 'two facts that meet only through the overlap: one finding for the customers in both',
        files: plan(
          ['  - {id: x, channel: email, intent: service, facts: {lease_end: "{{leasing.end_date}}"}}', '  - {id: y, channel: email, intent: service, facts: {lease_end: "{{dealer.lease_end}}"}}'],
          [row('2026-06-01T10:00', 'a', 'x'), row('2026-06-20T10:00', 'b', 'y')],
        ),
        findings: [
          {
            line: 10,
            column: 5,
            message: 'y (email) states lease_end from {{dealer.lease_end}}, but x (email) states it from {{leasing.end_date}}, for the customers in both a and b',
            segments: ['a', 'b'],
            at: '2026-06-20T10:00:00.000Z',
          },
        ],
      },
    ],
  },
  { file: 'plan.yaml', severity: 'error' },
);

ruleTester(
  'missing-locale',
  {
    valid: [
      {
        // The push to expats needs en-GB; the customers in both need only the locales both list (none here).
        name: 'the customers in both need only the locales both segments list',
        files: plan(['  - {id: p, channel: push, intent: service, content: {en-GB: {body: Hello}}}'], [row('2026-06-01T10:00', 'a', 'p')], ', locales: [en-GB]', ', locales: [fr-BE, nl-BE]'),
      },
    ],
    invalid: [
      {
        name: 'a locale both segments list is needed, and reported for the segment the template is sent to',
        files: plan(['  - {id: p, channel: push, intent: service, content: {en-GB: {body: Hello}}}'], [row('2026-06-01T10:00', 'a', 'p')], ', locales: [en-GB, fr-BE]', ', locales: [fr-BE, nl-BE]'),
        findings: [{ line: 5, column: 45, message: 'template p has no content for fr-BE, a locale of segment a', segments: ['a'] }],
      },
    ],
  },
  { file: 'plan.yaml', severity: 'error' },
);

ruleTester(
  'no-consent',
  {
    valid: [
      {
        name: 'consent of the customers in both is what either grants',
        files: plan(['  - {id: s, channel: sms, intent: promotion}'], [row('2026-06-01T10:00', 'b', 's')], ', consent: [email]', ', consent: [sms]'),
      },
    ],
    invalid: [],
  },
  { file: 'plan.yaml', severity: 'error' },
);

ruleTester(
  'quiet-hours',
  {
    valid: [
      {
        name: 'the zone of the customers in both is that of the segment the send is addressed to',
        files: plan(['  - {id: s, channel: sms, intent: service}'], [row('2026-06-01T14:00', 'b', 's')], '', '', 'Asia/Tokyo'),
      },
    ],
    invalid: [],
  },
  { file: 'plan.yaml', severity: 'warning' },
);

ruleTester(
  'state-conflict',
  {
    valid: [
      {
        name: 'the states of the customers in both are those of the segment the send is addressed to',
        files: plan(['  - {id: u, channel: email, intent: upsell, requires: {lease: active}}'], [row('2026-06-01T10:00', 'b', 'u')], ', states: {lease: ended}', ', states: {lease: active}'),
      },
    ],
    invalid: [],
  },
  { file: 'plan.yaml', severity: 'error' },
);
