// Rules about reach rather than time (SPEC 5, 6): a journey on its relative timeline (no date for its entry event)
// reaches its entry segment as surely as a dated calendar send does, so its messages meet the calendar's.
import { ruleTester } from './rule-tester.js';

const lines = (...text: string[]): string => `${text.join('\n')}\n`;

/** Segment a (no date for lease_end), templates cal and jny (lines 4–5), a calendar send of cal (line 6), a journey sending jny (line 7). */
const plan = (cal: string, jny: string): Record<string, string> => ({
  'plan.yaml': lines(
    'segments: [{id: a, timezone: Europe/London}]',
    'templates:',
    `  - {id: cal, channel: email, intent: service, ${cal}}`,
    `  - {id: jny, channel: email, intent: service, ${jny}}`,
    'calendar: [{date: 2026-05-01T10:00, segment: a, template: cal}]',
    'journeys: [{id: j, entry: {segment: a, event: lease_end, offset: -P30D}, steps: [{send: jny}]}]',
  ),
});

ruleTester(
  'conflicting-facts',
  {
    valid: [
      {
        name: 'a journey and the calendar that agree',
        files: plan('facts: {lease_end: "{{leasing.end_date}}"}', 'facts: {lease_end: "{{leasing.end_date}}"}'),
      },
    ],
    invalid: [
      {
        name: 'a journey on its relative timeline against a dated calendar send: the journey step, after its entry event',
        files: plan('facts: {lease_end: "{{leasing.end_date}}"}', 'facts: {lease_end: "{{dealer.lease_end}}"}'),
        findings: [
          {
            line: 6,
            column: 82,
            message: 'jny (email) states lease_end from {{dealer.lease_end}}, but cal (email) states it from {{leasing.end_date}}',
            segments: ['a'],
            after: { event: 'lease_end', offset: '-P30D' },
          },
        ],
      },
    ],
  },
  { file: 'plan.yaml', severity: 'error' },
);

ruleTester(
  'conflicting-offers',
  {
    valid: [
      {
        name: 'offers whose validities do not overlap never meet, whatever the journey’s date',
        files: plan('offer: {id: o, value: 10%, valid_until: 2026-05-31}', 'offer: {id: o, value: 15%, valid_from: 2026-06-01}'),
      },
    ],
    invalid: [
      {
        name: 'a journey on its relative timeline against a dated calendar send: overlapping validities suffice',
        files: plan('offer: {id: o, value: 10%}', 'offer: {id: o, value: 15%}'),
        findings: [
          {
            line: 6,
            column: 82,
            message: 'offer o is 15% in jny (email) but 10% in cal (email)',
            segments: ['a'],
            after: { event: 'lease_end', offset: '-P30D' },
          },
        ],
      },
    ],
  },
  { file: 'plan.yaml', severity: 'error' },
);
