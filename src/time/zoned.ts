import type { Zone } from 'luxon';
import { DateTime, IANAZone, Info } from 'luxon';
import type { PlanDate } from './dates.js';

/**
 * The instant a plan date stands for, in `zone` (SPEC 3.4): a date-time with an offset is that instant; without one it
 * is local time in the zone; a date alone is `timeOfDay` local (the default send time for sends, 00:00 for events).
 */
export function zonedDateTime(date: PlanDate, zone: string, timeOfDay = '00:00'): DateTime {
  return DateTime.fromMillis(zonedMillis(date, zone, timeOfDay), { zone: zoneNamed(zone) });
}

/**
 * zonedDateTime's instant as epoch milliseconds, without building a DateTime: the timeline places a million sends by
 * their instants and makes a DateTime only for the few a finding prints. NaN in a zone that does not exist.
 */
export function zonedMillis(date: PlanDate, zone: string, timeOfDay = '00:00'): number {
  const local = date.local;
  const time = date.hasTime ? local.slice(11) : timeOfDay;
  const wall = Date.UTC(Number(local.slice(0, 4)), Number(local.slice(5, 7)) - 1, Number(local.slice(8, 10)), Number(time.slice(0, 2)), Number(time.slice(3, 5)), time.length >= 8 ? Number(time.slice(6, 8)) : 0);
  if (date.offset) return wall - offsetMinutes(date.offset) * 60_000;
  return localMillis(wall, zoneNamed(zone));
}

/** `Z`, `+02:00`, `-0530` in minutes east of UTC. */
function offsetMinutes(offset: string): number {
  if (offset === 'Z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
}

/** A day of 24 hours, in ms: a calendar day is one except across a change of clocks. */
export const DAY = 86_400_000;

/**
 * The instant at which a zone's clocks show `wall` (a wall-clock time written as if it were UTC). A time in a gap (02:30
 * on the night clocks go forward) moves forward by the gap; a time that happens twice is the second one, in the offset
 * after the change. The first guess is the offset a day later, so the answer never depends on today's date (luxon
 * guesses from the offset now, which picks the other of two times in summer).
 */
export function localMillis(wall: number, zone: Zone): number {
  return fixOffset(wall, zone.offset(wall + DAY), zone);
}

/**
 * luxon's correction of a first guess at the offset of a wall-clock time (`fixOffset` in its DateTime): the instant
 * the guess gives, checked against the zone and moved once if the zone disagrees; in a gap, forward by the gap.
 */
export function fixOffset(wall: number, guess: number, zone: Zone): number {
  let instant = wall - guess * 60_000;
  const first = zone.offset(instant);
  if (first === guess) return instant;
  instant -= (first - guess) * 60_000;
  const second = zone.offset(instant);
  if (first === second) return instant;
  return wall - Math.min(first, second) * 60_000;
}

/** The wall-clock time (as if UTC) a zone's clocks show at an instant: localMillis's inverse. */
export function wallMillis(millis: number, zone: Zone): number {
  return millis + zone.offset(millis) * 60_000;
}

/**
 * When a dated event happens, read in a zone (SPEC 3.4): a date-time is that instant (`start` and `end` alike); a date
 * alone is that whole local day, from its first instant to the next day's (23 or 25 hours when clocks change). States
 * change at `start` (an upsell at 10:00 on the lease-end day comes after the lease ended); a deadline after the event
 * runs from `end`, one before it back from `start`, since the cohort's customers have it at any time of the day. Every
 * stage and rule that reads a dated event asks this, so none can read a date alone its own way.
 */
export function eventSpan(date: PlanDate, zone: string): { start: DateTime; end: DateTime } {
  const start = zonedDateTime(date, zone);
  return { start, end: date.hasTime ? start : start.plus({ days: 1 }) };
}

/** Days remembered per zone before the memory is cleared: far more than a plan's horizon spans. */
const MAX_REMEMBERED = 100_000;

/** A zone's offset over one UTC day: one offset, or (on the day clocks change) one before `change` and one from it. */
interface DayOffsets {
  before: number;
  change?: number;
  after: number;
}

/**
 * An IANA zone that remembers its offsets day by day. luxon asks the zone for the offset of every DateTime it creates
 * or shifts, and the timeline for every send it places; each answer costs an Intl formatting (several µs), while a
 * year's sends fall on 365 days. A day whose first and last milliseconds have the same offset has it throughout (no
 * zone's clocks changed twice within one day); on a day with a change, the instant of the change is found by bisection.
 */
class RememberingZone extends IANAZone {
  private readonly days = new Map<number, DayOffsets>();

  override offset(ts: number): number {
    const day = Math.floor(ts / DAY);
    let offsets = this.days.get(day);
    if (offsets === undefined) {
      offsets = this.dayOffsets(day * DAY);
      if (this.days.size >= MAX_REMEMBERED) this.days.clear();
      this.days.set(day, offsets);
    }
    return offsets.change === undefined || ts < offsets.change ? offsets.before : offsets.after;
  }

  private dayOffsets(start: number): DayOffsets {
    const before = super.offset(start);
    const after = super.offset(start + DAY - 1);
    if (Number.isNaN(before) || before === after) return { before, after };
    // The first millisecond with the new offset.
    let [low, high] = [start, start + DAY - 1];
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2);
      if (super.offset(middle) === before) low = middle;
      else high = middle;
    }
    return { before, change: high, after };
  }
}

const zones = new Map<string, Zone>();

/**
 * The zone luxon would make of `name` (`UTC` a fixed zone, `Europe/Paris` an IANA one), with IANA zones remembering
 * their offsets. One object per name, so that every DateTime of a zone, and those derived from it, shares the memory.
 */
export function zoneNamed(name: string): Zone {
  let zone = zones.get(name);
  if (!zone) {
    const normal = Info.normalizeZone(name);
    zone = normal instanceof IANAZone && normal.isValid ? new RememberingZone(normal.name) : normal;
    zones.set(name, zone);
  }
  return zone;
}

/**
 * Zone abbreviations by zone and offset: luxon builds an Intl formatter for each `ZZZZ`, which is slow in bulk. Looked
 * up by zone, then by the offset's number: a text key would be a new string for every send described.
 */
const abbreviations = new Map<string, Map<number, string>>();

/**
 * The English locales whose CLDR data name the zones where they are used: en-US the American ones (CDT), en-GB the
 * European ones (CEST, BST), and so on. CLDR gives a short name only where it is in common use, so the first locale
 * that has one gives the abbreviation people there read (`IST` is India's in en-IN, Ireland's summer in en-IE).
 */
const ABBREVIATING_LOCALES = ['en-US', 'en-GB', 'en-IE', 'en-AU', 'en-NZ', 'en-IN', 'en-SG', 'en-HK', 'en-ZA', 'en-KE'];

/** A zone's usual abbreviation at an instant (`CEST`, `BST`, `CDT`, `UTC`), else its offset (`GMT+8`). */
function zoneAbbreviation(time: DateTime): string {
  for (const locale of ABBREVIATING_LOCALES) {
    const name = time.setLocale(locale).toFormat('ZZZZ');
    if (!/^GMT[+-]/.test(name)) return name;
  }
  return time.toFormat('ZZZZ');
}

/** `2026-07-05 09:00 CDT`: how a marketer reads a time on a timeline. */
export function describeLocal(time: DateTime): string {
  return describeInstant(time.toMillis(), time.zone);
}

/**
 * describeLocal of an instant in a zone, without a DateTime: a finding's send is described by its instant. `offset` is
 * the zone's at that instant, when the caller knows it (a send does).
 */
export function describeInstant(millis: number, zone: Zone, offset = zone.offset(millis)): string {
  const byOffset = abbreviations.get(zone.name) ?? abbreviations.set(zone.name, new Map()).get(zone.name)!;
  let abbreviation = byOffset.get(offset);
  if (abbreviation === undefined) {
    abbreviation = zoneAbbreviation(DateTime.fromMillis(millis, { zone }));
    byOffset.set(offset, abbreviation);
  }
  const wall = new Date(millis + offset * 60_000).toISOString();
  return `${wall.slice(0, 10)} ${wall.slice(11, 16)} ${abbreviation}`;
}

/**
 * luxon's `toISO()` of an instant in a zone (`2026-07-05T09:00:00.000-05:00`; `Z` in UTC and other fixed zones at
 * offset 0), without making the DateTime: every finding about a send carries it as `at`.
 */
export function isoInstant(millis: number, zone: Zone, offset = zone.offset(millis)): string {
  const wall = new Date(millis + offset * 60_000).toISOString().slice(0, 23);
  if (offset === 0 && zone.isUniversal) return `${wall}Z`;
  const minutes = Math.abs(offset);
  return `${wall}${offset < 0 ? '-' : '+'}${String(Math.trunc(minutes / 60)).padStart(2, '0')}:${String(Math.trunc(minutes % 60)).padStart(2, '0')}`;
}
