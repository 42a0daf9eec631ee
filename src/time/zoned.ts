import type { Zone } from 'luxon';
import { DateTime, IANAZone, Info } from 'luxon';
import type { PlanDate } from './dates.js';

/**
 * The instant a plan date stands for, in `zone` (SPEC 3.4): a date-time with an offset is that instant; without one it
 * is local time in the zone; a date alone is `timeOfDay` local (the default send time for sends, 00:00 for events).
 */
export function zonedDateTime(date: PlanDate, zone: string, timeOfDay = '00:00'): DateTime {
  if (date.offset) return DateTime.fromISO(`${date.local}${date.offset === 'Z' ? 'Z' : date.offset}`, { setZone: true }).setZone(zoneNamed(zone));
  const local = date.hasTime ? date.local : `${date.local}T${timeOfDay}`;
  return DateTime.fromISO(local, { zone: zoneNamed(zone) });
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

/** Offsets remembered per zone before the memory is cleared: far more instants than a plan's sends fall on. */
const MAX_REMEMBERED = 200_000;

/**
 * An IANA zone that remembers the offset at each instant it was asked about. luxon asks the zone for the offset of
 * every DateTime it creates or shifts, and each answer costs an Intl formatting (several µs); a plan's sends fall on a
 * few thousand distinct instants (the same hours, week after week, for many rows), asked about millions of times.
 * The offset at an instant never changes, so a remembered answer is exactly the one Intl would give.
 */
class RememberingZone extends IANAZone {
  private readonly offsets = new Map<number, number>();

  override offset(ts: number): number {
    let offset = this.offsets.get(ts);
    if (offset === undefined) {
      offset = super.offset(ts);
      if (this.offsets.size >= MAX_REMEMBERED) this.offsets.clear();
      this.offsets.set(ts, offset);
    }
    return offset;
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

/** Zone abbreviations by zone and offset: luxon builds an Intl formatter for each `ZZZZ`, which is slow in bulk. */
const abbreviations = new Map<string, string>();

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
  const key = `${time.zoneName ?? ''}\u0000${time.offset}`;
  let abbreviation = abbreviations.get(key);
  if (abbreviation === undefined) {
    abbreviation = zoneAbbreviation(time);
    abbreviations.set(key, abbreviation);
  }
  return `${time.toFormat('yyyy-MM-dd HH:mm')} ${abbreviation}`;
}
