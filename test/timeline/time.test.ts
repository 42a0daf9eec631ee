import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { model } from '../model/helpers.js';
import { buildTimelines } from '../../src/timeline/build.js';
import { parseDuration } from '../../src/time/durations.js';
import { expandRecurrence, parseRecurrence } from '../../src/time/recurrence.js';
import { SETTINGS, TEMPLATES, lines, local, timelinesOf, yaml } from './helpers.js';

const zoned = (zone: string, ...rest: string[]): string =>
  yaml('segments:', `  - id: s`, `    timezone: ${zone}`, ...rest);

const journey = (event: string, ...steps: string[]): string[] => [
  'journeys:',
  '  - id: j',
  `    entry: {segment: s, event: ${event}}`,
  '    steps:',
  ...steps.map((step) => `      ${step}`),
];

describe('DST: days are calendar days, hours are exact (SPEC 3.4)', () => {
  it('Europe/Paris, spring forward (2026-03-29): P1D after 09:00 is 09:00; PT24H is 10:00', () => {
    const timelines = timelinesOf(
      zoned('Europe/Paris', '    events: {purchase: 2026-03-28}', ...journey('purchase', '- send: a', '- wait: P1D', '- send: b', '- wait: P1D', '- send: c')) +
        yaml('  - id: k', '    entry: {segment: s, event: purchase}', '    steps:', '      - wait: PT24H', '      - send: d'),
    );
    expect(lines(timelines, 's')).toEqual([
      '2026-03-28T09:00+01:00 a segment j:step 1[0-0]',
      '2026-03-29T09:00+02:00 b segment j:step 3[0-0]',
      '2026-03-29T10:00+02:00 d segment k:step 2[0-0]',
      '2026-03-30T09:00+02:00 c segment j:step 5[0-0]',
    ]);
  });

  it('America/New_York, fall back (2026-11-01): P1D after 09:00 is 09:00; PT24H is 08:00', () => {
    const timelines = timelinesOf(
      zoned('America/New_York', '    events: {purchase: 2026-10-31}', ...journey('purchase', '- send: a', '- wait: 1d', '- send: b')) +
        yaml('  - id: k', '    entry: {segment: s, event: purchase}', '    steps:', '      - wait: 24h', '      - send: d'),
    );
    expect(lines(timelines, 's')).toEqual([
      '2026-10-31T09:00-04:00 a segment j:step 1[0-0]',
      '2026-11-01T08:00-05:00 d segment k:step 2[0-0]',
      '2026-11-01T09:00-05:00 b segment j:step 3[0-0]',
    ]);
  });

  it('a date-only send is at the default send time local on the day of the change; a send in the gap moves forward', () => {
    const text = yaml(
      'segments:',
      '  - {id: paris, timezone: Europe/Paris}',
      '  - {id: ny, timezone: America/New_York}',
      'calendar:',
      '  - {date: 2026-03-29, segment: paris, template: a}',
      '  - {date: 2026-03-29T02:30, segment: paris, template: b}',
      '  - {date: 2026-03-08, segment: ny, template: a}',
      '  - {date: 2026-03-08T02:30, segment: ny, template: b}',
      '  - {date: 2026-11-01T01:30, segment: ny, template: c}',
      '  - {date: 2026-03-29T02:30Z, segment: paris, template: c}',
      '  - {date: 2026-03-29T09:00, segment: paris, template: d, timezone: Asia/Shanghai}',
    );
    const timelines = timelinesOf(text);
    expect(lines(timelines, 'paris')).toEqual([
      // A send's own zone comes first: 09:00 in Shanghai (03:00 in Paris), shown in the zone it was placed in.
      '2026-03-29T09:00+08:00 d segment',
      '2026-03-29T03:30+02:00 b segment',
      // An offset in the text fixes the instant: 02:30Z is 04:30 in Paris.
      '2026-03-29T04:30+02:00 c segment',
      '2026-03-29T09:00+02:00 a segment',
    ]);
    expect(timelines.addressedTo('paris').map((send) => local(send.time))).toEqual(['2026-03-29T09:00+08:00', '2026-03-29T03:30+02:00', '2026-03-29T04:30+02:00', '2026-03-29T09:00+02:00']);
    expect(lines(timelines, 'ny')).toEqual([
      '2026-03-08T03:30-04:00 b segment',
      '2026-03-08T09:00-04:00 a segment',
      // An hour that happens twice (clocks go back at 02:00 EDT) is read as the second of the two, in standard time.
      '2026-11-01T01:30-05:00 c segment',
    ]);
  });
});

describe('leap days', () => {
  it('a send on 2028-02-29, and P1Y after it is 2029-02-28', () => {
    const text = zoned(
      'Europe/Paris',
      '    events: {purchase: 2028-02-29}',
      'calendar:',
      '  - {date: 2028-02-29, segment: s, template: e}',
      ...journey('purchase', '- send: a', '- wait: P1Y', '- send: b', '- wait: P1Y', '- send: c'),
    );
    expect(lines(timelinesOf(text, { to: DateTime.fromISO('2031-01-01', { zone: 'UTC' }) }), 's')).toEqual([
      '2028-02-29T09:00+01:00 e segment',
      '2028-02-29T09:00+01:00 a segment j:step 1[0-0]',
      '2029-02-28T09:00+01:00 b segment j:step 3[0-0]',
      '2030-02-28T09:00+01:00 c segment j:step 5[0-0]',
    ]);
  });

  it('a yearly recurrence from 2028-02-29 occurs on leap days only', () => {
    const text = zoned('Europe/Paris', 'calendar:', '  - {date: 2028-02-29, segment: s, template: a, repeat: "FREQ=YEARLY;COUNT=2"}');
    expect(lines(timelinesOf(text, { to: DateTime.fromISO('2033-01-01', { zone: 'UTC' }) }), 's')).toEqual(['2028-02-29T09:00+01:00 a segment', '2032-02-29T09:00+01:00 a segment']);
  });
});

describe('recurrences (SPEC 3.4)', () => {
  const repeat = (zone: string, date: string, rule: string, settings: Parameters<typeof timelinesOf>[1] = {}): string[] =>
    lines(timelinesOf(zoned(zone, 'calendar:', `  - {date: ${date}, segment: s, template: a, repeat: "${rule}"}`), settings), 's');

  it('a weekly 09:00 send stays 09:00 local across DST, in Paris and New York', () => {
    expect(repeat('Europe/Paris', '2026-10-18T09:00', 'FREQ=WEEKLY;COUNT=3')).toEqual([
      '2026-10-18T09:00+02:00 a segment',
      '2026-10-25T09:00+01:00 a segment',
      '2026-11-01T09:00+01:00 a segment',
    ]);
    expect(repeat('America/New_York', '2026-03-01T09:00', 'FREQ=WEEKLY;BYDAY=SU;COUNT=3')).toEqual([
      '2026-03-01T09:00-05:00 a segment',
      '2026-03-08T09:00-04:00 a segment',
      '2026-03-15T09:00-04:00 a segment',
    ]);
  });

  it('the words daily, weekly and monthly', () => {
    const to = (date: string) => ({ to: DateTime.fromISO(date, { zone: 'Europe/Paris' }).endOf('day') });
    expect(repeat('Europe/Paris', '2026-03-28', 'daily', to('2026-03-30'))).toEqual([
      '2026-03-28T09:00+01:00 a segment',
      '2026-03-29T09:00+02:00 a segment',
      '2026-03-30T09:00+02:00 a segment',
    ]);
    expect(repeat('Europe/Paris', '2026-03-20', 'Weekly', to('2026-04-03'))).toEqual([
      '2026-03-20T09:00+01:00 a segment',
      '2026-03-27T09:00+01:00 a segment',
      '2026-04-03T09:00+02:00 a segment',
    ]);
    expect(repeat('Europe/Paris', '2026-01-15T10:30', 'monthly', to('2026-04-30'))).toEqual([
      '2026-01-15T10:30+01:00 a segment',
      '2026-02-15T10:30+01:00 a segment',
      '2026-03-15T10:30+01:00 a segment',
      '2026-04-15T10:30+02:00 a segment',
    ]);
  });

  it('COUNT and UNTIL bound the rule (UNTIL is wall-clock time in the send’s zone)', () => {
    expect(repeat('America/New_York', '2026-05-01T09:00', 'FREQ=DAILY;INTERVAL=2;COUNT=3')).toEqual([
      '2026-05-01T09:00-04:00 a segment',
      '2026-05-03T09:00-04:00 a segment',
      '2026-05-05T09:00-04:00 a segment',
    ]);
    expect(repeat('America/New_York', '2026-05-01T09:00', 'FREQ=DAILY;UNTIL=20260503T090000')).toEqual([
      '2026-05-01T09:00-04:00 a segment',
      '2026-05-02T09:00-04:00 a segment',
      '2026-05-03T09:00-04:00 a segment',
    ]);
  });

  it('a rule without COUNT or UNTIL expands to the end of the horizon', () => {
    const timelines = timelinesOf(zoned('UTC', 'calendar:', '  - {date: 2026-05-04, segment: s, template: a, repeat: "FREQ=WEEKLY;BYDAY=MO"}'));
    // Horizon: 2026-05-04 … 2026-05-04 + P90D = 2026-08-02, end of day: 13 Mondays.
    expect(local(timelines.horizon.end)).toBe('2026-08-02T23:59Z');
    const times = timelines.timeline('s').map((entry) => entry.send.time.toISODate());
    expect(times).toHaveLength(13);
    expect([times[0], times[12]]).toEqual(['2026-05-04', '2026-07-27']);
    expect(timelines.timeline('s').map((entry) => (entry.send.origin.kind === 'calendar' ? entry.send.origin.occurrence : -1))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('occurrences before --from are left out', () => {
    const from = DateTime.fromISO('2026-05-10', { zone: 'UTC' });
    expect(repeat('UTC', '2026-05-04', 'FREQ=DAILY;COUNT=10', { from })).toEqual([10, 11, 12, 13].map((day) => `2026-05-${day}T09:00Z a segment`));
  });
});

describe('malformed and pathological rules', () => {
  const bad = ['FREQ=DAILY;INTERVAL=x', 'FREQ=MINUTELY', 'FREQ=DAILY;INTERVAL=0', 'FREQ=DAILY;DTSTART=20260101T000000Z', 'every day', 'FREQ=HOURLY;BYHOUR=25', 'FREQ=DAILY;BYMONTH=13', 'FREQ=DAILY;BYMONTHDAY=0', 'FREQ=DAILY;BYSETPOS=0', 'FREQ=DAILY;BYDAY=XX', 'FREQ=DAILY;BYMINUTE=61', 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30', 'FREQ=HOURLY;BYMONTH=4,6;BYMONTHDAY=31,-31'];

  it.each(bad)('%s is reported as invalid-input by the model, and the timeline skips the send without hanging', (rule) => {
    const started = Date.now();
    const { plan, problems } = model({
      'plan.yaml': yaml('segments: [{id: s}]', 'calendar:', `  - {date: 2026-05-04, segment: s, template: a, repeat: "${rule}"}`),
      'templates.yaml': `${TEMPLATES}\n`,
    });
    expect(problems.map((problem) => [problem.rule, problem.location.line, problem.location.column])).toEqual([['invalid-input', 3, 57]]);
    const timelines = buildTimelines(plan, SETTINGS);
    expect(timelines.timeline('s')).toEqual([]);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('rules that can never occur expand to nothing, quickly', () => {
    const first = DateTime.fromISO('2026-01-01T09:00', { zone: 'Europe/Paris' });
    const end = DateTime.fromISO('2026-12-31T23:00', { zone: 'Europe/Paris' });
    // rrule alone scans to the year 9999 on these (7 s for the daily one), or never stops (the hourly ones).
    for (const rule of ['FREQ=DAILY;BYSETPOS=2', 'FREQ=MONTHLY;BYDAY=+6MO', 'FREQ=HOURLY;INTERVAL=24;BYHOUR=10', 'FREQ=HOURLY;INTERVAL=6;BYHOUR=10,11']) {
      const started = Date.now();
      const parsed = parseRecurrence(rule);
      expect('options' in parsed ? expandRecurrence(parsed.options, first, end) : parsed).toEqual([]);
      expect(Date.now() - started, rule).toBeLessThan(3000);
    }
  });

  it('an hourly rule whose hours are reachable still expands', () => {
    const first = DateTime.fromISO('2026-01-01T09:00', { zone: 'Europe/Paris' });
    const parsed = parseRecurrence('FREQ=HOURLY;INTERVAL=6;BYHOUR=15,21;COUNT=3');
    expect('options' in parsed && expandRecurrence(parsed.options, first, first.plus({ days: 3 })).map(local)).toEqual(['2026-01-01T15:00+01:00', '2026-01-01T21:00+01:00', '2026-01-02T15:00+01:00']);
  });
});

describe('durations', () => {
  it.each([
    ['P7D', { days: 7 }],
    ['PT36H', { hours: 36 }],
    ['P1W', { weeks: 1 }],
    ['-P180D', { days: -180 }],
    ['7d', { days: 7 }],
    ['36h', { hours: 36 }],
    ['30m', { minutes: 30 }],
    ['2w', { weeks: 2 }],
    ['-2w', { weeks: -2 }],
  ])('%s', (text, expected) => {
    expect(parseDuration(text)?.toObject()).toEqual(expected);
  });

  it.each(['7', 'd7', '7y', 'P7X', '', 'seven days'])('rejects %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});
