import type { CheckedTimeline, Found } from '../rule.js';
import { sortedTexts } from '../../shared/sorted.js';

/** What one place's finding gathered: each report's item, with the segments it was seen for (sorted), in the order first seen. */
export type Gathered<Report> = Array<{ item: Report; segments: readonly string[] }>;

/**
 * One finding per place (SPEC 5) for a problem made of several items, each seen for some segments on some timelines:
 * the expectations missed at one dated event, the limits one delivery goes over. Each report of an item at a place is
 * an object of a subclass, holding that item; the engine keeps the first report of a key and merges the segments of
 * every report, and the report it keeps gathers the items of the later ones (`reportAtPlace`). Its message, worded from
 * what it gathered when the engine reads it, names every item with its segments.
 *
 * The report is the item and the place: no Map of places beside the engine's, no list or record per item until a
 * second item comes (300,000 findings made them all, and every byte kept until the end of a run is a byte copied).
 */
export abstract class PlaceFound<Report extends PlaceFound<Report>> implements Found {
  abstract readonly key: string;
  abstract readonly ids: string[];
  readonly gathers = true;
  /** The segments this report's item is seen for: the report's own list, a Set once other reports of it are merged. */
  private seenFor: readonly string[] | Set<string>;
  /** The reports after this one whose items are new here (a place holds one or two). */
  private others?: Report[];

  /** The segments of this report (the engine reads them as it takes the report). */
  constructor(readonly segments: readonly string[]) {
    this.seenFor = segments;
  }

  abstract message(segments: readonly string[]): string;

  /** Whether another report is of the same item as this one (seen on another timeline). */
  protected abstract sameItem(other: Report): boolean;

  /** Each item gathered, with its segments, in the order first seen. */
  protected gathered(): Gathered<Report> {
    return [this as unknown as Report, ...(this.others ?? [])].map((item) => ({ item, segments: sortedTexts(item.seenFor) }));
  }

  /** Gathers a report of this place (this one, or a later one); returns whether its item is new here. */
  gather(report: Report): boolean {
    if (report === (this as unknown as Report)) return true;
    const known = this.sameItem(report) ? this : this.others?.find((other) => other.sameItem(report));
    if (!known) {
      (this.others ??= []).push(report);
      return true;
    }
    if (known.seenFor !== report.segments) {
      const merged = known.seenFor instanceof Set ? known.seenFor : new Set(known.seenFor);
      for (const segment of report.segments) merged.add(segment);
      known.seenFor = merged;
    }
    return false;
  }
}

/**
 * Reports a place (`report`, made for this report with its item and segments), and gathers its item on the Found the
 * engine keeps for the key: `report` itself when the key is new. Returns that Found, and whether the item was new there.
 */
export function reportAtPlace<Report extends PlaceFound<Report>>(where: Pick<CheckedTimeline<unknown>, 'report'>, report: Report): { found: Report; isNew: boolean } {
  const found = where.report(report) as Report;
  return { found, isNew: found.gather(report) };
}
