import { DateTime } from 'luxon';
import type { Plan, Send } from '../model/types.js';
import { parseDuration } from '../time/durations.js';
import { zonedDateTime, zonedMillis, zoneNamed } from '../time/zoned.js';
import type { Horizon } from './types.js';

export interface ZoneOf {
  /** The zone a segment's local times are in: its first zone, else the config's. */
  segment: (segment: string) => string;
  /** The zone a calendar send's date is read in: its own, else its (first) segment's. */
  send: (send: Send) => string;
}

/**
 * The horizon of SPEC 3.4: from the earliest dated thing (a send, an event, an offer's validity, a journey entry — moved
 * back by a negative entry offset) to the latest plus `horizonPadding`. `from` and `to` override either end.
 */
export function computeHorizon(plan: Plan, zoneOf: ZoneOf, defaultZone: string, padding: string, from?: DateTime, to?: DateTime): Horizon {
  // Both ends given (`--from` and `--to`): nothing of the plan moves them.
  if (from && to) return { start: from, end: to };
  // Instants only: a plan's 150,000 rows are compared as numbers, and the two ends alone become DateTimes in their zones.
  let earliest: Dated | undefined;
  let latest: Dated | undefined;
  const see = (millis: number, zone: string): void => {
    if (Number.isNaN(millis)) return;
    if (!earliest || millis < earliest.millis) earliest = { millis, zone };
    if (!latest || millis > latest.millis) latest = { millis, zone };
  };
  for (const send of plan.sends) {
    const zone = zoneOf.send(send);
    see(zonedMillis(send.date, zone, '00:00'), zone);
  }
  for (const segment of plan.segments.values()) {
    for (const [event, { date }] of segment.events) {
      const zone = zoneOf.segment(segment.id);
      const time = zonedDateTime(date, zone);
      see(time.toMillis(), zone);
      for (const journey of plan.journeys.values()) {
        if (journey.entry.event === event) see(time.plus(parseDuration(journey.entry.offset) ?? {}).toMillis(), zone);
      }
    }
  }
  for (const template of plan.templates.values()) {
    for (const date of [template.offer?.validFrom, template.offer?.validUntil]) if (date) see(zonedMillis(date, defaultZone), defaultZone);
  }
  for (const journey of plan.journeys.values()) {
    if (journey.entry.date) {
      const zone = zoneOf.segment(journey.entry.segment);
      see(zonedMillis(journey.entry.date, zone), zone);
    }
  }
  const inZone = (dated: Dated): DateTime => DateTime.fromMillis(dated.millis, { zone: zoneNamed(dated.zone) });
  const start = from ?? (earliest && inZone(earliest).startOf('day')) ?? zonedDateTime({ local: '2000-01-01', hasTime: false }, defaultZone);
  const end = to ?? (latest ? inZone(latest) : start).plus(parseDuration(padding) ?? { days: 90 }).endOf('day');
  return { start, end };
}

/** An instant and the zone it was read in, which its day is counted in. */
interface Dated {
  millis: number;
  zone: string;
}

/**
 * The horizon as people read it: each end's day in the zone it was counted in (the zone of the dated thing that bounds
 * it), named: `2026-03-02 → 2026-06-23 (Asia/Shanghai)`, or each end's zone when they differ. The HTML report and
 * `cxlint timeline` say it alike; the first day in another zone would read as a day before anything in the plan.
 */
export function horizonText({ start, end }: Horizon): string {
  const day = (time: DateTime): string => time.toISODate() ?? '';
  return start.zoneName === end.zoneName ? `${day(start)} → ${day(end)} (${start.zoneName})` : `${day(start)} (${start.zoneName}) → ${day(end)} (${end.zoneName})`;
}
