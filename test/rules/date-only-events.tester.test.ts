// A date alone on an event is that whole local day (SPEC 3.4, issue 13 item 5): states change at its first instant, a
// deadline after it runs from its end, one before it back from its start. Both edges of each, for the rules that read
// dated events (state-conflict, missing-message); eventSpan in src/time/zoned.ts answers for both.
import { ruleTester } from './rule-tester.js';

const lines = (...text: string[]): string => `${text.join('\n')}\n`;

/** Segment `lessees` (Europe/Paris) with one dated event, the templates, and calendar rows from line 2 of calendar.yaml. */
const plan = (event: string, calendar: string[]): Record<string, string> => ({
  'segments.yaml': lines('segments:', '  - id: lessees', '    timezone: Europe/Paris', '    states: {lease: active}', '    events:', `      ${event}`),
  'templates.yaml': lines(
    'templates:',
    '  - {id: upgrade, channel: email, intent: upsell, requires: {lease: active}}',
    '  - {id: welcome, channel: email, intent: welcome}',
    '  - {id: options, channel: email, intent: lease_end}',
  ),
  'calendar.yaml': lines('calendar:', ...calendar),
});

const row = (date: string, template: string): string => `  - {date: ${date}, segment: lessees, template: ${template}}`;

ruleTester(
  'state-conflict',
  {
    valid: [{ name: 'an upsell at 23:59 on the day before a date-only lease end: the lease is still active', files: plan('lease_end: 2026-06-30', [row('2026-06-29T23:59', 'upgrade')]) }],
    invalid: [
      {
        name: 'an upsell at 10:00 on the lease-end day comes after the lease ended, and so does one at its first instant',
        files: plan('lease_end: 2026-06-30', [row('2026-06-30T10:00', 'upgrade'), row('2026-06-30T00:00', 'upgrade')]),
        findings: [
          {
            file: 'calendar.yaml',
            line: 2,
            column: 5,
            message: 'upgrade (upsell, email) on 2026-06-30 10:00 CEST requires lease=active, but lease=ended since 2026-06-30 for segment lessees',
            segments: ['lessees'],
            at: '2026-06-30T10:00:00.000+02:00',
          },
          {
            file: 'calendar.yaml',
            line: 3,
            column: 5,
            message: 'upgrade (upsell, email) on 2026-06-30 00:00 CEST requires lease=active, but lease=ended since 2026-06-30 for segment lessees',
            segments: ['lessees'],
            at: '2026-06-30T00:00:00.000+02:00',
          },
        ],
      },
    ],
  },
  { file: 'calendar.yaml', severity: 'error' },
);

ruleTester(
  'missing-message',
  {
    valid: [
      { name: 'a welcome at 23:00 the day after a date-only signup is in time (P1D runs from the end of the signup day)', files: plan('signup: 2026-06-01', [row('2026-06-02T23:00', 'welcome')]) },
      { name: 'a welcome at 00:00 two days after a date-only signup is still in time: the window includes its end', files: plan('signup: 2026-06-01', [row('2026-06-03T00:00', 'welcome')]) },
      { name: 'a welcome at 00:00 on the signup day is in time: the day starts there', files: plan('signup: 2026-06-01', [row('2026-06-01T00:00', 'welcome')]) },
      {
        name: 'before a date-only event: from its start minus the window to its end',
        files: {
          ...plan('lease_end: 2026-06-30', [row('2026-05-01T00:00', 'options'), row('2026-06-30T23:59', 'options')]),
          'cxlint.config.yaml': lines('rules:', '  missing-message: [error, {expect: [{before: lease_end, within: P60D, intent: lease_end}]}]'),
        },
      },
    ],
    invalid: [
      {
        name: 'a welcome at 10:00 two days after a date-only signup is late',
        files: plan('signup: 2026-06-01', [row('2026-06-03T10:00', 'welcome')]),
        findings: [{ file: 'segments.yaml', line: 6, column: 7, message: 'no welcome message within P1D after signup on 2026-06-01 for segment lessees', segments: ['lessees'], at: '2026-06-01T00:00:00.000+02:00' }],
      },
      {
        name: 'a welcome at 23:59 the day before a date-only signup is too early',
        files: plan('signup: 2026-06-01', [row('2026-05-31T23:59', 'welcome')]),
        findings: [{ file: 'segments.yaml', line: 6, column: 7, message: 'no welcome message within P1D after signup on 2026-06-01 for segment lessees', segments: ['lessees'], at: '2026-06-01T00:00:00.000+02:00' }],
      },
      {
        name: 'before a date-only event: a minute before its start minus the window is too early, and the next day too late',
        files: {
          ...plan('lease_end: 2026-06-30', [row('2026-04-30T23:59', 'options'), row('2026-07-01T00:01', 'options')]),
          'cxlint.config.yaml': lines('rules:', '  missing-message: [error, {expect: [{before: lease_end, within: P60D, intent: lease_end}]}]'),
        },
        findings: [{ file: 'segments.yaml', line: 6, column: 7, message: 'no lease_end message within P60D before lease_end on 2026-06-30 for segment lessees', segments: ['lessees'], at: '2026-06-30T00:00:00.000+02:00' }],
      },
    ],
  },
  { file: 'segments.yaml', severity: 'error' },
);
