import { describe, expect, it } from 'vitest';
import { assertionOf } from '../../src/rules/conflicting-facts.js';
import { findingsOf, lintFiles } from './helpers.js';

const lines = (...text: string[]): string => `${text.join('\n')}\n`;
const rule = 'conflicting-facts';

const segments = lines(
  'segments:',
  '  - id: lessees',
  '    timezone: America/Chicago',
  '    locales: [en-US]',
  '  - id: lessees-2026-06',
  '    parent: lessees',
  '    events: {lease_end: 2026-06-30}',
  '  - id: lessees-2026-07',
  '    parent: lessees',
  '    events: {lease_end: 2026-07-31}',
  '  - id: prospects',
  '    timezone: America/Chicago',
  '    locales: [en-US]',
);

/** A template asserting `facts` (a YAML flow mapping body). */
const template = (id: string, channel: string, facts: string): string[] => [
  `  - id: ${id}`,
  `    channel: ${channel}`,
  '    intent: lease_end',
  `    facts: {${facts}}`,
  '    content: {en-US: {body: "About your lease"}}',
];

const row = (id: string, date: string, segment: string, templateId: string): string[] => [
  `  - id: ${id}`,
  `    date: ${date}`,
  `    segment: ${segment}`,
  `    template: ${templateId}`,
];

const sms = template('return-sms', 'sms', 'lease_end: "{{dealer.lease_return_date}}"');
const email = template('ended-email', 'email', 'lease_end: "{{leasing.end_date}}"');

const plan = (templates: string[][], calendar: string[][], extra: Record<string, string> = {}): Record<string, string> => ({
  'segments.yaml': segments,
  'templates.yaml': lines('templates:', ...templates.flat()),
  'calendar.yaml': lines('calendar:', ...calendar.flat()),
  ...extra,
});

describe('conflicting-facts', () => {
  it('reports two data sources for one fact once, listing every segment both messages reach', async () => {
    const files = plan([sms, email], [row('reminder', '2026-06-26T11:00', 'lessees', 'return-sms'), row('ended', '2026-06-30T09:00', 'lessees', 'ended-email')]);
    expect(await findingsOf(rule, files)).toEqual([
      {
        rule,
        file: 'calendar.yaml',
        line: 6,
        column: 5,
        severity: 'error',
        message: 'ended-email (email) states lease_end from {{leasing.end_date}}, but return-sms (sms) states it from {{dealer.lease_return_date}}',
        segments: ['lessees', 'lessees-2026-06', 'lessees-2026-07'],
        // The `ended` row, 09:00 in Chicago (CDT).
        at: '2026-06-30T09:00:00.000-05:00',
      },
    ]);
    const [finding] = (await lintFiles(files)).filter((f) => f.rule === rule);
    expect(finding?.related).toEqual([
      { file: 'calendar.yaml', line: 2, column: 5, message: 'return-sms (lease_end, sms) on 2026-06-26 11:00 CDT states lease_end from {{dealer.lease_return_date}}' },
    ]);
    expect(finding?.ids).toEqual(['lease_end', 'ended-email', 'return-sms']);
  });

  it('reports two different literal values, and a literal against a data source', async () => {
    const files = plan(
      [
        template('a', 'email', 'lease_end: 2026-06-30'),
        template('b', 'sms', 'lease_end: "2026-07-01"'),
        template('c', 'push', 'lease_end: "{{leasing.end_date}}"'),
      ],
      [row('one', '2026-06-01T09:00', 'lessees', 'a'), row('two', '2026-06-02T09:00', 'lessees', 'b'), row('three', '2026-06-03T09:00', 'lessees', 'c')],
    );
    expect((await findingsOf(rule, files)).map((f) => `${f.line} ${f.message}`)).toEqual([
      '6 b (sms) states lease_end as 2026-07-01, but a (email) states it as 2026-06-30',
      '10 c (push) states lease_end from {{leasing.end_date}}, but a (email) states it as 2026-06-30',
      '10 c (push) states lease_end from {{leasing.end_date}}, but b (sms) states it as 2026-07-01',
    ]);
  });

  it('accepts identical values and sources, written with other spacing or case (guard)', async () => {
    expect(assertionOf('{{ leasing.end_date }}')).toEqual(assertionOf('{{leasing.end_date}}'));
    expect(assertionOf(' June  30 ').key).toBe(assertionOf('june 30').key);
    expect(assertionOf('{{leasing.end_date}}').key).not.toBe(assertionOf('{{dealer.lease_return_date}}').key);
    const files = plan(
      [
        template('a', 'email', 'lease_end: "{{leasing.end_date}}", model: "Polestar 2"'),
        template('b', 'sms', 'lease_end: "{{ leasing.end_date }}", model: "polestar  2"'),
      ],
      [row('one', '2026-06-01T09:00', 'lessees', 'a'), row('two', '2026-06-02T09:00', 'lessees', 'b')],
    );
    expect(await findingsOf(rule, files)).toEqual([]);
  });

  it('accepts different values for different facts (guard)', async () => {
    const files = plan(
      [template('a', 'email', 'lease_end: "{{leasing.end_date}}"'), template('b', 'sms', 'return_by: "{{dealer.lease_return_date}}"')],
      [row('one', '2026-06-01T09:00', 'lessees', 'a'), row('two', '2026-06-02T09:00', 'lessees', 'b')],
    );
    expect(await findingsOf(rule, files)).toEqual([]);
  });

  it('does not report two messages that never reach a common segment (guard)', async () => {
    const files = plan([sms, email], [row('reminder', '2026-06-26T11:00', 'lessees-2026-06', 'return-sms'), row('ended', '2026-06-30T09:00', 'lessees-2026-07', 'ended-email')]);
    expect(await findingsOf(rule, files)).toEqual([]);
  });

  it('reports the facts a pair of templates disagrees on in one finding', async () => {
    const files = plan(
      [template('a', 'email', 'lease_end: "{{leasing.end_date}}", dealer: "{{leasing.dealer}}"'), template('b', 'sms', 'lease_end: "{{dealer.lease_return_date}}", dealer: "{{dealer.name}}"')],
      [row('one', '2026-06-01T09:00', 'lessees', 'a'), row('two', '2026-06-02T09:00', 'lessees', 'b')],
    );
    expect((await findingsOf(rule, files)).map((f) => f.message)).toEqual([
      'b (sms) states dealer from {{dealer.name}} and lease_end from {{dealer.lease_return_date}}, but a (email) states dealer from {{leasing.dealer}} and lease_end from {{leasing.end_date}}',
    ]);
  });

  it('stands at the earliest meeting of all the segments it lists, whichever segment is checked first', async () => {
    // lessees-2026-06 comes first in the tree, but lessees-2026-07 gets the two messages earlier.
    const files = plan([sms, email], [
      row('reminder', '2026-06-01T11:00', 'lessees', 'return-sms'),
      row('ended-june', '2026-06-20T09:00', 'lessees-2026-06', 'ended-email'),
      row('ended-july', '2026-06-10T09:00', 'lessees-2026-07', 'ended-email'),
    ]);
    expect((await findingsOf(rule, files)).map((f) => [f.line, f.segments, f.at])).toEqual([[10, ['lessees-2026-06', 'lessees-2026-07'], '2026-06-10T09:00:00.000-05:00']]);
  });

  it('at equal times, points at the send read later', async () => {
    const files = plan([sms, email], [row('ended', '2026-06-30T09:00', 'lessees', 'ended-email'), row('reminder', '2026-06-30T09:00', 'lessees', 'return-sms')]);
    expect((await findingsOf(rule, files)).map((f) => `${f.line} ${f.message}`)).toEqual([
      '6 return-sms (sms) states lease_end from {{dealer.lease_return_date}}, but ended-email (email) states it from {{leasing.end_date}}',
    ]);
  });

  const journeys = (steps: string[]): string =>
    lines('journeys:', '  - id: lease-end', '    entry:', '      segment: lessees', '      event: lease_end', '    steps:', ...steps);

  it('reports a journey send against a calendar send only in the segments that have a date for the journey (lease-end seed)', async () => {
    const files = plan([sms, email], [row('reminder', '2026-06-26T11:00', 'lessees-2026-06', 'return-sms')], {
      'journeys.yaml': journeys(['      - send: ended-email']),
    });
    expect(await findingsOf(rule, files)).toEqual([
      {
        rule,
        file: 'journeys.yaml',
        line: 7,
        column: 9,
        severity: 'error',
        message: 'ended-email (email) states lease_end from {{leasing.end_date}}, but return-sms (sms) states it from {{dealer.lease_return_date}}',
        segments: ['lessees-2026-06'],
        // The journey's first step, on the cohort's lease_end at the default send time (09:00 CDT).
        at: '2026-06-30T09:00:00.000-05:00',
      },
    ]);
  });

  it('never compares two sends on mutually exclusive branches of one journey', async () => {
    const exclusive = plan([sms, email], [], {
      'calendar.yaml': 'calendar: []\n',
      'journeys.yaml': journeys([
        '      - branch:',
        '          - when: {event: replied, within: P2D}',
        '            next: by-sms',
        '          - otherwise: true',
        '            next: by-email',
        '      - id: by-sms',
        '        send: return-sms',
        '      - exit: true',
        '      - id: by-email',
        '        send: ended-email',
      ]),
    });
    expect(await findingsOf(rule, exclusive)).toEqual([]);
    const onePath = plan([sms, email], [], {
      'calendar.yaml': 'calendar: []\n',
      'journeys.yaml': journeys(['      - send: return-sms', '      - wait: P2D', '      - send: ended-email']),
    });
    // One finding for the dated cohorts and the relative run of lessees alike: one pair of templates. It stands at the
    // dated meeting of lessees-2026-06: ended-email two days after its lease_end (2026-06-30), 09:00 CDT.
    expect((await findingsOf(rule, onePath)).map((f) => [f.line, f.segments, f.at, f.after])).toEqual([
      [9, ['lessees', 'lessees-2026-06', 'lessees-2026-07'], '2026-07-02T09:00:00.000-05:00', undefined],
    ]);
  });

  it('follows the config: off, and overrides by segment', async () => {
    const files = plan([sms, email], [row('reminder', '2026-06-26T11:00', 'lessees-2026-06', 'return-sms'), row('ended', '2026-06-30T09:00', 'lessees-2026-06', 'ended-email')]);
    expect(await findingsOf(rule, { ...files, 'cxlint.config.yaml': lines('extends: cxlint:recommended', 'rules:', '  conflicting-facts: off') })).toEqual([]);
    const overridden = { ...files, 'cxlint.config.yaml': lines('extends: cxlint:recommended', 'overrides:', '  - segments: [lessees]', '    rules: {conflicting-facts: info}') };
    expect((await findingsOf(rule, overridden)).map((f) => [f.severity, f.segments])).toEqual([['info', ['lessees-2026-06']]]);
  });
});
