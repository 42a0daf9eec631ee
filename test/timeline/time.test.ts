import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { model } from '../model/helpers.js';
import { buildTimelines } from '../../src/timeline/build.js';
import { parseExportDate, parseIsoDate } from '../../src/time/dates.js';
import { parseDuration, readDuration } from '../../src/time/durations.js';
import { expandRecurrence, expansionsUntil, parseRecurrence } from '../../src/time/recurrence.js';
import { eventSpan, zoneNamed } from '../../src/time/zoned.js';
import { SETTINGS, TEMPLATES, lines, local, timelinesOf, yaml } from './helpers.js';

/** An expansion's instants as times in the zone of its first. */
const zonedIn = (first: DateTime) => (millis: number): DateTime => DateTime.fromMillis(millis, { zone: first.zone });

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

describe('a dated event: a date alone is the whole local day (SPEC 3.4, issue 13 item 5)', () => {
  const span = (text: string, zone: string): [string, string] => {
    const parsed = parseIsoDate(text);
    if (!('date' in parsed)) throw new Error(parsed.error);
    const { start, end } = eventSpan(parsed.date, zone);
    return [start.toISO()!, end.toISO()!];
  };

  it('runs from the first instant of the day to the next day\'s, in the zone', () => {
    expect(span('2026-06-01', 'Europe/Paris')).toEqual(['2026-06-01T00:00:00.000+02:00', '2026-06-02T00:00:00.000+02:00']);
    expect(span('2026-06-01', 'Asia/Shanghai')).toEqual(['2026-06-01T00:00:00.000+08:00', '2026-06-02T00:00:00.000+08:00']);
  });

  it('is 23 hours long when clocks go forward and 25 when they go back', () => {
    expect(span('2026-03-29', 'Europe/Paris')).toEqual(['2026-03-29T00:00:00.000+01:00', '2026-03-30T00:00:00.000+02:00']);
    expect(span('2026-10-25', 'Europe/Paris')).toEqual(['2026-10-25T00:00:00.000+02:00', '2026-10-26T00:00:00.000+01:00']);
  });

  it('is one instant for a date-time, with or without an offset', () => {
    expect(span('2026-06-01T10:00', 'Europe/Paris')).toEqual(['2026-06-01T10:00:00.000+02:00', '2026-06-01T10:00:00.000+02:00']);
    expect(span('2026-06-01T10:00Z', 'Europe/Paris')).toEqual(['2026-06-01T12:00:00.000+02:00', '2026-06-01T12:00:00.000+02:00']);
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

  it('a row past 10,000 occurrences keeps the first ones, and warns once that the rest were not expanded', () => {
    const { plan, problems } = model({
      'plan.yaml': yaml('segments: [{id: s}, {id: t, timezone: Asia/Tokyo}]', 'calendar:', '  - {date: 2026-01-05, segments: [s, t], template: a, repeat: FREQ=HOURLY}'),
      'templates.yaml': `${TEMPLATES}\n`,
    });
    expect(problems).toEqual([]);
    const timelines = buildTimelines(plan, { ...SETTINGS, to: DateTime.fromISO('2030-01-01', { zone: 'UTC' }) });
    expect(timelines.addressedTo('s')).toHaveLength(10_000);
    expect(timelines.problems.map(({ rule, severity, message, location }) => [rule, severity, location.line, location.column, message])).toEqual([
      [
        'invalid-input',
        'warning',
        3,
        63,
        'repeat "FREQ=HOURLY" has more than 10,000 occurrences up to the end of the horizon: only the first 10,000 (to 2027-02-26 00:00 UTC) are checked; give it COUNT or UNTIL, or end the horizon sooner with --to',
      ],
    ]);
  });

  it('occurrences before --from are left out', () => {
    const from = DateTime.fromISO('2026-05-10', { zone: 'UTC' });
    expect(repeat('UTC', '2026-05-04', 'FREQ=DAILY;COUNT=10', { from })).toEqual([10, 11, 12, 13].map((day) => `2026-05-${day}T09:00Z a segment`));
  });
});

describe('malformed and pathological rules', () => {
  const bad = ['FREQ=DAILY;INTERVAL=x', 'FREQ=MINUTELY', 'FREQ=DAILY;INTERVAL=0', 'FREQ=DAILY;DTSTART=20260101T000000Z', 'every day', 'FREQ=HOURLY;BYHOUR=25', 'FREQ=DAILY;BYMONTH=13', 'FREQ=DAILY;BYMONTHDAY=0', 'FREQ=DAILY;BYSETPOS=0', 'FREQ=DAILY;BYDAY=XX', 'FREQ=DAILY;BYMINUTE=61', 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30', 'FREQ=HOURLY;BYMONTH=4,6;BYMONTHDAY=31,-31', 'FREQ=WEEKLY;COUNT=-1', 'FREQ=WEEKLY;UNTIL=20261345T000000Z', 'FREQ=MONTHLY;BYDAY=+9MO', 'FREQ=SECONDLY', 'FREQ=DAILY;BYSETPOS=2', 'FREQ=WEEKLY;BYDAY=MO;WKST=XX'];

  it.each(bad)('%s is reported as invalid-input by the model, and the timeline skips the send without hanging', (rule) => {
    const { plan, problems } = model({
      'plan.yaml': yaml('segments: [{id: s}]', 'calendar:', `  - {date: 2026-05-04, segment: s, template: a, repeat: "${rule}"}`),
      'templates.yaml': `${TEMPLATES}\n`,
    });
    expect(problems.map((problem) => [problem.rule, problem.location.line, problem.location.column])).toEqual([['invalid-input', 3, 57]]);
    const timelines = buildTimelines(plan, SETTINGS);
    expect(timelines.timeline('s')).toEqual([]);
  });

  it('rules that can never occur expand to nothing (rrule alone would scan for ever)', () => {
    const first = DateTime.fromISO('2026-01-01T09:00', { zone: 'Europe/Paris' });
    const end = DateTime.fromISO('2026-12-31T23:00', { zone: 'Europe/Paris' });
    // rrule alone scans to the year 9999 on these (7 s for the daily one), or never stops (the hourly ones).
    for (const rule of ['FREQ=MONTHLY;BYDAY=MO;BYSETPOS=6', 'FREQ=HOURLY;INTERVAL=24;BYHOUR=10', 'FREQ=HOURLY;INTERVAL=6;BYHOUR=10,11']) {
      const parsed = parseRecurrence(rule);
      expect('options' in parsed ? expandRecurrence(parsed.options, first.toMillis(), first.zone, end.toMillis()).times.map(zonedIn(first)) : parsed).toEqual([]);
    }
  });

  it('a rule expanded once for all zones is cut only when each zone alone would cut it', () => {
    // The 10,001st hour from 2026-01-01 00:00 is 2027-02-21 16:00 on the wall clock: a day and an hour past the end in
    // UTC (and more in New York), where expanding stops at the end's wall-clock time plus a day, but within the bound a
    // shared expansion runs to; in Tokyo the end's wall-clock time is 2027-02-21 00:00, so the cap cuts it there.
    const parsed = parseRecurrence('FREQ=HOURLY');
    const end = Date.parse('2027-02-20T15:00Z');
    const expand = expansionsUntil(end);
    for (const name of ['UTC', 'Asia/Tokyo', 'America/New_York']) {
      const zone = zoneNamed(name);
      const first = DateTime.fromISO('2026-01-01T00:00', { zone }).toMillis();
      const shared = 'options' in parsed && expand('FREQ=HOURLY', parsed.options, first, zone);
      expect(shared && shared.cut, name).toBe(name === 'Asia/Tokyo');
      expect(shared, name).toEqual('options' in parsed && expandRecurrence(parsed.options, first, zone, end));
    }
  });

  it('an hourly rule whose hours are reachable still expands', () => {
    const first = DateTime.fromISO('2026-01-01T09:00', { zone: 'Europe/Paris' });
    const parsed = parseRecurrence('FREQ=HOURLY;INTERVAL=6;BYHOUR=15,21;COUNT=3');
    expect('options' in parsed && expandRecurrence(parsed.options, first.toMillis(), first.zone, first.plus({ days: 3 }).toMillis()).times.map(zonedIn(first)).map(local)).toEqual(['2026-01-01T15:00+01:00', '2026-01-01T21:00+01:00', '2026-01-02T15:00+01:00']);
  });
});

describe('every part of a rule is checked before rrule sees it (issue 8)', () => {
  const WEEKDAYS = 'MO, TU, WE, TH, FR, SA, SU';
  it.each([
    ['FREQ=WEEKLY;COUNT=-1', 'COUNT "-1" must be a whole number, 1 or more'],
    ['FREQ=DAILY;INTERVAL=x', 'INTERVAL "x" must be a whole number, 1 or more'],
    ['FREQ=DAILY;INTERVAL=0', 'INTERVAL "0" must be a whole number, 1 or more'],
    ['FREQ=WEEKLY;UNTIL=20261345T000000Z', 'UNTIL "20261345T000000Z" is not a real date (month 13 does not exist)'],
    ['FREQ=WEEKLY;UNTIL=2026-12-31', 'UNTIL "2026-12-31" is not a date: write 20261231 or 20261231T090000'],
    ['FREQ=WEEKLY;UNTIL=00500101', 'UNTIL "00500101" is out of range: cxlint reads years 1900 to 9999'],
    ['FREQ=MONTHLY;BYDAY=+9MO', 'BYDAY "+9MO": a month has at most 5 of each weekday, so the ordinal must be 1 to 5 or -1 to -5'],
    ['FREQ=YEARLY;BYMONTH=2;BYDAY=6MO', 'BYDAY "6MO": a month has at most 5 of each weekday, so the ordinal must be 1 to 5 or -1 to -5'],
    ['FREQ=YEARLY;BYDAY=-54MO', 'BYDAY "-54MO": a year has at most 53 of each weekday, so the ordinal must be 1 to 53 or -1 to -53'],
    ['FREQ=WEEKLY;BYDAY=XX', `BYDAY "XX" is not a weekday (${WEEKDAYS}, with an optional ordinal such as 1MO or -1FR)`],
    ['FREQ=WEEKLY;BYDAY=MO,', `BYDAY "" is not a weekday (${WEEKDAYS}, with an optional ordinal such as 1MO or -1FR)`],
    ['FREQ=WEEKLY;BYDAY=1MO', 'BYDAY "1MO": an ordinal (the 1 in 1MO) only works in a MONTHLY or YEARLY rule; write MO'],
    ['FREQ=YEARLY;BYWEEKNO=20;BYDAY=-1FR', 'BYDAY "-1FR": an ordinal (the -1 in -1FR) cannot be combined with BYWEEKNO; write FR'],
    ['FREQ=WEEKLY;BYDAY=MO;WKST=XX', `WKST "XX" is not a weekday (${WEEKDAYS})`],
    ['FREQ=SECONDLY', 'FREQ "SECONDLY" repeats more often than hourly; the most a send may repeat is FREQ=HOURLY'],
    ['FREQ=MINUTELY;COUNT=3', 'FREQ "MINUTELY" repeats more often than hourly; the most a send may repeat is FREQ=HOURLY'],
    ['FREQ=FORTNIGHTLY', 'FREQ "FORTNIGHTLY" is not a frequency (YEARLY, MONTHLY, WEEKLY, DAILY or HOURLY)'],
    ['BYDAY=MO', 'FREQ is missing (YEARLY, MONTHLY, WEEKLY, DAILY or HOURLY)'],
    ['FREQ=WEEKLY;BYMONHTDAY=1', 'unknown part "BYMONHTDAY"; did you mean "BYMONTHDAY"?'],
    ['FREQ=YEARLY;BYEASTER=0', 'unknown part "BYEASTER"; the parts are FREQ, INTERVAL, COUNT, UNTIL, BYMONTH, BYWEEKNO, BYYEARDAY, BYMONTHDAY, BYDAY, BYHOUR, BYMINUTE, BYSECOND, BYSETPOS, WKST'],
    ['FREQ=WEEKLY;MO', '"MO" is not NAME=VALUE (such as BYDAY=MO)'],
    ['FREQ=WEEKLY;freq=DAILY', 'FREQ is given twice'],
    ['FREQ=WEEKLY;COUNT=3;UNTIL=20261231', 'give COUNT or UNTIL, not both'],
    ['FREQ=DAILY;DTSTART=20260101T000000Z', "DTSTART is not used: the rule starts at the send's date, in its timezone"],
    ['FREQ=DAILY;TZID=Europe/Paris', "TZID is not used: the rule starts at the send's date, in its timezone"],
    ['FREQ=HOURLY;BYHOUR=25', 'BYHOUR "25" is not an hour (0 to 23)'],
    ['FREQ=DAILY;BYMINUTE=61', 'BYMINUTE "61" is not a minute (0 to 59)'],
    ['FREQ=DAILY;BYSECOND=60', 'BYSECOND "60" is not a second (0 to 59)'],
    ['FREQ=DAILY;BYMONTH=0,13', 'BYMONTH "0" is not a month (1 to 12)'],
    ['FREQ=MONTHLY;BYMONTHDAY=32', 'BYMONTHDAY "32" is not a day of the month (1 to 31, or -1 to -31 counting from the end)'],
    ['FREQ=YEARLY;BYYEARDAY=-367', 'BYYEARDAY "-367" is not a day of the year (1 to 366, or -1 to -366 counting from the end)'],
    ['FREQ=YEARLY;BYWEEKNO=0', 'BYWEEKNO "0" is not a week of the year (1 to 53, or -1 to -53 counting from the end)'],
    ['FREQ=MONTHLY;BYDAY=MO;BYSETPOS=0', 'BYSETPOS "0" is not a position (1 to 366, or -1 to -366 counting from the end)'],
    ['FREQ=DAILY;BYSETPOS=2', 'BYSETPOS picks among the occurrences another BY part gives (as in FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1), and this rule has none'],
    ['FREQ=DAILY;BYHOUR=8,13,13;BYSETPOS=3', 'BYSETPOS "3" never picks anything: one day of this rule has at most 2 occurrences'],
    ['FREQ=HOURLY;BYHOUR=9,10;BYMINUTE=1,2,3;BYSETPOS=1,-300', 'BYSETPOS "-300" never picks anything: one hour of this rule has at most 3 occurrences'],
    ['FREQ=MONTHLY;BYDAY=MO;BYSETPOS=32', 'BYSETPOS "32" never picks anything: one month of this rule has at most 31 occurrences'],
    ['FREQ=MONTHLY;BYWEEKNO=3', 'BYWEEKNO only works in a YEARLY rule'],
    ['FREQ=DAILY;BYYEARDAY=40', 'BYYEARDAY does not work in a DAILY rule (only in YEARLY and HOURLY ones)'],
    ['FREQ=WEEKLY;BYMONTHDAY=1', 'BYMONTHDAY does not work in a WEEKLY rule; for a day of the month, use FREQ=MONTHLY'],
    ['FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30', 'it never occurs: no month it names has day 30'],
  ])('%s: %s', (rule, message) => {
    expect(parseRecurrence(rule)).toEqual({ error: `repeat "${rule}": ${message}` });
  });

  it('says what a rule is when the text is not one, and shortens a long rule', () => {
    expect(parseRecurrence('every day')).toEqual({
      error: 'repeat "every day" is not a recurrence rule: write an iCalendar RRULE such as FREQ=WEEKLY;BYDAY=MO;COUNT=6, or daily, weekly, monthly',
    });
    const long = `FREQ=WEEKLY;BYDAY=${'MO,'.repeat(30)}XX`;
    expect(parseRecurrence(long)).toEqual({ error: `repeat "${long.slice(0, 60)}…": BYDAY "XX" is not a weekday (${WEEKDAYS}, with an optional ordinal such as 1MO or -1FR)` });
  });

  it.each([
    'freq=weekly;byday=mo,fr',
    'RRULE:FREQ=DAILY;COUNT=2',
    'FREQ=MONTHLY;BYDAY=-1FR',
    'FREQ=MONTHLY;BYDAY=+5SU',
    'FREQ=YEARLY;BYDAY=53MO',
    'FREQ=YEARLY;BYMONTH=2;BYDAY=-1MO',
    'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1',
    'FREQ=WEEKLY;BYDAY=MO;WKST=SU',
    'FREQ=WEEKLY;INTERVAL=2;UNTIL=20261231T090000Z',
    'FREQ=YEARLY;BYWEEKNO=53;BYDAY=MO',
    'FREQ=HOURLY;BYYEARDAY=1;BYHOUR=9',
    'FREQ=WEEKLY;COUNT=3;',
  ])('accepts %s', (rule) => {
    expect(parseRecurrence(rule)).toHaveProperty('options');
  });

  it('reads every part into the options rrule expands', () => {
    const parsed = parseRecurrence('FREQ=MONTHLY;INTERVAL=2;COUNT=4;BYDAY=-1FR,MO;BYMONTH=1,7;BYHOUR=9;BYMINUTE=30;WKST=SU');
    expect('options' in parsed && parsed.options).toMatchObject({ freq: 1, interval: 2, count: 4, bymonth: [1, 7], byhour: [9], byminute: [30], wkst: 6 });
    expect('options' in parsed && parsed.options.byweekday?.toString()).toBe('-1FR,MO');
    const until = parseRecurrence('FREQ=DAILY;UNTIL=20260503T090000');
    expect('options' in until && until.options.until?.toISOString()).toBe('2026-05-03T09:00:00.000Z');
  });

  it('a huge INTERVAL leaves the first occurrence only', () => {
    const first = DateTime.fromISO('2026-01-01T09:00', { zone: 'UTC' });
    for (const freq of ['YEARLY', 'MONTHLY', 'WEEKLY', 'DAILY', 'HOURLY']) {
      const parsed = parseRecurrence(`FREQ=${freq};INTERVAL=99999999999999999999`);
      expect('options' in parsed && expandRecurrence(parsed.options, first.toMillis(), first.zone, first.plus({ years: 5 }).toMillis()).times.map(zonedIn(first)).map(local)).toEqual(['2026-01-01T09:00Z']);
    }
  });
});

describe('dates are within the years 1900 to 9999 (issue 8)', () => {
  it.each([
    ['0050-01-04', '"0050-01-04" is out of range: cxlint reads years 1900 to 9999'],
    ['1899-12-31T23:59', '"1899-12-31T23:59" is out of range: cxlint reads years 1900 to 9999'],
  ])('rejects %s', (text, error) => {
    expect(parseIsoDate(text)).toEqual({ error });
  });

  it('accepts the first and the last day of the range', () => {
    expect(parseIsoDate('1900-01-01')).toEqual({ date: { local: '1900-01-01', hasTime: false } });
    expect(parseIsoDate('9999-12-31T23:59')).toEqual({ date: { local: '9999-12-31T23:59:00', hasTime: true } });
  });

  it('checks export dates read with a dateFormat too', () => {
    expect(parseExportDate('04/01/0050', 'dd/MM/yyyy')).toEqual({ error: '"04/01/0050" is out of range: cxlint reads years 1900 to 9999' });
    expect(parseExportDate('04/01/1950', 'dd/MM/yyyy')).toEqual({ date: { local: '1950-01-04', hasTime: false } });
  });

  it("reads ISO 8601's basic form (20260413, 20260413T0930) without a dateFormat, as the extended one", () => {
    expect(parseExportDate('20260413', undefined)).toEqual({ date: { local: '2026-04-13', hasTime: false } });
    expect(parseExportDate('20260413T093015', undefined)).toEqual({ date: { local: '2026-04-13T09:30:15', hasTime: true } });
    expect(parseExportDate('20261341', undefined)).toEqual({ error: '"20261341" is not a real date (month 13 does not exist)' });
    // With a dateFormat, eight digits are read by it.
    expect(parseExportDate('13042026', 'ddMMyyyy')).toEqual({ date: { local: '2026-04-13', hasTime: false } });
  });

  it('without a dateFormat, says which one reads a date, or the readings of an ambiguous one; the format it names reads it', () => {
    const where = 'set inputs[].dateFormat for this file in cxlint.config.yaml';
    const cases: Array<[string, string]> = [
      ['13/04/2026', `date "13/04/2026" is not ISO 8601 (2026-04-13): ${where}: dateFormat: dd/MM/yyyy`],
      ['2026/04/13', `date "2026/04/13" is not ISO 8601 (2026-04-13): ${where}: dateFormat: yyyy/MM/dd`],
      ['13.4.2026 9:30', `date "13.4.2026 9:30" is not ISO 8601 (2026-04-13T09:30): ${where}: dateFormat: dd.M.yyyy H:mm`],
      ['03/04/2026', `ambiguous date "03/04/2026": it reads as 2026-04-03 by dd/MM/yyyy, or 2026-03-04 by MM/dd/yyyy; ${where} to the one your tool exports`],
      ['3-4-2026', `ambiguous date "3-4-2026": it reads as 2026-04-03 by d-M-yyyy, or 2026-03-04 by M-d-yyyy; ${where} to the one your tool exports`],
      ['next Tuesday', `date "next Tuesday" is not ISO 8601 (2026-04-13, 2026-04-13T09:30): ${where} to how it is written, in Unicode date field symbols (such as dd/MM/yyyy HH:mm)`],
    ];
    for (const [text, message] of cases) expect(parseExportDate(text, undefined)).toEqual({ error: message });
    expect(parseExportDate('13.4.2026 9:30', 'dd.M.yyyy H:mm')).toEqual({ date: { local: '2026-04-13T09:30:00', hasTime: true } });
    expect(parseExportDate('3-4-2026', 'M-d-yyyy')).toEqual({ date: { local: '2026-03-04', hasTime: false } });
    expect(parseExportDate('13/04/2026T09:30', undefined)).toEqual({ error: `date "13/04/2026T09:30" is not ISO 8601 (2026-04-13T09:30): ${where}: dateFormat: dd/MM/yyyy'T'HH:mm` });
    expect(parseExportDate('13/04/2026T09:30', "dd/MM/yyyy'T'HH:mm")).toEqual({ date: { local: '2026-04-13T09:30:00', hasTime: true } });
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

describe('durations are checked for sign and length (issue 8)', () => {
  it.each([
    ['-P7D', { what: 'a wait' }, '"-P7D" is negative: a wait must be zero or longer, such as P7D'],
    ['-2w', { what: 'within' }, '"-2w" is negative: within must be zero or longer, such as 2w'],
    ['P100000000D', { what: 'a wait' }, '"P100000000D" is longer than 100 years, the longest duration cxlint reads'],
    ['-P101Y', 'signed', '"-P101Y" is longer than 100 years, the longest duration cxlint reads'],
    ['P', 'signed', '"P" is not a duration: write P7D, PT36H, -P180D, or 7d, 36h, 30m, 2w'],
    ['-PT', { what: 'a wait' }, '"-PT" is not a duration: write P7D, PT36H, -P180D, or 7d, 36h, 30m, 2w'],
    ['seven days', 'signed', '"seven days" is not a duration: write P7D, PT36H, -P180D, or 7d, 36h, 30m, 2w'],
  ] as const)('%s', (text, use, error) => {
    expect(readDuration(text, use)).toEqual({ error });
  });

  it.each([
    ['-P180D', 'signed', { days: -180 }],
    ['P0D', { what: 'a wait' }, { days: 0 }],
    ['P100Y', { what: 'a wait' }, { years: 100 }],
    ['PT876000H', 'signed', { hours: 876_000 }],
  ] as const)('accepts %s', (text, use, expected) => {
    const read = readDuration(text, use);
    expect('duration' in read && read.duration.toObject()).toEqual(expected);
  });
});
