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
  return { options };
}

/** Wall-clock time as a UTC Date: rrule then counts in local time, so a weekly 09:00 send stays 09:00 across DST. */
const wall = (time: DateTime): Date => new Date(Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second));

/**
 * Every occurrence of a recurring send from `first` (its zoned start) up to `end`, in local time of its zone.
 * Occurrences that fall in a DST gap move forward as the zone's clocks do.
 */
export function expandRecurrence(options: Partial<Options>, first: DateTime, end: DateTime): DateTime[] {
  // An UNTIL is read as wall-clock time too, like the start.
  const rule = new RRule({ ...options, dtstart: wall(first) });
  const occurrences: DateTime[] = [];
  const lastWall = wall(end.setZone(first.zone).plus({ days: 1 }));
  rule.between(wall(first), lastWall, true, (date, index) => {
    if (index >= MAX_OCCURRENCES) return false;
    const local = DateTime.fromObject(
      { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour: date.getUTCHours(), minute: date.getUTCMinutes(), second: date.getUTCSeconds() },
      { zone: first.zone },
    );
    if (local <= end) occurrences.push(local);
    return local <= end;
  });
  return occurrences;
}
