import type { DateTime } from 'luxon';
import type { Plan, Send } from '../model/types.js';
import { parseDuration } from '../time/durations.js';
import { zonedDateTime } from '../time/zoned.js';
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
  const dated: DateTime[] = [];
  for (const send of plan.sends) dated.push(zonedDateTime(send.date, zoneOf.send(send), '00:00'));
  for (const segment of plan.segments.values()) {
    for (const [event, { date }] of segment.events) {
      const time = zonedDateTime(date, zoneOf.segment(segment.id));
      dated.push(time);
      for (const journey of plan.journeys.values()) {
        if (journey.entry.event === event) dated.push(time.plus(parseDuration(journey.entry.offset) ?? {}));
      }
    }
  }
  for (const template of plan.templates.values()) {
    for (const date of [template.offer?.validFrom, template.offer?.validUntil]) if (date) dated.push(zonedDateTime(date, defaultZone));
  }
  for (const journey of plan.journeys.values()) {
    if (journey.entry.date) dated.push(zonedDateTime(journey.entry.date, zoneOf.segment(journey.entry.segment)));
  }
  const earliest = dated.reduce<DateTime | undefined>((min, time) => (!min || time < min ? time : min), undefined);
  const latest = dated.reduce<DateTime | undefined>((max, time) => (!max || time > max ? time : max), undefined);
  const start = from ?? earliest?.startOf('day') ?? zonedDateTime({ local: '2000-01-01', hasTime: false }, defaultZone);
  const end = to ?? (latest ?? start).plus(parseDuration(padding) ?? { days: 90 }).endOf('day');
  return { start, end };
}
