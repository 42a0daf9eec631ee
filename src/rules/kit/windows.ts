// Time windows between sends: calendar-correct across DST, without luxon where plain arithmetic is exact.
import type { Duration } from 'luxon';
import type { SendEntry } from '../../timeline/types.js';

/**
 * Whether `later` comes less than `duration` after `earlier` (exactly `duration` apart is not within), calendar-correct.
 * Far from the edge of the window no zoned arithmetic is needed: clocks never move by more than a few hours.
 */
export function isWithin(earlier: SendEntry, later: SendEntry, duration: Duration): boolean {
  const { hasMonths, nominal } = shapeOf(duration);
  if (!hasMonths) {
    const gap = later.millis - earlier.millis;
    if (gap < nominal - CLOCK_SLACK) return true;
    if (gap >= nominal + CLOCK_SLACK) return false;
    // Near the edge: with the clocks at the same offset at both sends of a short window, no change lies between them.
    const [a, b] = [earlier.time, later.time];
    if (nominal <= 14 * 86_400_000 && a.offset === b.offset && a.zoneName === b.zoneName) return gap < nominal;
  }
  return later.millis < shiftMillis(earlier, duration);
}

/** More than any time zone's clocks ever moved in one change. */
const CLOCK_SLACK = 3 * 3_600_000;

/**
 * The instant a duration after (or, with sign -1, before) a send: calendar-correct (`P1D` after 09:00 is 09:00 the
 * next day across DST), without luxon's cost where plain arithmetic is exact (hours and minutes; days in a fixed zone).
 */
function shiftMillis(send: SendEntry, duration: Duration, sign: 1 | -1 = 1): number {
  const { hasMonths, hasDays, nominal } = shapeOf(duration);
  const calendar = hasMonths || (hasDays && !send.time.zone.isUniversal);
  if (calendar) return (sign > 0 ? send.time.plus(duration) : send.time.minus(duration)).toMillis();
  return send.millis + sign * nominal;
}

/** What isWithin and shiftMillis need to know of a duration: which calendar units it has, and its length in ms. */
interface DurationShape {
  /** Years, quarters or months: their length depends on the date. */
  hasMonths: boolean;
  /** Weeks or days: 24 hours each, except across a clock change. */
  hasDays: boolean;
  /** `duration.as('milliseconds')`. */
  nominal: number;
}

/**
 * Durations are immutable and the sweeps ask about the same few (a rule's window) millions of times; luxon's `toObject`
 * and `as` (which goes through `shiftTo`) cost microseconds each, so each duration is read once.
 */
const shapes = new WeakMap<Duration, DurationShape>();

function shapeOf(duration: Duration): DurationShape {
  let shape = shapes.get(duration);
  if (!shape) {
    const { years = 0, quarters = 0, months = 0, weeks = 0, days = 0 } = duration.toObject();
    shape = { hasMonths: years !== 0 || quarters !== 0 || months !== 0, hasDays: weeks !== 0 || days !== 0, nominal: duration.as('milliseconds') };
    shapes.set(duration, shape);
  }
  return shape;
}

/** JSON Schema of a duration option (`P7D`, `PT24H`, `P1W`, `7d`, `36h`): not negative. */
export function durationSchema(description: string): Record<string, unknown> {
  return { type: 'string', pattern: '^(P(?=\\d|T\\d)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+S)?)?|\\d+[mhdw])$', description };
}
