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
  private readonly places = new Map<string, { found: Found; items: Map<string, { item: Item; segments: Set<string> }> }>();

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
      const items = new Map<string, { item: Item; segments: Set<string> }>();
      const gathered = (): Gathered<Item> => [...items.values()].map((seen) => ({ item: seen.item, segments: [...seen.segments].sort() }));
      entry = { found: place.create(gathered), items };
      this.places.set(place.key, entry);
    }
    const known = entry.items.get(itemKey);
    const seen = known ?? entry.items.set(itemKey, { item, segments: new Set() }).get(itemKey)!;
    for (const segment of segments) seen.segments.add(segment);
    where.report({ ...entry.found, key: place.key, segments: [...segments] });
    return { found: entry.found, isNew: known === undefined };
  }
}
