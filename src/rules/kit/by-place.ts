import type { CheckedTimeline, Found } from '../rule.js';
import { sortedTexts } from '../../shared/sorted.js';

/** What one place's finding gathered: each item, with the segments it was seen for (sorted), in the order first seen. */
export type Gathered<Item> = Array<{ item: Item; segments: readonly string[] }>;

/**
 * One finding per place (SPEC 5) for a problem made of several items, each seen for some segments on some timelines:
 * the expectations missed at one dated event, the limits one delivery goes over. The engine keeps the first Found of a
 * key and merges the segments of every report, so a place is reported again on each timeline (`reportAtPlace`), and
 * the Found the engine keeps gathers every item; its message, worded from what it gathered when the engine reads it,
 * names every item with its segments. A subclass words the message and tells whether two items are one.
 *
 * The Found is the place: no Map of places beside the engine's, no closure per place (300,000 findings made them all).
 */
export abstract class PlaceFound<Item> implements Found {
  abstract readonly key: string;
  abstract readonly ids: string[];
  /** The items so far: a place holds one or two (the limits a delivery goes over), so a list, not a Map. */
  private readonly seen: Array<Seen<Item>> = [];

  /** The segments of the report that made this Found (the engine reads them as it takes the report). */
  constructor(readonly segments: readonly string[]) {}

  abstract message(segments: readonly string[]): string;

  /** Whether two items gathered on different timelines are the same one. */
  protected abstract sameItem(a: Item, b: Item): boolean;

  /** Each item gathered, with its segments, in the order first seen. */
  protected gathered(): Gathered<Item> {
    return this.seen.map((seen) => ({ item: seen.item, segments: sortedTexts(seen.segments) }));
  }

  /** Gathers an item for some segments; returns whether it is new here. */
  gather(item: Item, segments: readonly string[]): boolean {
    const known = this.seen.find((seen) => this.sameItem(seen.item, item));
    if (!known) this.seen.push({ item, segments });
    else if (known.segments !== segments) {
      const merged = known.segments instanceof Set ? known.segments : new Set(known.segments);
      for (const segment of segments) merged.add(segment);
      known.segments = merged;
    }
    return known === undefined;
  }
}

/**
 * Reports `place` (made for this report, with its segments) and gathers `item` on the Found the engine keeps for its
 * key: `place` itself when the key is new. Returns that Found, and whether the item was new there.
 */
export function reportAtPlace<Item, Place extends PlaceFound<Item>>(where: Pick<CheckedTimeline<unknown>, 'report'>, place: Place, item: Item): { found: Place; isNew: boolean } {
  const found = where.report(place) as Place;
  return { found, isNew: found.gather(item, place.segments) };
}

/** An item gathered at a place, and the segments it was seen for: the first list as given, a Set once several are merged. */
interface Seen<Item> {
  item: Item;
  segments: readonly string[] | Set<string>;
}
