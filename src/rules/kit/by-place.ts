import type { CheckedTimeline, Found } from '../rule.js';

/** What one place's finding gathered: each item, with the segments it was seen for (sorted), in the order first seen. */
export type Gathered<Item> = Array<{ item: Item; segments: string[] }>;

/**
 * One finding per place (SPEC 5) for a problem made of several items, each seen for some segments on some timelines:
 * the expectations missed at one dated event, the limits one delivery goes over. The engine keeps the first Found of a
 * key and merges the segments of every report, so the place's Found is reported again on each timeline, and its
 * message, worded from what was gathered when the engine reads it, names every item with its segments.
 */
export class FindingsByPlace<Item> {
  private readonly places = new Map<string, { found: Found; items: Array<Seen<Item>> }>();

  /**
   * Gathers `item` (known by `itemKey`) at the place `key` for `segments`, and reports the place's finding for them.
   * `create` makes that Found the first time, given what the place will have gathered. Returns the place's Found, and
   * whether the item was new there.
   */
  add(
    where: Pick<CheckedTimeline<unknown>, 'report'>,
    segments: readonly string[],
    place: { key: string; create: (gathered: () => Gathered<Item>) => Found },
    itemKey: string,
    item: Item,
  ): { found: Found; isNew: boolean } {
    let entry = this.places.get(place.key);
    if (!entry) {
      // A place holds an item or two (the limits one delivery goes over): a list, not a Map, and a segment list kept
      // as given until a second one comes. 300,000 findings made 300,000 Maps and Sets.
      const items: Array<Seen<Item>> = [];
      const gathered = (): Gathered<Item> => items.map((seen) => ({ item: seen.item, segments: [...seen.segments].sort() }));
      // The Found is the place's own, just made: named in place rather than copied (an object spread each).
      const found = place.create(gathered);
      found.key = place.key;
      entry = { found, items };
      this.places.set(place.key, entry);
    }
    let known: Seen<Item> | undefined;
    for (const seen of entry.items) {
      if (seen.key !== itemKey) continue;
      known = seen;
      break;
    }
    if (!known) entry.items.push({ key: itemKey, item, segments });
    else if (known.segments !== segments) {
      const merged = known.segments instanceof Set ? known.segments : new Set(known.segments);
      for (const segment of segments) merged.add(segment);
      known.segments = merged;
    }
    // Reported as it is, with this report's segments: the engine reads them as it takes the report, and keeps the
    // place's one Found (a copy per report was an object spread each, 150,000 of them on a plan of many findings).
    entry.found.segments = segments;
    where.report(entry.found);
    return { found: entry.found, isNew: known === undefined };
  }
}

/** An item gathered at a place, and the segments it was seen for: the first list as given, a Set once several are merged. */
interface Seen<Item> {
  key: string;
  item: Item;
  segments: readonly string[] | Set<string>;
}
