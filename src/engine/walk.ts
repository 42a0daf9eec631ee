// The engine's walk: every timeline a rule checks, each once, split by what the rule reads of a segment.
import type { InBoth } from '../rules/rule.js';
import type { Timelines } from '../timeline/build.js';
import type { JourneyRun, TimelineEntry } from '../timeline/types.js';

/**
 * A timeline to check: a group of look-alike segments, a journey's relative run with the segments it stands for, or
 * the customers in both of two segments declared to overlap.
 */
export interface Unit {
  segments: string[];
  entries: TimelineEntry[];
  run?: JourneyRun;
  inBoth?: InBoth;
}

/** The segments a relative journey run stands for: those of its entry segment's subtree with no date for its entry event. */
function relativeSegments(timelines: Timelines, run: JourneyRun): string[] {
  const { entry } = run.journey;
  if (entry.date) return [];
  return timelines
    .subtree(entry.segment)
    .filter((id) => !(entry.event && timelines.plan.segments.get(id)?.events.has(entry.event)))
    .sort();
}

/**
 * Every timeline rules check, each once: the timeline of every group of look-alike segments (even an empty one: a
 * message can be missing from it), every relative journey run on its own (nothing from the calendar merged into it),
 * and, last, what the customers in both of two overlapping segments get. A segment's own timeline leaves out the
 * sends that reach it only through an overlap: what they do to the customers in both is the overlap's (SPEC 4.1).
 * One timeline is built at a time, and every rule checks it before the next.
 */
export function* timelinesToCheck(timelines: Timelines): Generator<Unit> {
  for (const group of timelines.segmentGroups()) {
    const entries = timelines.timeline(group.representative);
    const overlaps = timelines.plan.segments.get(group.representative)?.overlaps.length;
    yield { segments: group.segments, entries: overlaps ? entries.filter((entry) => entry.via !== 'overlap') : entries };
  }
  for (const run of timelines.relativeRuns) {
    const segments = relativeSegments(timelines, run);
    // A run that sends nothing is checked too: a message can be missing from it.
    if (segments.length) yield { segments, entries: run.sends.map((send) => ({ send, via: 'segment' as const })), run };
  }
  for (const segments of timelines.overlapPairs()) {
    const { entries, sides } = timelines.inBoth(...segments);
    yield { segments, entries, inBoth: { segments, side: (send) => sides.get(send) ?? 0 } };
  }
}

/** Splits segments into parts that share `keyOf`, in order; each part's first segment stands for it. */
export function partsBy(segments: readonly string[], keyOf: (segment: string) => string): string[][] {
  const parts = new Map<string, string[]>();
  for (const segment of segments) {
    const key = keyOf(segment);
    const part = parts.get(key);
    if (part) part.push(segment);
    else parts.set(key, [segment]);
  }
  return [...parts.values()];
}

/** The campaigns a timeline's options may be asked for: its sends' and its journey's, each once, and `undefined`. */
export function campaignsOf(unit: Unit): Array<string | undefined> {
  const campaigns = unit.entries.map((entry) => entry.send.campaign);
  if (unit.run) campaigns.push(unit.run.journey.campaign);
  return [undefined, ...new Set(campaigns.filter((campaign) => campaign !== undefined))];
}
