import { ruleTester } from './rule-tester.js';

const lines = (...text: string[]): string => `${text.join('\n')}\n`;

const segments = lines(
  'segments:',
  '  - id: members',
  '  - id: members-vip',
  '    parent: members',
  '  - id: partners',
  '    overlaps: [members]',
  '  - id: prospects',
);

const templates = lines(
  'templates:',
  '  - {id: spring-draft, channel: email, intent: newsletter, status: draft}',
  '  - {id: spring-review, channel: email, intent: newsletter, status: review}',
  '  - {id: spring-final, channel: email, intent: newsletter, status: approved}',
  '  - {id: legacy, channel: email, intent: newsletter}',
);

const plan = (calendar: string[], journeys: string[] = []): Record<string, string> => ({
  'segments.yaml': segments,
  'templates.yaml': templates,
  'calendar.yaml': lines('calendar:', ...calendar),
  ...(journeys.length ? { 'journeys.yaml': lines('journeys:', ...journeys) } : {}),
});

// A finding stands at the row or step, for the send as a whole: it has no `at`, however often the row recurs.
ruleTester(
  'unapproved-template',
  {
    valid: [
      {
        name: 'approved templates and templates with no status, and a draft nobody sends',
        files: plan(
          ['  - {date: 2026-03-02, segment: members, template: spring-final}', '  - {date: 2026-03-03, segment: members, template: legacy}'],
          ['  - id: welcome', '    entry: {segment: members, event: signup}', '    steps:', '      - send: legacy', '      - send: spring-final'],
        ),
      },
    ],
    invalid: [
      {
        name: 'a recurring calendar send of a draft template, once, listing every segment it reaches (below it and through overlaps)',
        files: plan(['  - {id: spring, date: 2026-03-02, segment: members, template: spring-draft, repeat: "FREQ=WEEKLY;COUNT=3"}']),
        findings: [
          {
            line: 2,
            column: 5,
            message: 'spring-draft is sent but its status is draft, not approved; it reaches segments members, members-vip, partners',
            segments: ['members', 'members-vip', 'partners'],
          },
        ],
      },
      {
        name: 'a template in review, at each row that sends it',
        files: plan([
          '  - {date: 2026-03-02, segment: prospects, template: spring-review}',
          '  - {date: 2026-03-09, segments: [prospects, members-vip], template: spring-review}',
        ]),
        findings: [
          { line: 2, column: 5, message: 'spring-review is sent but its status is review, not approved; it reaches segment prospects', segments: ['prospects'] },
          {
            line: 3,
            column: 5,
            message: 'spring-review is sent but its status is review, not approved; it reaches segments members-vip, prospects',
            segments: ['members-vip', 'prospects'],
          },
        ],
      },
      {
        name: 'a journey step that sends a draft, listing the segments that can enter',
        files: plan(
          ['  - {date: 2026-03-02, segment: prospects, template: spring-final}'],
          ['  - id: welcome', '    entry: {segment: members, event: signup}', '    steps:', '      - send: spring-final', '      - wait: P1D', '      - send: spring-draft'],
        ),
        findings: [
          {
            file: 'journeys.yaml',
            line: 7,
            column: 9,
            message: 'spring-draft is sent but its status is draft, not approved; it reaches segments members, members-vip',
            segments: ['members', 'members-vip'],
          },
        ],
      },
      {
        name: 'turned off for one segment by an override',
        files: {
          ...plan(['  - {date: 2026-03-02, segment: prospects, template: spring-draft}', '  - {date: 2026-03-02, segment: members-vip, template: spring-draft}']),
          'cxlint.config.yaml': lines('overrides:', '  - segments: [prospects]', '    rules: {unapproved-template: off}'),
        },
        findings: [{ line: 3, column: 5, message: 'spring-draft is sent but its status is draft, not approved; it reaches segment members-vip', segments: ['members-vip'] }],
      },
    ],
  },
  { file: 'calendar.yaml', severity: 'warning' },
);
