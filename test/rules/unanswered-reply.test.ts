import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/findings/finding.js';
import type { Brief } from './helpers.js';
import { brief, findingsOf, lintFiles } from './helpers.js';

const lines = (...text: string[]): string => `${text.join('\n')}\n`;
const rule = 'unanswered-reply';

const segments = lines(
  'segments:',
  '  - id: customers',
  '    timezone: Europe/London',
  '  - {id: persona-a, parent: customers, events: {case_opened: 2026-06-02}}',
  '  - {id: persona-b, parent: customers, events: {case_opened: 2026-06-09}}',
  '  - {id: prospects, timezone: Europe/London}',
);

const templates = lines(
  'templates:',
  '  - {id: visit-email, channel: email, intent: service, expects_reply: true}',
  '  - {id: logged-email, channel: email, intent: service}',
  '  - {id: ack-email, channel: email, intent: service}',
);

/** A finding of this rule, as the tests expect it: it happens `at` the send that asks (its earliest, for a row or step that sends more than once). */
const finding = (file: string, line: number, column: number, message: string, segmentList: string[], at: string, severity = 'error'): Brief => ({
  rule,
  file,
  line,
  column,
  severity,
  message,
  segments: segmentList,
  at,
});

// persona-a enters fault-care on case_opened, 2026-06-02, at the default send time; the relative run (for customers)
// starts then too, as the horizon starts that day.
const ENTRY = '2026-06-02T09:00:00.000+01:00';
const TWO_DAYS_LATER = '2026-06-04T09:00:00.000+01:00';

/** A journey `fault-care` entered on case_opened by customers, whose steps start at line 5 of journeys.yaml. */
const journeyPlan = (...steps: string[]): Record<string, string> => ({
  'segments.yaml': segments,
  'templates.yaml': templates,
  'journeys.yaml': lines('journeys:', '  - id: fault-care', '    entry: {segment: customers, event: case_opened}', '    steps:', ...steps),
});

const ALL = ['customers', 'persona-a', 'persona-b'];
const inJourney = (within = 'P2D'): string =>
  `visit-email (service, email) asks the customer to reply, but nothing answers within ${within}: a route after it meets no branch on replied that leads to a send, and no journey entered on replied answers segments customers, persona-a, persona-b in time`;

describe('unanswered-reply in a journey', () => {
  it('reports a send that asks for a reply with nothing after it, once for every segment', async () => {
    expect(await findingsOf(rule, journeyPlan('      - send: logged-email', '      - wait: P2D', '      - send: visit-email', '      - exit: true'))).toEqual([
      finding('journeys.yaml', 7, 9, inJourney(), ALL, TWO_DAYS_LATER),
    ]);
  });

  it('stands at the earliest send of the step, whichever segment shows it first', async () => {
    const files = journeyPlan('      - send: visit-email', '      - exit: true');
    // persona-b, read after persona-a, enters a week earlier than it.
    files['segments.yaml'] = segments.replace('case_opened: 2026-06-02', 'case_opened: 2026-06-16');
    expect(await findingsOf(rule, files)).toEqual([finding('journeys.yaml', 5, 9, inJourney(), ALL, '2026-06-09T09:00:00.000+01:00')]);
  });

  it('is satisfied by a branch on replied that leads to a send (false-positive guard)', async () => {
    const steps = [
      '      - send: visit-email',
      '      - branch:',
      '          - {when: {event: replied, within: P2D}, next: ack}',
      '          - {otherwise: true, next: done}',
      '      - {id: ack, send: ack-email}',
      '      - {id: done, exit: true}',
    ];
    expect(await findingsOf(rule, journeyPlan(...steps))).toEqual([]);
  });

  it('reports a replied branch that only exits, pointing at it', async () => {
    const steps = ['      - send: visit-email', '      - branch:', '          - {when: {event: replied, within: P2D}, next: done}', '          - {otherwise: true, next: done}', '      - {id: done, exit: true}'];
    const findings = (await lintFiles(journeyPlan(...steps))).filter((f) => f.rule === rule);
    expect(findings.map((f) => [f.location.line, f.message, f.related])).toEqual([
      [5, inJourney(), [{ file: 'journeys.yaml', line: 7, column: 13, message: 'the replied branch leads to no send within P2D' }]],
    ]);
  });

  it('counts an answer exactly `within` after the reply, and not one later', async () => {
    const steps = (wait: string): string[] => [
      '      - send: visit-email',
      '      - branch:',
      '          - {when: {event: replied, within: P2D}, next: ack}',
      '          - {otherwise: true, next: done}',
      `      - {id: ack, wait: ${wait}}`,
      '      - send: ack-email',
      '      - {id: done, exit: true}',
    ];
    expect(await findingsOf(rule, journeyPlan(...steps('P2D')))).toEqual([]);
    expect(await findingsOf(rule, journeyPlan(...steps('P2DT1M')))).toEqual([finding('journeys.yaml', 5, 9, inJourney(), ALL, ENTRY)]);
  });

  it('needs the handling on every route after the send', async () => {
    const steps = [
      '      - send: visit-email',
      '      - branch:',
      '          - {when: {event: opened, within: PT1H}, next: wait-reply}',
      '          - {otherwise: true, next: done}',
      '      - id: wait-reply',
      '        branch:',
      '          - {when: {event: replied, within: P2D}, next: ack}',
      '          - {otherwise: true, next: done}',
      '      - {id: ack, send: ack-email}',
      '      - {id: done, exit: true}',
    ];
    expect(await findingsOf(rule, journeyPlan(...steps))).toEqual([finding('journeys.yaml', 5, 9, inJourney(), ALL, ENTRY)]);
    // It points at where the route that fails ends, not at the replied branch, which answers.
    const [found] = (await lintFiles(journeyPlan(...steps))).filter((f) => f.rule === rule);
    expect(found!.related.map(({ line, column, message }) => [line, column, message])).toEqual([[14, 9, 'a route ends here without a branch on replied']]);
  });

  it('does not count a branch on replied before the send', async () => {
    const steps = [
      '      - branch:',
      '          - {when: {event: replied, within: P2D}, next: ack}',
      '          - {otherwise: true, next: visit}',
      '      - {id: ack, send: ack-email, next: done}',
      '      - {id: visit, send: visit-email}',
      '      - {id: done, exit: true}',
    ];
    expect(await findingsOf(rule, journeyPlan(...steps))).toEqual([finding('journeys.yaml', 9, 9, inJourney(), ALL, TWO_DAYS_LATER)]);
  });
});

describe('unanswered-reply and journeys entered on replied', () => {
  const replyJourney = (segment: string, ...steps: string[]): string[] => ['  - id: answer', `    entry: {segment: ${segment}, event: replied}`, '    steps:', ...steps];
  const calendarPlan = (...journeys: string[]): Record<string, string> => ({
    'segments.yaml': segments,
    'templates.yaml': templates,
    'calendar.yaml': lines('calendar:', '  - {id: visit, date: 2026-06-04, segments: [persona-a, prospects], template: visit-email}'),
    ...(journeys.length ? { 'journeys.yaml': lines('journeys:', ...journeys) } : {}),
  });
  const calendarMessage = (segmentsText: string, within = 'P2D'): string =>
    `visit-email (service, email) asks the customer to reply, but nothing answers within ${within}: no journey entered on replied answers ${segmentsText} in time`;

  it('reports a calendar send that asks for a reply, listing its segments once', async () => {
    expect(await findingsOf(rule, calendarPlan())).toEqual([finding('calendar.yaml', 2, 5, calendarMessage('segments persona-a, prospects'), ['persona-a', 'prospects'], TWO_DAYS_LATER)]);
  });

  it('counts a journey entered on replied at the segment or above it, not beside it', async () => {
    expect(await findingsOf(rule, calendarPlan(...replyJourney('customers', '      - send: ack-email')))).toEqual([
      finding('calendar.yaml', 2, 5, calendarMessage('segment prospects'), ['prospects'], TWO_DAYS_LATER),
    ]);
  });

  it('does not count a journey entered on replied that sends nothing in time', async () => {
    expect(await findingsOf(rule, calendarPlan(...replyJourney('customers', '      - wait: P3D', '      - send: ack-email')))).toEqual([
      finding('calendar.yaml', 2, 5, calendarMessage('segments persona-a, prospects'), ['persona-a', 'prospects'], TWO_DAYS_LATER),
    ]);
    expect(await findingsOf(rule, calendarPlan(...replyJourney('customers', '      - exit: true')))).toEqual([
      finding('calendar.yaml', 2, 5, calendarMessage('segments persona-a, prospects'), ['persona-a', 'prospects'], TWO_DAYS_LATER),
    ]);
  });

  it('lets a journey on replied answer a journey send too', async () => {
    const files = journeyPlan('      - send: visit-email');
    files['journeys.yaml'] += lines(...replyJourney('customers', '      - send: ack-email'));
    expect(await findingsOf(rule, files)).toEqual([]);
  });

  it('does not report a template that does not ask for a reply', async () => {
    const files = calendarPlan();
    files['calendar.yaml'] = lines('calendar:', '  - {date: 2026-06-04, segment: prospects, template: logged-email}');
    expect(await findingsOf(rule, files)).toEqual([]);
  });
});

describe('unanswered-reply options', () => {
  const slowAnswer = [
    '      - send: visit-email',
    '      - branch:',
    '          - {when: {event: replied, within: P2D}, next: ack}',
    '          - {otherwise: true, next: done}',
    '      - {id: ack, wait: P3D}',
    '      - send: ack-email',
    '      - {id: done, exit: true}',
  ];

  it('takes `within` from the config', async () => {
    const files = { ...journeyPlan(...slowAnswer), 'cxlint.config.yaml': lines('rules:', '  unanswered-reply: [warning, {within: P3D}]') };
    expect(await findingsOf(rule, files)).toEqual([]);
    files['cxlint.config.yaml'] = lines('rules:', '  unanswered-reply: [warning, {within: 36h}]');
    expect(await findingsOf(rule, files)).toEqual([finding('journeys.yaml', 5, 9, inJourney('36h'), ALL, ENTRY, 'warning')]);
  });

  it('applies an override to the segments it names', async () => {
    const files = {
      ...journeyPlan(...slowAnswer),
      'cxlint.config.yaml': lines('overrides:', '  - segments: [persona-a]', '    rules:', '      unanswered-reply: [error, {within: P3D}]'),
    };
    expect(await findingsOf(rule, files)).toEqual([
      finding(
        'journeys.yaml',
        5,
        9,
        'visit-email (service, email) asks the customer to reply, but nothing answers within P2D: a route after it meets no branch on replied that leads to a send, and no journey entered on replied answers segments customers, persona-b in time',
        ['customers', 'persona-b'],
        // persona-b's dated send, not the relative run's (customers have no date: its times are only placed at the horizon's start).
        '2026-06-09T09:00:00.000+01:00',
      ),
    ]);
  });
});

describe('unanswered-reply on a long journey', () => {
  const size = 10_000;
  /** visit-email, then `size` branches whose replied and otherwise options both lead on to the next, then `last`. */
  const chain = (...last: string[]): Record<string, string> => {
    const branches = Array.from({ length: size }, (_, index) => [
      `      - id: b${index}`,
      '        branch:',
      `          - {when: {event: replied, within: P2D}, next: b${index + 1}}`,
      `          - {otherwise: true, next: b${index + 1}}`,
    ]).flat();
    return journeyPlan('      - send: visit-email', ...branches, ...last);
  };
  /** This rule's findings on the plan: their time used to grow with the square of the journey's size (budgets: npm run bench). */
  const findingsOn = async (files: Record<string, string>): Promise<Finding[]> => (await lintFiles(files)).filter((f) => f.rule === rule);

  it('finds every replied branch answered in time, on a chain of thousands of branches', async () => {
    expect(await findingsOn(chain(`      - {id: b${size}, send: ack-email}`))).toEqual([]);
  }, 60_000);

  it('reports a send whose replied branches all answer a minute late, pointing at the first, on a chain of thousands of branches', async () => {
    const findings = await findingsOn(chain(`      - {id: b${size}, wait: P2DT1M}`, '      - send: ack-email'));
    expect(findings.map((f) => [brief(f), f.related])).toEqual([
      [finding('journeys.yaml', 5, 9, inJourney(), ALL, ENTRY), [{ file: 'journeys.yaml', line: 8, column: 13, message: 'the replied branch leads to no send within P2D' }]],
    ]);
  }, 60_000);
});

describe('unanswered-reply on a long journey placed for many segments', () => {
  it('searches where a step falls short once per step, not once per segment group (2,000 groups, 300 asking steps)', async () => {
    const groups = 2_000;
    const steps = Array.from({ length: 300 }, (_, index) => [`      - {id: ask${index}, send: visit-email}`, '      - wait: PT1H']).flat();
    const files = {
      'segments.yaml': lines('segments:', '  - {id: customers, timezone: Europe/London}', ...Array.from({ length: groups }, (_, index) => `  - {id: g${index}, parent: customers, events: {case_opened: 2026-06-02}, states: {tier: t${index}}}`)),
      'templates.yaml': templates,
      'journeys.yaml': lines('journeys:', '  - id: fault-care', '    entry: {segment: customers, event: case_opened}', '    steps:', ...steps),
    };
    const findings = (await lintFiles(files)).filter((f) => f.rule === rule);
    expect(findings).toHaveLength(300);
    expect(findings[0]!.related.map((r) => r.message)).toEqual(['a route ends here without a branch on replied']);
  }, 20_000);
});
