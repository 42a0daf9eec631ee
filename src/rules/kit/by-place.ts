import type { CheckedTimeline, Found } from '../rule.js';
import { sortedTexts } from '../../shared/sorted.js';

/** What one place's finding gathered: each item, with the segments it was seen for (sorted), in the order first seen. */
export type Gathered<Item> = Array<{ item: Item; segments: readonly string[] }>;

/** A place's Found, with the items it gathered so far. */
type PlaceFound<Item> = Found & { items: Array<Seen<Item>> };

/**
 * One finding per place (SPEC 5) for a problem made of several items, each seen for some segments on some timelines:
 * the expectations missed at one dated event, the limits one delivery goes over. The engine keeps the first Found of a
 * key and merges the segments of every report, so the place's Found is reported again on each timeline, and its
 * message, worded from what was gathered when the engine reads it, names every item with its segments.
 *
 * Gathers `item` (known by `itemKey`) at the place `key` for `segments`, and reports the place's finding for them.
 * `create` makes a Found for the place, given what the place will have gathered; the engine keeps the first one made
 * for the key, which holds the place's items (no Map of places beside the engine's: it held one entry per finding
 * too). Returns the place's Found, and whether the item was new there.
 */
export function gatherAtPlace<Item>(
  where: Pick<CheckedTimeline<unknown>, 'report'>,
  segments: readonly string[],
  place: { key: string; create: (gathered: () => Gathered<Item>) => Found },
  itemKey: string,
  item: Item,
): { found: Found; isNew: boolean } {
  // A place holds an item or two (the limits one delivery goes over): a list, not a Map, and a segment list kept as
  // given until a second one comes. 300,000 findings made 300,000 Maps and Sets.
  const items: Array<Seen<Item>> = [];
  const gathered = (): Gathered<Item> => items.map((seen) => ({ item: seen.item, segments: sortedTexts(seen.segments) }));
  const made = place.create(gathered) as PlaceFound<Item>;
  made.key = place.key;
  made.items = items;
  made.segments = segments;
  // Reported as it is, with this report's segments (the engine reads them as it takes the report): a copy per report
  // was an object spread each. The Found the engine keeps is the place's: the same key is the same place.
  const found = where.report(made) as PlaceFound<Item>;
  let known: Seen<Item> | undefined;
  for (const seen of found.items) {
    if (seen.key !== itemKey) continue;
    known = seen;
    break;
  }
  if (!known) found.items.push({ key: itemKey, item, segments });
  else if (known.segments !== segments) {
    const merged = known.segments instanceof Set ? known.segments : new Set(known.segments);
    for (const segment of segments) merged.add(segment);
    known.segments = merged;
  }
  return { found, isNew: known === undefined };
}

/** An item gathered at a place, and the segments it was seen for: the first list as given, a Set once several are merged. */
interface Seen<Item> {
  key: string;
  item: Item;
  segments: readonly string[] | Set<string>;
}
