import { DateTime } from 'luxon';
import type { PlanDate } from './dates.js';

/**
 * The instant a plan date stands for, in `zone` (SPEC 3.4): a date-time with an offset is that instant; without one it
 * is local time in the zone; a date alone is `timeOfDay` local (the default send time for sends, 00:00 for events).
 */
export function zonedDateTime(date: PlanDate, zone: string, timeOfDay = '00:00'): DateTime {
  if (date.offset) return DateTime.fromISO(`${date.local}${date.offset === 'Z' ? 'Z' : date.offset}`, { setZone: true }).setZone(zone);
  const local = date.hasTime ? date.local : `${date.local}T${timeOfDay}`;
  return DateTime.fromISO(local, { zone });
}

/** Zone abbreviations by zone and offset: luxon builds an Intl formatter for each `ZZZZ`, which is slow in bulk. */
const abbreviations = new Map<string, string>();

/** `2026-07-05 09:00 CDT`: how a marketer reads a time on a timeline. */
export function describeLocal(time: DateTime): string {
  const key = `${time.zoneName ?? ''}\u0000${time.offset}`;
  let abbreviation = abbreviations.get(key);
  if (abbreviation === undefined) {
    abbreviation = time.toFormat('ZZZZ');
    abbreviations.set(key, abbreviation);
  }
  return `${time.toFormat('yyyy-MM-dd HH:mm')} ${abbreviation}`;
}
