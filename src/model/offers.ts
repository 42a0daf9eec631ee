import { zonedDateTime } from '../time/zoned.js';
import type { Offer } from './types.js';

const periods = new WeakMap<Offer, Map<string, [number, number]>>();

/**
 * When an offer is live, read in a zone, as [start, end) in epoch milliseconds; a missing bound is open-ended. A date
 * alone runs from 00:00 of `valid_from` to the end of `valid_until` (both days included); a date-time is that instant,
 * `valid_until`'s included. One reading for every rule that asks (expired-offer, conflicting-offers).
 */
export function offerPeriod(offer: Offer, zone: string): [number, number] {
  const byZone = periods.get(offer) ?? periods.set(offer, new Map()).get(offer)!;
  let period = byZone.get(zone);
  if (!period) {
    const from = offer.validFrom;
    const until = offer.validUntil;
    const start = from ? zonedDateTime(from, zone).toMillis() : -Infinity;
    const end = until ? (until.hasTime ? zonedDateTime(until, zone).toMillis() + 1 : zonedDateTime(until, zone).plus({ days: 1 }).toMillis()) : Infinity;
    byZone.set(zone, (period = [start, end]));
  }
  return period;
}
