import { describe, expect, it } from 'vitest';
import { lintTexts } from '../../src/engine/lint.js';
import type { Brief } from './helpers.js';
import { brief, findingsOf } from './helpers.js';

const lines = (...text: string[]): string => `${text.join('\n')}\n`;
const rule = 'missing-message';

const templates = lines(
  'templates:',
  '  - {id: welcome-email, channel: email, intent: welcome}',
  '  - {id: welcome-sms, channel: sms, intent: welcome}',
  '  - {id: tips-email, channel: email, intent: onboarding}',
  '  - {id: lease-options, channel: email, intent: lease_end}',
);

/**
 * A finding of this rule, as the tests expect it. One about a dated event happens `at` the event (a date alone: its
 * first instant); one about a journey stands at its entry, with no time.
 */
const finding = (file: string, line: number, column: number, message: string, segments: string[], extra: { at?: string; severity?: string } = {}): Brief => ({
  rule,
  file,
  line,
  column,
  severity: extra.severity ?? 'error',
  message,
  segments,
  ...(extra.at ? { at: extra.at } : {}),
});

const PARIS_SIGNUP = { at: '2026-03-02T00:00:00.000+01:00' };
const UTC_SIGNUP = { at: '2026-03-02T00:00:00.000Z' };

describe('missing-message (dated events)', () => {
  const plan = (signup: string, ...calendar: string[]): Record<string, string> => ({
    'segments.yaml': lines('segments:', '  - id: members', '    timezone: Europe/Paris', '    events:', `      signup: ${signup}`),
    'templates.yaml': templates,
    ...(calendar.length ? { 'calendar.yaml': lines('calendar:', ...calendar) } : {}),
  });

  it('reports a dated signup with no welcome, at the event', async () => {
    expect(await findingsOf(rule, plan('2026-03-02', '  - {date: 2026-03-02T10:00, segment: members, template: tips-email}'))).toEqual([
      finding('segments.yaml', 5, 7, 'no welcome message within P1D after signup on 2026-03-02 for segment members', ['members'], PARIS_SIGNUP),
    ]);
  });

  it('is satisfied by a welcome on the signup day (false-positive guard)', async () => {
    expect(await findingsOf(rule, plan('2026-03-02', '  - {date: 2026-03-02, segment: members, template: welcome-email}'))).toEqual([]);
  });

  it('takes a date alone as the whole day: a welcome up to 00:00 two days later comes in time, a minute later does not', async () => {
    expect(await findingsOf(rule, plan('2026-03-02', '  - {date: 2026-03-04T00:00, segment: members, template: welcome-email}'))).toEqual([]);
    expect(await findingsOf(rule, plan('2026-03-02', '  - {date: 2026-03-04T00:01, segment: members, template: welcome-email}'))).toEqual([
      finding('segments.yaml', 5, 7, 'no welcome message within P1D after signup on 2026-03-02 for segment members', ['members'], PARIS_SIGNUP),
    ]);
  });

  it('counts a welcome exactly at the edge of the window after a timed event, and not one a minute before the event', async () => {
    expect(await findingsOf(rule, plan('2026-03-02T10:00', '  - {date: 2026-03-03T10:00, segment: members, template: welcome-email}'))).toEqual([]);
    expect(await findingsOf(rule, plan('2026-03-02T10:00', '  - {date: 2026-03-03T10:01, segment: members, template: welcome-email}'))).toEqual([
      finding('segments.yaml', 5, 7, 'no welcome message within P1D after signup on 2026-03-02 10:00 CET for segment members', ['members'], { at: '2026-03-02T10:00:00.000+01:00' }),
    ]);
    expect(await findingsOf(rule, plan('2026-03-02T10:00', '  - {date: 2026-03-02T09:59, segment: members, template: welcome-email}'))).toEqual([
      finding('segments.yaml', 5, 7, 'no welcome message within P1D after signup on 2026-03-02 10:00 CET for segment members', ['members'], { at: '2026-03-02T10:00:00.000+01:00' }),
    ]);
  });

  it('reports a shared dated event once, listing only the segments that miss the message', async () => {
    const files = {
      'segments.yaml': lines(
        'segments:',
        '  - id: members',
        '    timezone: UTC',
        '    events: {signup: 2026-03-02}',
        '  - {id: members-fr, parent: members, locales: [fr-FR]}',
        '  - {id: members-de, parent: members, locales: [de-DE]}',
        '  - {id: members-vip, parent: members}',
      ),
      'templates.yaml': templates,
      'calendar.yaml': lines('calendar:', '  - {date: 2026-03-02, segment: members-vip, template: welcome-email}'),
    };
    expect(await findingsOf(rule, files)).toEqual([
      finding('segments.yaml', 4, 14, 'no welcome message within P1D after signup on 2026-03-02 for segments members, members-de, members-fr', ['members', 'members-de', 'members-fr'], UTC_SIGNUP),
    ]);
  });

  it('reports each segment at its own dated event', async () => {
    const files = {
      'segments.yaml': lines(
        'segments:',
        '  - id: members',
        '    timezone: UTC',
        '  - {id: march, parent: members, events: {signup: 2026-03-02}}',
        '  - {id: april, parent: members, events: {signup: 2026-04-02}}',
      ),
      'templates.yaml': templates,
      'calendar.yaml': lines('calendar:', '  - {date: 2026-03-02, segment: members, template: welcome-email}'),
    };
    expect(await findingsOf(rule, files)).toEqual([finding('segments.yaml', 5, 43, 'no welcome message within P1D after signup on 2026-04-02 for segment april', ['april'], { at: '2026-04-02T00:00:00.000Z' })]);
  });

  it('counts a welcome from a journey only when every path of the run sends it', async () => {
    const journey = (...steps: string[]): string => lines('journeys:', '  - id: onboarding', '    entry: {segment: members, event: signup}', '    steps:', ...steps);
    const allPaths = journey('      - send: welcome-email');
    const onePath = journey(
      '      - branch:',
      '          - {when: {event: opened, within: PT1H}, next: welcome}',
      '          - {otherwise: true, next: done}',
      '      - {id: welcome, send: welcome-email}',
      '      - {id: done, exit: true}',
    );
    const bothPaths = journey(
      '      - branch:',
      '          - {when: {event: opened, within: PT1H}, next: email}',
      '          - {otherwise: true, next: sms}',
      '      - {id: email, send: welcome-email, next: done}',
      '      - {id: sms, send: welcome-sms}',
      '      - {id: done, exit: true}',
    );
    expect(await findingsOf(rule, { ...plan('2026-03-02'), 'journeys.yaml': allPaths })).toEqual([]);
    expect(await findingsOf(rule, { ...plan('2026-03-02'), 'journeys.yaml': bothPaths })).toEqual([]);
    expect(await findingsOf(rule, { ...plan('2026-03-02'), 'journeys.yaml': onePath })).toEqual([
      finding('segments.yaml', 5, 7, 'no welcome message within P1D after signup on 2026-03-02 for segment members', ['members'], PARIS_SIGNUP),
    ]);
  });

  it('does not count a welcome that reaches the segment only through a declared overlap', async () => {
    const files = {
      'segments.yaml': lines('segments:', '  - id: members', '    timezone: UTC', '    overlaps: [vip]', '    events: {signup: 2026-03-02}', '  - {id: vip, timezone: UTC}'),
      'templates.yaml': templates,
      'calendar.yaml': lines('calendar:', '  - {date: 2026-03-02, segment: vip, template: welcome-email}'),
    };
    expect(await findingsOf(rule, files)).toEqual([finding('segments.yaml', 5, 14, 'no welcome message within P1D after signup on 2026-03-02 for segment members', ['members'], UTC_SIGNUP)]);
  });

  it('does not expect a marketing message for a suppressed segment', async () => {
    const files = {
      'segments.yaml': lines('segments:', '  - id: members', '    timezone: UTC', '    suppressed: true', '    events: {signup: 2026-03-02}'),
      'templates.yaml': templates,
    };
    expect(await findingsOf(rule, files)).toEqual([]);
  });
});

describe('missing-message (options)', () => {
  const segments = lines(
    'segments:',
    '  - id: members',
    '    timezone: UTC',
    '    events: {signup: 2026-03-02, lease_end: 2026-06-30}',
    '  - id: vip',
    '    timezone: UTC',
    '    events: {signup: 2026-03-02}',
  );

  it('with channels, a welcome on another channel does not count', async () => {
    const files = {
      'segments.yaml': segments,
      'templates.yaml': templates,
      'calendar.yaml': lines('calendar:', '  - {date: 2026-03-02, segments: [members, vip], template: welcome-sms}'),
      'cxlint.config.yaml': lines('rules:', '  missing-message: [error, {expect: [{after: signup, within: P1D, intent: welcome, channels: [email, push]}]}]'),
    };
    expect(await findingsOf(rule, files)).toEqual([
      finding('segments.yaml', 4, 14, 'no welcome message on email or push within P1D after signup on 2026-03-02 for segment members', ['members'], UTC_SIGNUP),
      finding('segments.yaml', 7, 14, 'no welcome message on email or push within P1D after signup on 2026-03-02 for segment vip', ['vip'], UTC_SIGNUP),
    ]);
  });

  it('checks a message expected before an event', async () => {
    const config = lines('rules:', '  missing-message: [warning, {expect: [{before: lease_end, within: P60D, intent: lease_end}]}]');
    const plan = (date: string): Record<string, string> => ({
      'segments.yaml': segments,
      'templates.yaml': templates,
      'calendar.yaml': lines('calendar:', `  - {date: ${date}, segment: members, template: lease-options}`),
      'cxlint.config.yaml': config,
    });
    expect(await findingsOf(rule, plan('2026-05-01T00:00'))).toEqual([]);
    // The finding happens at the event the message must come before.
    const missing = finding('segments.yaml', 4, 34, 'no lease_end message within P60D before lease_end on 2026-06-30 for segment members', ['members'], {
      at: '2026-06-30T00:00:00.000Z',
      severity: 'warning',
    });
    expect(await findingsOf(rule, plan('2026-04-30T23:59'))).toEqual([missing]);
    // After the event is too late for a message expected before it.
    expect(await findingsOf(rule, plan('2026-07-01T00:01'))).toEqual([missing]);
  });

  it('applies an override to the segments it names', async () => {
    const files = {
      'segments.yaml': segments,
      'templates.yaml': templates,
      'calendar.yaml': lines('calendar:', '  - {date: 2026-03-05, segments: [members, vip], template: welcome-email}'),
      'cxlint.config.yaml': lines('overrides:', '  - segments: [vip]', '    rules:', '      missing-message: [error, {expect: [{after: signup, within: P3D, intent: welcome}]}]'),
    };
    expect(await findingsOf(rule, files)).toEqual([finding('segments.yaml', 4, 14, 'no welcome message within P1D after signup on 2026-03-02 for segment members', ['members'], UTC_SIGNUP)]);
  });

  it('rejects an expectation with both after and before, or with neither', async () => {
    for (const expectation of ['{after: signup, before: lease_end, within: P1D, intent: welcome}', '{within: P1D, intent: welcome}', '{after: signup, within: soon, intent: welcome}']) {
      const files = { 'segments.yaml': segments, 'cxlint.config.yaml': lines('rules:', `  missing-message: [error, {expect: [${expectation}]}]`) };
      await expect(findingsOf(rule, files)).rejects.toThrow(/missing-message option expect\[0\][ .]/);
    }
  });

  it('does nothing with an empty list of expectations', async () => {
    const files = { 'segments.yaml': segments, 'templates.yaml': templates, 'cxlint.config.yaml': lines('rules:', '  missing-message: [error, {expect: []}]') };
    expect(await findingsOf(rule, files)).toEqual([]);
  });
});

describe('missing-message (journeys triggered by the event)', () => {
  const segments = lines(
    'segments:',
    '  - id: members',
    '    timezone: UTC',
    '  - {id: members-web, parent: members}',
    '  - {id: members-march, parent: members, events: {signup: 2026-03-02}}',
  );
  const journey = (id: string, ...steps: string[]): string[] => [`  - id: ${id}`, '    entry: {segment: members, event: signup}', '    steps:', ...steps];
  const plan = (...journeys: string[]): Record<string, string> => ({
    'segments.yaml': segments,
    'templates.yaml': templates,
    'journeys.yaml': lines('journeys:', ...journeys),
  });

  it('checks the journey on its relative timeline for the segments with no date, and the dated segment at its event only', async () => {
    expect(await findingsOf(rule, plan(...journey('onboarding', '      - wait: P2D', '      - send: welcome-email')))).toEqual([
      finding('journeys.yaml', 3, 12, 'journey onboarding is entered on signup but sends no welcome message within P1D after signup on every path, for segments members, members-web', ['members', 'members-web']),
      finding('segments.yaml', 5, 51, 'no welcome message within P1D after signup on 2026-03-02 for segment members-march', ['members-march'], UTC_SIGNUP),
    ]);
  });

  it('is satisfied by a welcome exactly `within` after the trigger', async () => {
    expect(await findingsOf(rule, plan(...journey('onboarding', '      - wait: P1D', '      - send: welcome-email')))).toEqual([]);
    // For members-march the journey starts at 09:00 on its signup date, and a date alone lasts the whole day: 09:01 the
    // next day is in time there, while on the relative timeline it is a minute late.
    expect(await findingsOf(rule, plan(...journey('onboarding', '      - wait: P1DT1M', '      - send: welcome-email')))).toEqual([
      finding('journeys.yaml', 3, 12, 'journey onboarding is entered on signup but sends no welcome message within P1D after signup on every path, for segments members, members-web', ['members', 'members-web']),
    ]);
  });

  it('accepts a welcome sent by another journey triggered by the same event for the same customers', async () => {
    expect(await findingsOf(rule, plan(...journey('tips', '      - send: tips-email'), ...journey('welcome', '      - send: welcome-email')))).toEqual([]);
  });

  it('reports a welcome sent on one path only', async () => {
    const steps = journey(
      'onboarding',
      '      - branch:',
      '          - {when: {event: opened, within: PT1H}, next: welcome}',
      '          - {otherwise: true, next: done}',
      '      - {id: welcome, send: welcome-email}',
      '      - {id: done, exit: true}',
    );
    expect(await findingsOf(rule, plan(...steps))).toEqual([
      finding('journeys.yaml', 3, 12, 'journey onboarding is entered on signup but sends no welcome message within P1D after signup on every path, for segments members, members-web', ['members', 'members-web']),
      finding('segments.yaml', 5, 51, 'no welcome message within P1D after signup on 2026-03-02 for segment members-march', ['members-march'], UTC_SIGNUP),
    ]);
  });

  it('reports a journey that sends nothing at all, for each segment with its own options', () => {
    const files = plan(...journey('onboarding', '      - wait: P2D', '      - exit: true'));
    const config = lines('overrides:', '  - segments: [members-web]', '    rules:', '      missing-message: [error, {expect: [{after: signup, within: P1D, intent: onboarding}]}]');
    // Segments whose overrides expect other messages are checked apart (as overrides of severity must be): two
    // problems at one place, so lintTexts is called without the one-place check of lintFiles.
    const findings = lintTexts(files, { config }).findings.filter((found) => found.rule === rule).map(brief);
    expect(findings).toEqual([
      finding('journeys.yaml', 3, 12, 'journey onboarding is entered on signup but sends no onboarding message within P1D after signup on every path, for segment members-web', ['members-web']),
      finding('journeys.yaml', 3, 12, 'journey onboarding is entered on signup but sends no welcome message within P1D after signup on every path, for segment members', ['members']),
      finding('segments.yaml', 5, 51, 'no welcome message within P1D after signup on 2026-03-02 for segment members-march', ['members-march'], UTC_SIGNUP),
    ]);
  });

  it('reports the messages missed at one dated event in one finding', async () => {
    const files = {
      ...plan(...journey('onboarding', '      - wait: P2D', '      - exit: true')),
      'cxlint.config.yaml': lines('rules:', '  missing-message: [error, {expect: [{after: signup, within: P1D, intent: welcome}, {after: signup, within: P7D, intent: onboarding}]}]'),
    };
    expect((await findingsOf(rule, files)).filter((found) => found.file === 'segments.yaml')).toEqual([
      finding(
        'segments.yaml',
        5,
        51,
        'no welcome message within P1D after signup, and no onboarding message within P7D after signup on 2026-03-02 for segment members-march',
        ['members-march'],
        UTC_SIGNUP,
      ),
    ]);
  });

  it('leaves journeys triggered by other events alone', async () => {
    const files = plan('  - id: case', '    entry: {segment: members, event: case_opened}', '    steps:', '      - send: tips-email');
    files['segments.yaml'] = lines('segments:', '  - id: members', '    timezone: UTC');
    expect(await findingsOf(rule, files)).toEqual([]);
  });
});
