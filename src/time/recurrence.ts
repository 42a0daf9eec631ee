import { DateTime } from 'luxon';
import rrule from 'rrule';
import type { Options } from 'rrule';

const { RRule, Frequency } = rrule;

/** Sends more often than hourly are no marketing plan, and would make expansion costly. */
const ALLOWED = new Set([Frequency.YEARLY, Frequency.MONTHLY, Frequency.WEEKLY, Frequency.DAILY, Frequency.HOURLY]);
const WORDS: Record<string, string> = { daily: 'FREQ=DAILY', weekly: 'FREQ=WEEKLY', monthly: 'FREQ=MONTHLY' };
/** A bound on occurrences of one send within the horizon, so that no rule can exhaust memory. */
export const MAX_OCCURRENCES = 10_000;

export type Recurrence = { options: Partial<Options> } | { error: string };

const NUMERIC: Array<keyof Options> = ['interval', 'count', 'wkst'];
const NUMERIC_LISTS: Array<keyof Options> = ['bysetpos', 'bymonth', 'bymonthday', 'byyearday', 'byweekno', 'byhour', 'byminute', 'bysecond'];

function hasOnlyWholeNumbers(options: Partial<Options>): boolean {
  const values: unknown[] = [...NUMERIC.map((key) => options[key]), ...NUMERIC_LISTS.flatMap((key) => [options[key]].flat())];
  return values.every((value) => value === undefined || value === null || Number.isInteger(value));
}

/** Reads `repeat`: an iCalendar RRULE or the words daily, weekly, monthly. */
export function parseRecurrence(text: string): Recurrence {
  const rule = WORDS[text.trim().toLowerCase()] ?? text.trim().replace(/^RRULE:/i, '');
  let options: Partial<Options>;
  try {
    options = RRule.parseString(rule);
  } catch (error) {
    return { error: `"${text}" is not a recurrence rule (${(error as Error).message}); write e.g. FREQ=WEEKLY;BYDAY=MO;COUNT=6, or daily, weekly, monthly` };
  }
  // rrule loops forever on some malformed values (INTERVAL=x), so every number is checked before expanding.
  if (options.freq === undefined || !hasOnlyWholeNumbers(options) || (options.interval !== undefined && options.interval < 1)) {
    return { error: `"${text}" is not a valid recurrence rule: it needs FREQ and whole numbers; write e.g. FREQ=WEEKLY;BYDAY=MO;COUNT=6` };
  }
  if (!ALLOWED.has(options.freq)) return { error: `"${text}" repeats more often than hourly` };
  if (options.dtstart || options.tzid) return { error: `"${text}": give the start as the send's date and zone, not in the rule` };
  // Values out of RFC 5545's ranges make rrule loop for ever (BYHOUR=25), scan to the year 9999 or throw (BYSETPOS=0).
  const outOfRange = Object.entries(RANGES).find(([key, [low, high, signed]]) =>
    [options[key as keyof Options]].flat().some((value) => typeof value === 'number' && (signed ? value === 0 || Math.abs(value) > high : value < low || value > high)),
  );
  if (outOfRange) return { error: `"${text}" is not a valid recurrence rule: ${outOfRange[0].toUpperCase()} is out of range` };
  if (options.bymonthday !== undefined && options.bymonthday !== null) {
    const days = [options.bymonthday].flat();
    const months = options.bymonth === undefined || options.bymonth === null ? [1] : [options.bymonth].flat();
    if (!months.some((month) => days.some((day) => Math.abs(day) <= DAYS_IN_MONTH[month - 1]!))) {
      return { error: `"${text}" never occurs: no month it names has day ${days.join(', ')}` };
    }
  }
  try {
    new RRule(options);
  } catch (error) {
    return { error: `"${text}" is not a valid recurrence rule (${(error as Error).message})` };
  }
  return { options };
}

/** RFC 5545 ranges: [low, high, signed] (signed: ±1…high, never 0). */
const RANGES: Partial<Record<keyof Options, [number, number, boolean]>> = {
  bymonth: [1, 12, false],
  byhour: [0, 23, false],
  byminute: [0, 59, false],
  bysecond: [0, 60, false],
  bymonthday: [1, 31, true],
  byyearday: [1, 366, true],
  byweekno: [1, 53, true],
  bysetpos: [1, 366, true],
};

/** The most days each month can have (February in a leap year). */
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** 400 Gregorian years are exactly 146,097 days (20,871 weeks): shifting by them keeps every weekday and leap day. */
const CYCLE_YEARS = 400;
/** rrule scans up to this year when a rule has no further occurrence (BYMONTH=2;BYMONTHDAY=30). */
const RRULE_MAX_YEAR = 9999;

/** Wall-clock time as a UTC Date: rrule then counts in local time, so a weekly 09:00 send stays 09:00 across DST. */
const wall = (time: DateTime): Date => new Date(Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second));

/**
 * Every occurrence of a recurring send from `first` (its zoned start) up to `end`, in local time of its zone.
 * Occurrences that fall in a DST gap move forward as the zone's clocks do.
 */
export function expandRecurrence(options: Partial<Options>, first: DateTime, end: DateTime): DateTime[] {
  // rrule steps hour by hour until BYHOUR matches: with INTERVAL=24;BYHOUR=10 from 09:00 it never does, and never stops.
  if (options.freq === Frequency.HOURLY && options.byhour !== undefined && options.byhour !== null) {
    const step = gcd(options.interval ?? 1, 24);
    if (![options.byhour].flat().some((hour) => (hour - first.hour) % step === 0)) return [];
  }
  // A rule with no occurrence left makes rrule scan to the year 9999: counted in wall time shifted by whole 400-year
  // cycles towards it, the scan past the horizon is at most one cycle, and the calendar is the same.
  const lastWall = wall(end.setZone(first.zone).plus({ days: 1 }));
  const cycles = Math.max(0, Math.floor((RRULE_MAX_YEAR - lastWall.getUTCFullYear()) / CYCLE_YEARS));
  const shift = (date: Date, years: number): Date => {
    const shifted = new Date(date.getTime());
    shifted.setUTCFullYear(date.getUTCFullYear() + years);
    return shifted;
  };
  const years = cycles * CYCLE_YEARS;
  // An UNTIL is read as wall-clock time too, like the start.
  const until = options.until ? shift(options.until, years) : options.until;
  const rule = new RRule({ ...options, until, dtstart: shift(wall(first), years) });
  const occurrences: DateTime[] = [];
  rule.between(shift(wall(first), years), shift(lastWall, years), true, (shifted, index) => {
    if (index >= MAX_OCCURRENCES) return false;
    const date = shift(shifted, -years);
    // DateTime.local, not fromObject: both guess the offset from the zone's offset now and correct it the same way, but
    // fromObject asks the zone for "now" on every call (an Intl lookup) and local() once per zone and run.
    const local = DateTime.local(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds(), { zone: first.zone });
    if (local <= end) occurrences.push(local);
    return local <= end;
  });
  return occurrences;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
