import { Duration } from 'luxon';

const SHORT_UNITS = { m: 'minutes', h: 'hours', d: 'days', w: 'weeks' } as const;

/**
 * Reads a duration: ISO 8601 (`P7D`, `PT36H`, `P1W`, `-P180D`) or short (`7d`, `36h`, `30m`, `2w`).
 * Days and weeks are calendar units (DST-correct when added to a zoned time); hours and minutes are exact.
 */
export function parseDuration(text: string): Duration | undefined {
  if (parsedDurations.has(text)) return parsedDurations.get(text);
  const duration = readDurationText(text);
  parsedDurations.set(text, duration);
  return duration;
}

/**
 * A plan names a few durations (a rule's window, a journey's waits) that rules read on every timeline: each text is
 * read once, and its Duration (immutable) shared, so that what is learnt of it (kit/windows.ts) is learnt once.
 */
const parsedDurations = new Map<string, Duration | undefined>();

function readDurationText(text: string): Duration | undefined {
  const negative = text.startsWith('-');
  const body = negative ? text.slice(1) : text;
  const short = /^(\d+)([mhdw])$/.exec(body);
  const duration = short
    ? Duration.fromObject({ [SHORT_UNITS[short[2] as keyof typeof SHORT_UNITS]]: Number(short[1]) })
    : Duration.fromISO(body);
  if (!duration.isValid) return undefined;
  return negative ? duration.negate() : duration;
}

/**
 * The longest duration read: anything longer is a typo (P100000000D), and would carry times past any calendar. In
 * days as luxon counts a year casually (365): no Duration made when the module loads, which would make luxon ask Intl
 * for the system's locale (25 ms) in runs that read no duration.
 */
const LONGEST_YEARS = 100;
const LONGEST_DAYS = LONGEST_YEARS * 365;

/**
 * How a duration may be used: `signed` when a negative one means "before" (an entry offset of -P180D enters 180 days
 * before the event); otherwise `what` it is, which cannot be negative (a wait, which cannot go back in time).
 */
export type DurationUse = 'signed' | { what: string };

export type DurationResult = { duration: Duration } | { error: string };

/**
 * Reads a duration written in a plan or config, with every way it can be wrong said: not a duration (luxon reads `P`
 * alone as zero), negative where it cannot be, or longer than 100 years.
 */
export function readDuration(text: string, use: DurationUse): DurationResult {
  const duration = parseDuration(text);
  if (!duration || Object.keys(duration.toObject()).length === 0) {
    return { error: `"${text}" is not a duration: write P7D, PT36H, -P180D, or 7d, 36h, 30m, 2w` };
  }
  if (use !== 'signed' && duration.toMillis() < 0) {
    return { error: `"${text}" is negative: ${use.what} must be zero or longer, such as ${text.slice(1)}` };
  }
  // In days as luxon counts them casually (a year is 365 days, a month 30), so that P1200M and P100Y compare alike.
  if (Math.abs(duration.as('days')) > LONGEST_DAYS) return { error: `"${text}" is longer than ${LONGEST_YEARS} years, the longest duration cxlint reads` };
  return { duration };
}

/** The duration as a marketer writes it: `180d`, `2h`, `1d 12h`, `-7d` (give it in days, hours and minutes). */
export function describeDuration(duration: Duration): string {
  const parts = duration.toObject();
  return describeParts(duration.toMillis() < 0, [parts.days, parts.hours, parts.minutes]);
}

/** describeDuration of a whole number of minutes, in days of 24 hours: no Duration made (a finding's gap, 150,000 times). */
export function describeMinutes(minutes: number): string {
  const size = Math.abs(minutes);
  return describeParts(minutes < 0, [Math.trunc(size / 1440), Math.trunc((size % 1440) / 60), size % 60]);
}

function describeParts(negative: boolean, [days = 0, hours = 0, minutes = 0]: Array<number | undefined>): string {
  let text = '';
  const part = (amount: number, unit: string): void => {
    if (Math.round(amount) !== 0) text += `${text ? ' ' : ''}${Math.abs(Math.round(amount))}${unit}`;
  };
  part(days, 'd');
  part(hours, 'h');
  part(minutes, 'm');
  return (negative ? '-' : '') + (text || '0d');
}
