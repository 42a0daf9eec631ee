// Time windows between sends: calendar-correct across DST, without luxon where plain arithmetic is exact.
import type { Duration } from 'luxon';
import type { SendEntry } from '../../timeline/types.js';
import { DAY, fixOffset } from '../../time/zoned.js';

/**
 * Whether `later` comes less than `duration` after `earlier` (exactly `duration` apart is not within), calendar-correct.
 * Far from the edge of the window no zoned arithmetic is needed: clocks never move by more than a few hours. Sends are
 * compared by their instants and zones' offsets: a luxon DateTime per send would cost more than the whole sweep.
 */
export function isWithin(earlier: SendEntry, later: SendEntry, duration: Duration): boolean {
  const { hasMonths, nominal } = shapeOf(duration);
  if (!hasMonths) {
    const gap = later.millis - earlier.millis;
    if (gap < nominal - CLOCK_SLACK) return true;
    if (gap >= nominal + CLOCK_SLACK) return false;
    // Near the edge: with the clocks at the same offset at both sends of a short window, no change lies between them.
    if (nominal <= 14 * DAY && onSameClock(earlier, later)) return gap < nominal;
  }
  return later.millis < shiftMillis(earlier, duration);
}

/**
 * Whether two sends' clocks read the same offset of the same zone: then the wall-clock time between them is the time
 * that passes (no change lies between them, or as many forward as back).
 */
export function onSameClock(a: SendEntry, b: SendEntry): boolean {
  return a.zone.name === b.zone.name && a.offset === b.offset;
}

/** More than any time zone's clocks ever moved in one change. */
const CLOCK_SLACK = 3 * 3_600_000;

/**
 * The instant a duration after a send: calendar-correct (`P1D` after 09:00 is 09:00 the next day across DST), as
 * luxon's `plus` counts it — calendar units on the wall clock, then hours and minutes exactly — with luxon itself only
 * for months and years.
 */
function shiftMillis(send: SendEntry, duration: Duration): number {
  const { hasMonths, days, exact, nominal } = shapeOf(duration);
  if (hasMonths) return send.time.plus(duration).toMillis();
  if (days === 0 || send.zone.isUniversal) return send.millis + nominal;
  const offset = send.offset;
  return fixOffset(send.millis + offset * 60_000 + days * DAY, offset, send.zone) + exact;
}

/** What isWithin and shiftMillis need to know of a duration: which calendar units it has, and its length in ms. */
interface DurationShape {
  /** Years, quarters or months: their length depends on the date. */
  hasMonths: boolean;
  /** Weeks and days, in days: 24 hours each, except across a clock change. */
  days: number;
  /** Hours, minutes, seconds and milliseconds, in ms. */
  exact: number;
  /** `duration.as('milliseconds')`. */
  nominal: number;
}

/**
 * Durations are immutable and the sweeps ask about the same few (a rule's window) millions of times; luxon's `toObject`
 * and `as` (which goes through `shiftTo`) cost microseconds each, so each duration is read once.
 */
const shapes = new WeakMap<Duration, DurationShape>();

/** The duration asked about last, and its shape: a sweep asks about one window for every pair of sends it meets. */
let last: { duration: Duration; shape: DurationShape } | undefined;

function shapeOf(duration: Duration): DurationShape {
  if (last?.duration === duration) return last.shape;
  let shape = shapes.get(duration);
  if (!shape) {
    const { years = 0, quarters = 0, months = 0, weeks = 0, days = 0, hours = 0, minutes = 0, seconds = 0, milliseconds = 0 } = duration.toObject();
    shape = {
      hasMonths: years !== 0 || quarters !== 0 || months !== 0,
      days: weeks * 7 + days,
      exact: ((hours * 60 + minutes) * 60 + seconds) * 1000 + milliseconds,
      nominal: duration.as('milliseconds'),
    };
    shapes.set(duration, shape);
  }
  last = { duration, shape };
  return shape;
}

/** JSON Schema of a duration option (`P7D`, `PT24H`, `P1W`, `7d`, `36h`): not negative. */
export function durationSchema(description: string): Record<string, unknown> {
  return { type: 'string', pattern: '^(P(?=\\d|T\\d)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+S)?)?|\\d+[mhdw])$', description };
}
