import { DateTime } from 'luxon';
import type { Zone } from 'luxon';
import rrule from 'rrule';
import type { Options } from 'rrule';
import { didYouMean } from '../shared/did-you-mean.js';
import { impossible, yearProblem } from './dates.js';
import { DAY, localMillis, wallMillis } from './zoned.js';

const { RRule, Frequency, Weekday } = rrule;

const WORDS: Record<string, string> = { daily: 'FREQ=DAILY', weekly: 'FREQ=WEEKLY', monthly: 'FREQ=MONTHLY' };
/** A bound on occurrences of one send within the horizon, so that no rule can exhaust memory. */
export const MAX_OCCURRENCES = 10_000;

/** A repeat rule as rrule takes it. */
export type RecurrenceOptions = Partial<Options>;
export type Recurrence = { options: RecurrenceOptions } | { error: string };

/** The frequencies a send may repeat at. More often than hourly is no marketing plan, and costly to expand. */
const FREQUENCIES: Record<string, rrule.Frequency> = {
  YEARLY: Frequency.YEARLY,
  MONTHLY: Frequency.MONTHLY,
  WEEKLY: Frequency.WEEKLY,
  DAILY: Frequency.DAILY,
  HOURLY: Frequency.HOURLY,
};
const TOO_FREQUENT = new Set(['MINUTELY', 'SECONDLY']);
const FREQUENCY_LIST = 'YEARLY, MONTHLY, WEEKLY, DAILY or HOURLY';

/** The parts of RFC 5545's RRULE that cxlint reads (rrule also takes BYEASTER and BYWEEKDAY, which are not iCalendar). */
const PART_NAMES = ['FREQ', 'INTERVAL', 'COUNT', 'UNTIL', 'BYMONTH', 'BYWEEKNO', 'BYYEARDAY', 'BYMONTHDAY', 'BYDAY', 'BYHOUR', 'BYMINUTE', 'BYSECOND', 'BYSETPOS', 'WKST'];
/** The start of a send is its date, in its zone: a rule cannot move it. */
const START_PARTS = new Set(['DTSTART', 'TZID']);

/** rrule numbers weekdays from Monday. */
const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
/** A weekday with an optional ordinal of up to three digits (enough to say which are out of range). */
const WEEKDAY = new RegExp(`^([+-]?\\d{1,3})?(${WEEKDAYS.join('|')})$`);

interface NumberList {
  key: keyof Options;
  /** What one value is, for messages: "a month". */
  what: string;
  low: number;
  high: number;
  /** Values count from the end too (-1 is the last), and 0 is none. */
  signed: boolean;
}

/**
 * RFC 5545's ranges of the parts that list numbers. Out of them, rrule loops for ever (BYHOUR=25), scans to the year
 * 9999, throws (BYSETPOS=0) or rolls over (BYSECOND=60 is the next minute: RFC 5545's leap second is not read).
 */
const NUMBER_LISTS: Record<string, NumberList> = {
  BYMONTH: { key: 'bymonth', what: 'a month', low: 1, high: 12, signed: false },
  BYWEEKNO: { key: 'byweekno', what: 'a week of the year', low: 1, high: 53, signed: true },
  BYYEARDAY: { key: 'byyearday', what: 'a day of the year', low: 1, high: 366, signed: true },
  BYMONTHDAY: { key: 'bymonthday', what: 'a day of the month', low: 1, high: 31, signed: true },
  BYHOUR: { key: 'byhour', what: 'an hour', low: 0, high: 23, signed: false },
  BYMINUTE: { key: 'byminute', what: 'a minute', low: 0, high: 59, signed: false },
  BYSECOND: { key: 'bysecond', what: 'a second', low: 0, high: 59, signed: false },
  BYSETPOS: { key: 'bysetpos', what: 'a position', low: 1, high: 366, signed: true },
};

/** A rule's parts by name (upper case), with their values as written; its frequency once read. */
interface Parts {
  values: Map<string, string>;
  freq: rrule.Frequency;
}

/** What one part adds to rrule's options, or why it cannot. */
type Read = Partial<Options> | string;

/** A rule or value as a message quotes it: a long one is cut. */
export const quoted = (text: string): string => `"${text.length > 60 ? `${text.slice(0, 60)}…` : text}"`;

/**
 * Reads `repeat`: an iCalendar RRULE or the words daily, weekly, monthly. Every part is checked before rrule sees it —
 * rrule reads an unknown weekday as a crash, a month 13 as the next year, a negative COUNT as none, and loops for ever
 * on some values — and each problem is said with the part, its value, and what it accepts.
 */
export function parseRecurrence(text: string): Recurrence {
  const rule = WORDS[text.trim().toLowerCase()] ?? text.trim().replace(/^RRULE:/i, '');
  if (!rule.includes('=')) {
    return { error: `repeat ${quoted(text)} is not a recurrence rule: write an iCalendar RRULE such as FREQ=WEEKLY;BYDAY=MO;COUNT=6, or daily, weekly, monthly` };
  }
  const read = readRule(rule);
  return typeof read === 'string' ? { error: `repeat ${quoted(text)}: ${read}` } : { options: read };
}

function readRule(rule: string): Read {
  const values = splitParts(rule);
  if (typeof values === 'string') return values;
  const freq = readFrequency(values.get('FREQ'));
  if (typeof freq === 'string') return freq;
  const parts: Parts = { values, freq };
  const options: Partial<Options> = { freq };
  // BYDAY last: whether it may have ordinals depends on BYMONTH and BYWEEKNO, which must be read (and right) first.
  const names = [...values.keys()].filter((name) => name !== 'FREQ').sort((a, b) => Number(a === 'BYDAY') - Number(b === 'BYDAY'));
  for (const name of names) {
    const part = readPart(name, values.get(name)!, parts);
    if (typeof part === 'string') return part;
    Object.assign(options, part);
  }
  return combinationProblem(parts, options) ?? options;
}

/** `NAME=VALUE;…` as a map; empty parts (a trailing `;`) are skipped. */
function splitParts(rule: string): Map<string, string> | string {
  const values = new Map<string, string>();
  for (const part of rule.split(';').map((text) => text.trim())) {
    if (part === '') continue;
    const equals = part.indexOf('=');
    if (equals < 0) return `${quoted(part)} is not NAME=VALUE (such as BYDAY=MO)`;
    const name = part.slice(0, equals).trim().toUpperCase();
    if (START_PARTS.has(name)) return `${name} is not used: the rule starts at the send's date, in its timezone`;
    if (!PART_NAMES.includes(name)) {
      const hint = didYouMean(name, PART_NAMES);
      return `unknown part ${quoted(part.slice(0, equals).trim())}${hint ? `; did you mean "${hint}"?` : `; the parts are ${PART_NAMES.join(', ')}`}`;
    }
    if (values.has(name)) return `${name} is given twice`;
    values.set(name, part.slice(equals + 1).trim());
  }
  return values;
}

function readFrequency(value: string | undefined): rrule.Frequency | string {
  if (value === undefined) return `FREQ is missing (${FREQUENCY_LIST})`;
  const word = value.toUpperCase();
  if (TOO_FREQUENT.has(word)) return `FREQ ${quoted(value)} repeats more often than hourly; the most a send may repeat is FREQ=HOURLY`;
  return FREQUENCIES[word] ?? `FREQ ${quoted(value)} is not a frequency (${FREQUENCY_LIST})`;
}

function readPart(name: string, value: string, parts: Parts): Read {
  const list = NUMBER_LISTS[name];
  if (list) return readNumbers(name, value, list);
  switch (name) {
    case 'INTERVAL':
    case 'COUNT':
      return /^\+?\d+$/.test(value) && Number(value) >= 1 ? { [name.toLowerCase()]: Number(value) } : `${name} ${quoted(value)} must be a whole number, 1 or more`;
    case 'UNTIL':
      return readUntil(value);
    case 'WKST':
      return WEEKDAYS.includes(value.toUpperCase()) ? { wkst: WEEKDAYS.indexOf(value.toUpperCase()) } : `WKST ${quoted(value)} is not a weekday (${WEEKDAYS.join(', ')})`;
    default: // BYDAY, the one part left
      return readWeekdays(value, parts);
  }
}

function readNumbers(name: string, value: string, list: NumberList): Read {
  const numbers: number[] = [];
  for (const item of value.split(',').map((text) => text.trim())) {
    const number = /^[+-]?\d+$/.test(item) ? Number(item) : NaN;
    const inRange = list.signed ? number !== 0 && Math.abs(number) <= list.high : number >= list.low && number <= list.high;
    if (!inRange) {
      const range = list.signed ? `1 to ${list.high}, or -1 to -${list.high} counting from the end` : `${list.low} to ${list.high}`;
      return `${name} ${quoted(item)} is not ${list.what} (${range})`;
    }
    numbers.push(number);
  }
  return { [list.key]: numbers };
}

/** UNTIL as a date (`20261231`) or date-time (`20261231T090000`, a `Z` or not: it is wall-clock time, as the start is). */
function readUntil(value: string): Read {
  const match = /^(\d{8})(?:T(\d{6})Z?)?$/i.exec(value);
  if (!match) return `UNTIL ${quoted(value)} is not a date: write 20261231 or 20261231T090000`;
  const until = DateTime.fromFormat(`${match[1]}${match[2] ?? '000000'}`, 'yyyyMMddHHmmss', { zone: 'UTC' });
  if (!until.isValid) return `UNTIL ${quoted(value)} is not a real date (${impossible(until)})`;
  const range = yearProblem(value, until);
  return range ? `UNTIL ${range}` : { until: until.toJSDate() };
}

/** BYDAY: weekdays, each with an optional ordinal (1MO, the first Monday; -1FR, the last Friday) where the rule allows one. */
function readWeekdays(value: string, parts: Parts): Read {
  const days: rrule.Weekday[] = [];
  for (const item of value.split(',').map((text) => text.trim())) {
    const match = WEEKDAY.exec(item.toUpperCase());
    if (!match) return `BYDAY ${quoted(item)} is not a weekday (${WEEKDAYS.join(', ')}, with an optional ordinal such as 1MO or -1FR)`;
    const [, ordinal, day = ''] = match;
    const problem = ordinal === undefined ? undefined : ordinalProblem(item, ordinal, day, parts);
    if (problem) return problem;
    days.push(new Weekday(WEEKDAYS.indexOf(day), ordinal === undefined ? undefined : Number(ordinal)));
  }
  return { byweekday: days };
}

/**
 * An ordinal counts a weekday within the month (a MONTHLY rule, or a YEARLY one with BYMONTH) or the year, so RFC 5545
 * allows it in those rules only, and not with BYWEEKNO. rrule ignores it elsewhere, and finds no day past the fifth.
 */
function ordinalProblem(item: string, ordinal: string, day: string, parts: Parts): string | undefined {
  if (parts.freq !== Frequency.MONTHLY && parts.freq !== Frequency.YEARLY) {
    return `BYDAY ${quoted(item)}: an ordinal (the ${ordinal} in ${item}) only works in a MONTHLY or YEARLY rule; write ${day}`;
  }
  if (parts.values.has('BYWEEKNO')) return `BYDAY ${quoted(item)}: an ordinal (the ${ordinal} in ${item}) cannot be combined with BYWEEKNO; write ${day}`;
  const inMonth = parts.freq === Frequency.MONTHLY || parts.values.has('BYMONTH');
  const most = inMonth ? 5 : 53;
  const number = Number(ordinal);
  if (number !== 0 && Math.abs(number) <= most) return undefined;
  return `BYDAY ${quoted(item)}: a ${inMonth ? 'month' : 'year'} has at most ${most} of each weekday, so the ordinal must be 1 to ${most} or -1 to -${most}`;
}

/** The days one period of each frequency can have, and what the period is called. */
const PERIODS = new Map<rrule.Frequency, { days: number; name: string }>([
  [Frequency.YEARLY, { days: 366, name: 'year' }],
  [Frequency.MONTHLY, { days: 31, name: 'month' }],
  [Frequency.WEEKLY, { days: 7, name: 'week' }],
  [Frequency.DAILY, { days: 1, name: 'day' }],
  [Frequency.HOURLY, { days: 1, name: 'hour' }],
]);

/**
 * A BYSETPOS past the most occurrences one period can have: it never picks anything. rrule then scans for centuries,
 * or (a negative one) wraps round to the period's first day.
 */
function positionPastSet(parts: Parts, options: Partial<Options>): string | undefined {
  const positions = options.bysetpos as number[] | undefined;
  if (!positions) return undefined;
  const distinct = (key: keyof Options): number => new Set(options[key] as number[] | undefined).size || 1;
  const period = PERIODS.get(parts.freq)!;
  // An hourly period is one hour: BYHOUR picks hours, it adds no times within one.
  const times = (parts.freq === Frequency.HOURLY ? 1 : distinct('byhour')) * distinct('byminute') * distinct('bysecond');
  const most = period.days * times;
  const past = positions.find((position) => Math.abs(position) > most);
  if (past === undefined) return undefined;
  return `BYSETPOS ${quoted(String(past))} never picks anything: one ${period.name} of this rule has at most ${most} occurrence${most === 1 ? '' : 's'}`;
}

/** Parts that RFC 5545 does not allow together, and rules that can never occur. */
function combinationProblem(parts: Parts, options: Partial<Options>): string | undefined {
  const { values, freq } = parts;
  if (values.has('COUNT') && values.has('UNTIL')) return 'give COUNT or UNTIL, not both';
  if (values.has('BYWEEKNO') && freq !== Frequency.YEARLY) return 'BYWEEKNO only works in a YEARLY rule';
  if (values.has('BYYEARDAY') && [Frequency.MONTHLY, Frequency.WEEKLY, Frequency.DAILY].includes(freq)) {
    return `BYYEARDAY does not work in a ${values.get('FREQ')!.toUpperCase()} rule (only in YEARLY and HOURLY ones)`;
  }
  if (values.has('BYMONTHDAY') && freq === Frequency.WEEKLY) return 'BYMONTHDAY does not work in a WEEKLY rule; for a day of the month, use FREQ=MONTHLY';
  if (values.has('BYSETPOS') && ![...values.keys()].some((name) => name.startsWith('BY') && name !== 'BYSETPOS')) {
    return 'BYSETPOS picks among the occurrences another BY part gives (as in FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1), and this rule has none';
  }
  const pickless = positionPastSet(parts, options);
  if (pickless !== undefined) return pickless;
  const days = options.bymonthday as number[] | undefined;
  const months = options.bymonth as number[] | undefined;
  if (days && months && !months.some((month) => days.some((day) => Math.abs(day) <= DAYS_IN_MONTH[month - 1]!))) {
    return `it never occurs: no month it names has day ${days.join(', ')}`;
  }
  return undefined;
}

/** The most days each month can have (February in a leap year). */
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** 400 Gregorian years are exactly 146,097 days (20,871 weeks): shifting by them keeps every weekday and leap day. */
const CYCLE_YEARS = 400;
/** rrule scans up to this year when a rule has no further occurrence (BYMONTH=2;BYMONTHDAY=30). */
const RRULE_MAX_YEAR = 9999;

/** The occurrences of a recurring send, as instants (epoch ms); `cut` when MAX_OCCURRENCES stopped the expansion before the end. */
export interface Expansion {
  times: number[];
  cut: boolean;
}

/**
 * A rule's occurrences from a wall-clock start, as wall-clock times written as UTC (rrule counts in wall-clock time),
 * in rrule's order, up to a wall-clock bound: at most MAX_OCCURRENCES + 1, the last telling that the cap was reached.
 */
type WallOccurrences = number[];

/** The furthest east any zone's clocks are ahead of UTC (Kiribati, +14:00): no zone's wall clock reads later at an instant. */
const MOST_AHEAD = 14 * 3_600_000;

/** The occurrences of a send repeating `rule` (its text, which `options` was read from) from `first`, in `zone`. */
export type Expand = (rule: string, options: RecurrenceOptions, first: number, zone: Zone) => Expansion;

/**
 * The expansions of the repeat rules of one horizon, up to `end` (its last instant), each made once. rrule counts in
 * wall-clock time, which is the same in every zone: a rule from one wall-clock start is expanded once, up to a bound
 * past the horizon's end in every zone, and each zone reads its instants from those times (the rows of a plan repeat a
 * few rules from a few starts in several zones). A function, not a class: the command line's bundle loads this module
 * when a plan first repeats a send, through stubs that stand only for functions (scripts/bundle-cli.mjs).
 */
export function expansionsUntil(end: number): Expand {
  const walls = new Map<string, WallOccurrences>();
  const expansions = new Map<string, Expansion>();
  return (rule, options, first, zone) => {
    const key = `${rule}\u0000${first}\u0000${zone.name}`;
    let expansion = expansions.get(key);
    if (!expansion) {
      const firstWall = wallStart(first, zone);
      const wallKey = `${rule}\u0000${firstWall}`;
      const occurrences = walls.get(wallKey) ?? walls.set(wallKey, wallOccurrences(options, firstWall, end + MOST_AHEAD + DAY)).get(wallKey)!;
      expansion = inZone(occurrences, zone, end);
      expansions.set(key, expansion);
    }
    return expansion;
  };
}

/**
 * The occurrences of a recurring send from `first` (its instant) up to `end`, counted in wall-clock time of `zone`: the
 * first MAX_OCCURRENCES of them. Occurrences that fall in a DST gap move forward as the zone's clocks do. rrule counts
 * in wall-clock time written as UTC Dates, so a weekly 09:00 send stays 09:00 across DST. One rule in one zone alone,
 * to that zone's own bound: what expansionsUntil must give each zone (the tests hold it to this); the timelines
 * expand through expansionsUntil.
 */
export function expandRecurrence(options: RecurrenceOptions, first: number, zone: Zone, end: number): Expansion {
  return inZone(wallOccurrences(options, wallStart(first, zone), wallMillis(end, zone) + DAY), zone, end);
}

/**
 * A send's first instant as the wall-clock time rrule starts from: whole seconds, since rrule counts no milliseconds.
 * (rrule's Date.UTC reads the years 0 to 99 as 1900 to 1999: plan dates start in 1900.)
 */
function wallStart(first: number, zone: Zone): number {
  return Math.floor(wallMillis(first, zone) / 1000) * 1000;
}

/**
 * A zone's instants of a rule's wall-clock occurrences, up to `end`, in order; cut when the occurrence past the cap
 * comes within a day after the end's wall-clock time there (the bound the rule is expanded to for that zone alone).
 */
function inZone(walls: WallOccurrences, zone: Zone, end: number): Expansion {
  const times: number[] = [];
  for (const wall of walls.slice(0, MAX_OCCURRENCES)) {
    const instant = localMillis(wall, zone);
    if (instant <= end) times.push(instant);
  }
  const cut = walls.length > MAX_OCCURRENCES && walls[MAX_OCCURRENCES]! <= wallMillis(end, zone) + DAY;
  return { times: times.sort((a, b) => a - b), cut };
}

/** A rule's occurrences from `firstWall` to `lastWall`, both wall-clock times written as UTC. */
function wallOccurrences(options: RecurrenceOptions, firstWall: number, lastWall: number): WallOccurrences {
  // rrule steps hour by hour until BYHOUR matches: with INTERVAL=24;BYHOUR=10 from 09:00 it never does, and never stops.
  if (options.freq === Frequency.HOURLY && options.byhour !== undefined && options.byhour !== null) {
    const step = gcd(options.interval ?? 1, 24);
    const hour = new Date(firstWall).getUTCHours();
    if (![options.byhour].flat().some((byhour) => (byhour - hour) % step === 0)) return [];
  }
  // A rule with no occurrence left makes rrule scan to the year 9999: counted in wall time shifted by whole 400-year
  // cycles towards it, the scan past the horizon is at most one cycle, and the calendar is the same.
  const last = new Date(lastWall);
  const cycles = Math.max(0, Math.floor((RRULE_MAX_YEAR - last.getUTCFullYear()) / CYCLE_YEARS));
  const shift = (date: Date, years: number): Date => {
    const shifted = new Date(date.getTime());
    shifted.setUTCFullYear(date.getUTCFullYear() + years);
    return shifted;
  };
  const years = cycles * CYCLE_YEARS;
  // An UNTIL is read as wall-clock time too, like the start.
  const until = options.until ? shift(options.until, years) : options.until;
  const start = shift(new Date(firstWall), years);
  const rule = new RRule({ ...options, until, dtstart: start });
  const walls: WallOccurrences = [];
  // Not stopping at the first occurrence past the end: rrule gives those BYSETPOS picks out of order.
  rule.between(start, shift(last, years), true, (shifted) => walls.push(shift(shifted, -years).getTime()) <= MAX_OCCURRENCES);
  return walls;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
