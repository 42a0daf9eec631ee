import { DateTime, IANAZone } from 'luxon';
import { flat } from '../shared/flat.js';

/** A date or date-time as the plan wrote it, checked to be real; the zone is applied later, on the timeline. */
export interface PlanDate {
  /** Local date-time `yyyy-MM-ddTHH:mm:ss`, or `yyyy-MM-dd` when no time was given. */
  local: string;
  /** `Z` or `±HH:mm` when the text carried an offset. */
  offset?: string;
  hasTime: boolean;
}

export type DateResult = { date: PlanDate } | { error: string };

const ISO_DATE = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Zone names already checked: luxon builds an Intl formatter for each check, and the timeline asks per send. */
const checkedZones = new Map<string, boolean>();

export function isValidTimeZone(name: string): boolean {
  let valid = checkedZones.get(name);
  if (valid === undefined) checkedZones.set(name, (valid = IANAZone.isValidZone(name)));
  return valid;
}

function fromDateTime(value: DateTime, hasTime: boolean): PlanDate {
  return { local: hasTime ? value.toFormat("yyyy-MM-dd'T'HH:mm:ss") : value.toFormat('yyyy-MM-dd'), hasTime };
}

/**
 * The years cxlint reads. Before 1900 no plan is, and `Date.UTC` (which rrule counts in) reads the years 0 to 99 as
 * 1900 to 1999; 9999 is the last year that ISO 8601 dates write with four digits, and the last that rrule expands.
 */
const YEARS = { first: 1900, last: 9999 } as const;

/** Why a real date cannot be read (its year is out of range), or undefined when it can. */
export function yearProblem(text: string, value: DateTime): string | undefined {
  if (value.year >= YEARS.first && value.year <= YEARS.last) return undefined;
  return `"${text}" is out of range: cxlint reads years ${YEARS.first} to ${YEARS.last}`;
}

/** The date as a plan date, or why it is out of range. */
function checked(text: string, value: DateTime, hasTime: boolean): DateResult {
  const problem = yearProblem(text, value);
  return problem ? { error: problem } : { date: fromDateTime(value, hasTime) };
}

/** Why luxon found a date impossible, in cxlint's words: `day 31 does not exist in that month`, `month 13 does not exist`. */
export function impossible(value: DateTime): string {
  const match = /specified (-?\d+) \(of type number\) as an? (\w+)/.exec(value.invalidExplanation ?? '');
  if (!match) return 'no such date or time';
  const [, amount, unit] = match;
  return `${unit} ${amount} does not exist${unit === 'day' ? ' in that month' : ''}`;
}

/** Reads an ISO 8601 date or date-time (`T` or a space between the two), rejecting impossible ones (2026-02-30). */
export function parseIsoDate(text: string): DateResult {
  const match = ISO_DATE.exec(text.trim());
  if (!match) return { error: `"${text}" is not a date: write 2026-06-30 or 2026-06-30T09:30` };
  const [, day = '', time, offset] = match;
  const result = plainDate(day, time) ?? checkedByLuxon(text, day, time);
  if ('date' in result && offset) result.date.offset = offset === 'Z' ? 'Z' : offset.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  return result;
}

/** Days in each month of a common year. */
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether a day of a month exists (29 February only in a leap year). */
function dayExists(year: number, month: number, day: number): boolean {
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month >= 1 && month <= 12 && day >= 1 && day <= MONTH_DAYS[month - 1]! + (leap ? 1 : 0);
}

/**
 * A real date and time within the years read, checked with a little arithmetic: a plan of 150,000 rows is read in
 * milliseconds instead of seconds of luxon. Anything else (an impossible date, hour 24, a year out of range) is left
 * to luxon, which says what is wrong.
 */
function plainDate(day: string, time: string | undefined): DateResult | undefined {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  const date = Number(day.slice(8, 10));
  if (year < YEARS.first || year > YEARS.last || !dayExists(year, month, date)) return undefined;
  if (time === undefined) return { date: { local: day, hasTime: false } };
  const seconds = time.length >= 8 ? time.slice(6, 8) : '00';
  if (Number(time.slice(0, 2)) > 23 || Number(time.slice(3, 5)) > 59 || Number(seconds) > 59) return undefined;
  return { date: { local: flat(`${day}T${time.slice(0, 5)}:${seconds}`), hasTime: true } };
}

function checkedByLuxon(text: string, day: string, time: string | undefined): DateResult {
  const value = DateTime.fromISO(time ? `${day}T${time}` : day, { zone: 'UTC' });
  if (!value.isValid) return { error: `"${text}" is not a real date (${impossible(value)})` };
  return checked(text, value, time !== undefined);
}

/** ISO 8601's basic form, `20260413` or `20260413T0930`: ISO 8601 as much as `2026-04-13` is. */
const ISO_BASIC = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?)?$/;

/** A day, month and year that exist: the date as ISO 8601 writes it, else undefined. */
function realDay(year: number, month: number, day: number): string | undefined {
  if (!dayExists(year, month, day)) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A day and month written with one or two digits, as luxon's format tokens say it (`d` reads 3, `dd` only 03). */
const token = (digits: string, unit: 'd' | 'M'): string => (digits.length === 1 ? unit : unit + unit);

/**
 * The ways a date written day-month-year, month-day-year or year-month-day can be read, each as the date it gives and
 * the `dateFormat` that reads it: worked out from the text (a file of 150,000 such cells asks once per cell), not by
 * trying formats. What an error about such a date suggests, and the formats `cxlint init` considers.
 */
export function readingsOf(text: string): Map<string, string> {
  const readings = new Map<string, string>();
  const clock = /[ T](\d{1,2}):(\d{2})$/.exec(text);
  const [hours, minutes] = [clock?.[1], clock?.[2]];
  const time = hours === undefined ? '' : `${clock![0][0] === 'T' ? "'T'" : ' '}${hours.length === 1 ? 'H' : 'HH'}:mm`;
  const add = (day: string | undefined, format: string): void => {
    const reading = day === undefined || hours === undefined ? day : `${day}T${hours.padStart(2, '0')}:${minutes}`;
    if (reading !== undefined && !readings.has(reading)) readings.set(reading, format + time);
  };
  const date = clock ? text.slice(0, clock.index) : text;
  const dayFirst = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/.exec(date);
  if (dayFirst) {
    const [, a = '', separator = '', b = '', year = ''] = dayFirst;
    add(realDay(Number(year), Number(b), Number(a)), `${token(a, 'd')}${separator}${token(b, 'M')}${separator}yyyy`);
    // Month first is the United States' way, with slashes or dashes; dots are day first.
    if (separator !== '.') add(realDay(Number(year), Number(a), Number(b)), `${token(a, 'M')}${separator}${token(b, 'd')}${separator}yyyy`);
  }
  const yearFirst = /^(\d{4})([/.])(\d{1,2})\2(\d{1,2})$/.exec(date);
  if (yearFirst) {
    const [, year = '', separator = '', month = '', day = ''] = yearFirst;
    add(realDay(Number(year), Number(month), Number(day)), `yyyy${separator}${token(month, 'M')}${separator}${token(day, 'd')}`);
  }
  return readings;
}

/**
 * Why a date without `dateFormat` is not read, and the `dateFormat` to set: the one that reads it, or the ones that read
 * it as different dates (03/04/2026: 3 April or March 4), never a guess.
 */
function undatedError(text: string): string {
  const where = 'set inputs[].dateFormat for this file in cxlint.config.yaml';
  const readings = readingsOf(text.trim());
  if (readings.size === 1) {
    const [day, format] = [...readings][0]!;
    return `date "${text}" is not ISO 8601 (${day}): ${where}: dateFormat: ${format}`;
  }
  if (readings.size > 1) {
    const ways = [...readings].map(([day, format]) => `${day} by ${format}`).join(', or ');
    return `ambiguous date "${text}": it reads as ${ways}; ${where} to the one your tool exports`;
  }
  return `date "${text}" is not ISO 8601 (2026-04-13, 2026-04-13T09:30): ${where} to how it is written, in Unicode date field symbols (such as dd/MM/yyyy HH:mm)`;
}

/**
 * Reads a date from a spreadsheet export. ISO 8601 always works (its basic form `20260413` too); any other form needs
 * `dateFormat`, because 03/04/2026 is March in one country and April in another — never guess.
 */
export function parseExportDate(text: string, dateFormat: string | undefined): DateResult {
  if (ISO_DATE.test(text.trim())) return parseIsoDate(text);
  // Eight digits are ISO 8601 only when no dateFormat says otherwise (ddMMyyyy).
  const basic = dateFormat ? null : ISO_BASIC.exec(text.trim());
  if (basic) {
    const [, year, month, day, hours, minutes, seconds] = basic;
    const result = parseIsoDate(`${year}-${month}-${day}${hours ? `T${hours}:${minutes}${seconds ? `:${seconds}` : ''}` : ''}`);
    return 'date' in result ? result : { error: result.error.replace(/"[^"]*"/, `"${text}"`) };
  }
  if (!dateFormat) return { error: undatedError(text) };
  const value = DateTime.fromFormat(text.trim(), dateFormat, { zone: 'UTC' });
  if (value.isValid) return checked(text, value, /[Hhms]/.test(dateFormat));
  if (value.invalidReason === 'unit out of range') return { error: `"${text}" is not a real date (${impossible(value)})` };
  return { error: `"${text}" does not match the dateFormat ${dateFormat}` };
}

/** Adds a separate time cell (HH:mm) to a date that has none. */
export function withTime(date: PlanDate, time: string): DateResult {
  if (date.hasTime) return { error: `the date already has a time, and the time column says ${time}` };
  const clock = readTimeOfDay(time);
  if ('error' in clock) return clock;
  const value = DateTime.fromISO(`${date.local}T${clock.time}`, { zone: 'UTC' });
  return { date: fromDateTime(value, true) };
}

/** A time cell as `HH:mm:ss`, or what is wrong with it: read alone too, for a row whose date is missing. */
export function readTimeOfDay(text: string): { time: string } | { error: string } {
  const time = timeOfDay(text.trim());
  return time ? { time } : { error: `"${text}" is not a time of day: write it as HH:mm (23:30), HH:mm:ss, or h:mm AM/PM (11:30 PM)` };
}

/**
 * A time of day as spreadsheets export it, none of them ambiguous: `9:30`, `09:30:15`, `11:30 PM` (`pm`, `p.m.`),
 * `23h30`; as `HH:mm:ss`, or undefined when it is none of these or out of range (`24:00`, `13:30 PM`).
 */
const TIME_OF_DAY = /^(\d{1,2})(?::(\d{2})(?::(\d{2}))?|h(\d{2}))\s*(?:([ap])\.?m\.?)?$/i;

function timeOfDay(text: string): string | undefined {
  const match = TIME_OF_DAY.exec(text);
  if (!match) return undefined;
  const [, hoursText, colonMinutes, secondsText = '0', hMinutes, meridiem] = match;
  let hours = Number(hoursText);
  const minutes = Number(colonMinutes ?? hMinutes);
  const seconds = Number(secondsText);
  if (meridiem) {
    if (hours < 1 || hours > 12) return undefined;
    hours = (hours % 12) + (meridiem.toLowerCase() === 'p' ? 12 : 0);
  }
  if (hours > 23 || minutes > 59 || seconds > 59) return undefined;
  const two = (value: number): string => String(value).padStart(2, '0');
  return `${two(hours)}:${two(minutes)}:${two(seconds)}`;
}

/** A plan's date as findings quote it, as it was written: `2026-08-31`, `2026-08-31 18:00`, `2026-08-31 18:00:30+02:00`. */
export function describePlanDate(date: PlanDate): string {
  return date.local.replace('T', ' ').replace(/(\d\d:\d\d):00$/, '$1') + (date.offset ?? '');
}
