// What a rule checks, each once: segment groups, relative journey runs, parts split by options, pairs that can meet.
import type { Timelines } from '../../timeline/build.js';
import type { JourneyRun, SendEntry, TimelineEntry } from '../../timeline/types.js';
import type { LegacyRuleContext as RuleContext } from '../rule.js';

/** Whether one customer can get both sends: two sends of one journey run on no common path never meet (SPEC 4.5). */
export function canMeet(a: SendEntry, b: SendEntry): boolean {
  if (a.origin.kind !== 'journey' || b.origin.kind !== 'journey' || a.origin.run !== b.origin.run) return true;
  return a.origin.paths.first <= b.origin.paths.last && b.origin.paths.first <= a.origin.paths.last;
}

/** The segments a relative journey run stands for: those of its entry segment's subtree with no date for its entry event. */
export function relativeSegments(timelines: Timelines, run: JourneyRun): string[] {
  const { entry } = run.journey;
  if (entry.date) return [];
  return timelines
    .subtree(entry.segment)
    .filter((id) => !(entry.event && timelines.plan.segments.get(id)?.events.has(entry.event)))
    .sort();
}

/**
 * Segments split by the options the rule has for them (an override may name one segment of a group, or a campaign):
 * each part is checked once, with `options(campaign)` the options of its first segment for that campaign.
 */
export function byOptions<Options>(
  context: Pick<RuleContext<Options>, 'options' | 'overridden'>,
  segments: readonly string[],
  campaigns: Iterable<string | undefined>,
): Array<{ segments: string[]; options: (campaign?: string) => Options }> {
  if (!context.overridden) {
    const options = context.options();
    return segments.length ? [{ segments: [...segments], options: () => options }] : [];
  }
  const campaignList = [undefined, ...new Set(campaigns)];
  const parts = new Map<string, { segments: string[]; options: (campaign?: string) => Options }>();
  for (const segment of segments) {
    const signature = JSON.stringify(campaignList.map((campaign) => context.options(segment, campaign)));
    const part = parts.get(signature);
    if (part) {
      part.segments.push(segment);
      continue;
    }
    const cache = new Map<string | undefined, Options>();
    const options = (campaign?: string): Options => {
      if (!cache.has(campaign)) cache.set(campaign, context.options(segment, campaign));
      return cache.get(campaign)!;
    };
    parts.set(signature, { segments: [segment], options });
  }
  return [...parts.values()];
}

/**
 * What a rule that reads timelines checks, each once: the timeline of every group of look-alike segments, and every
 * relative journey run on its own (nothing from the calendar merged into it), with the segments each stands for.
 */
export function* timelinesToCheck(timelines: Timelines): Generator<{ segments: string[]; entries: TimelineEntry[] }> {
  for (const group of timelines.segmentGroups()) {
    const entries = timelines.timeline(group.representative);
    if (entries.length) yield { segments: group.segments, entries };
  }
  for (const run of timelines.relativeRuns) {
    const segments = relativeSegments(timelines, run);
    if (segments.length && run.sends.length) yield { segments, entries: run.sends.map((send) => ({ send, via: 'segment' as const })) };
  }
}
