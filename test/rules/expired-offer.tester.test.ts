import { ruleTester } from './rule-tester.js';

const lines = (...text: string[]): string => `${text.join('\n')}\n`;

const plan = (...calendar: string[]): Record<string, string> => ({
  'plan.yaml': lines(
    'segments:',
    '  - {id: shoppers, timezone: America/New_York}',
    '  - {id: shoppers-ny, parent: shoppers}',
    'templates:',
    '  - {id: summer-sale, channel: email, intent: promotion, offer: {id: summer15, value: 15%, valid_from: 2026-06-01, valid_until: 2026-08-31}}',
    'journeys:',
    '  - id: late-offer',
    '    entry: {segment: shoppers, event: signup}',
    '    steps:',
    '      - wait: P10D',
    '      - send: summer-sale',
    'calendar:',
    ...calendar,
  ),
});

ruleTester(
  'expired-offer',
  {
    valid: [{ name: 'a send while the offer is live', files: plan('  - {date: 2026-07-01, segment: shoppers, template: summer-sale}') }],
    invalid: [
      {
        name: 'a dated send after the offer expired, with its instant; a journey send on its relative timeline has no date to judge',
        files: plan('  - {date: 2026-09-01T10:00, segment: shoppers, template: summer-sale}'),
        horizon: { from: '2026-06-01', to: '2026-12-31' },
        findings: [
          {
            line: 13,
            column: 5,
            message: 'summer-sale (promotion, email) on 2026-09-01 10:00 EDT carries offer summer15 (15%), which expired after 2026-08-31 for segments shoppers, shoppers-ny',
            segments: ['shoppers', 'shoppers-ny'],
            at: '2026-09-01T10:00:00.000-04:00',
          },
        ],
      },
    ],
  },
  { file: 'plan.yaml', severity: 'error' },
);
