import { describe, expect, it } from 'vitest';
import { findingsOf } from './helpers.js';

const lines = (...text: string[]): string => `${text.join('\n')}\n`;
const rule = 'unapproved-template';

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

describe('unapproved-template', () => {
  it('reports a calendar send of a draft template once, listing every segment it reaches (below it and through overlaps)', async () => {
    const files = plan(['  - {id: spring, date: 2026-03-02, segment: members, template: spring-draft, repeat: "FREQ=WEEKLY;COUNT=3"}']);
    expect(await findingsOf(rule, files)).toEqual([
      {
        rule,
        file: 'calendar.yaml',
        line: 2,
        column: 5,
        severity: 'warning',
        message: 'spring-draft is sent but its status is draft, not approved; it reaches segments members, members-vip, partners',
        segments: ['members', 'members-vip', 'partners'],
      },
    ]);
  });

  it('reports a template in review, and each send location of it', async () => {
    const files = plan([
      '  - {date: 2026-03-02, segment: prospects, template: spring-review}',
      '  - {date: 2026-03-09, segments: [prospects, members-vip], template: spring-review}',
    ]);
    expect((await findingsOf(rule, files)).map((f) => [f.line, f.message, f.segments])).toEqual([
      [2, 'spring-review is sent but its status is review, not approved; it reaches segment prospects', ['prospects']],
      [3, 'spring-review is sent but its status is review, not approved; it reaches segments members-vip, prospects', ['members-vip', 'prospects']],
    ]);
  });

  it('reports a journey step that sends a draft, listing the segments that can enter', async () => {
    const files = plan(
      ['  - {date: 2026-03-02, segment: prospects, template: spring-final}'],
      [
        '  - id: welcome',
        '    entry: {segment: members, event: signup}',
        '    steps:',
        '      - send: spring-final',
        '      - wait: P1D',
        '      - send: spring-draft', // 7
      ],
    );
    expect(await findingsOf(rule, files)).toEqual([
      {
        rule,
        file: 'journeys.yaml',
        line: 7,
        column: 9,
        severity: 'warning',
        message: 'spring-draft is sent but its status is draft, not approved; it reaches segments members, members-vip',
        segments: ['members', 'members-vip'],
      },
    ]);
  });

  it('accepts approved templates and templates with no status, and does not report a draft nobody sends', async () => {
    const files = plan(
      ['  - {date: 2026-03-02, segment: members, template: spring-final}', '  - {date: 2026-03-03, segment: members, template: legacy}'],
      ['  - id: welcome', '    entry: {segment: members, event: signup}', '    steps:', '      - send: legacy', '      - send: spring-final'],
    );
    expect(await findingsOf(rule, files)).toEqual([]);
  });

  it('can be turned off for one segment by an override', async () => {
    const files = {
      ...plan(['  - {date: 2026-03-02, segment: prospects, template: spring-draft}', '  - {date: 2026-03-02, segment: members-vip, template: spring-draft}']),
      'cxlint.config.yaml': lines('overrides:', '  - segments: [prospects]', '    rules: {unapproved-template: off}'),
    };
    expect((await findingsOf(rule, files)).map((f) => f.segments)).toEqual([['members-vip']]);
  });
});
