import type { Segment } from '../model/types.js';
import type { Timelines } from '../timeline/build.js';
import type { SendEntry, TimelineEntry } from '../timeline/types.js';
import type { Rule } from './rule.js';
import { ProblemsBySegment } from './kit/reporting.js';
import { describeSend, inOrder, sendKey, sendLocation, sendWhen, segmentsText, throughOverlap } from './kit/sends.js';

/** `a`, `a and b`, `a, b and c` (or `or`). */
const listText = (items: string[], word = 'and'): string => (items.length > 1 ? `${items.slice(0, -1).join(', ')} ${word} ${items[items.length - 1]}` : (items[0] ?? ''));

/**
 * What reaches a segment: its timeline, and the journeys it enters on their own relative timeline (no date for the entry
 * event). A campaign is a whole-plan notion, so the two are read together here.
 */
function reaching(timelines: Timelines, segment: Segment): TimelineEntry[] {
  const entries = timelines.timeline(segment.id);
  for (const run of timelines.relativeRuns) {
    const { entry } = run.journey;
    const enters = timelines.plan.tree.contains(entry.segment, segment.id);
    if (!enters || entry.date !== undefined || (entry.event !== undefined && segment.events.has(entry.event))) continue;
    for (const send of run.sends) entries.push({ send, via: 'segment' });
  }
  return entries;
}

interface CampaignReach {
  first: TimelineEntry;
  channels: Set<string>;
  /** A send on an owned channel the segment consents to. */
  owned: boolean;
  /** Every send of the campaign reaches the segment only through a declared overlap. */
  overlapOnly: boolean;
}

/** The first of two entries: absolute times before relative ones (those have no date), then by time and source order. */
function earlier(a: TimelineEntry, b: TimelineEntry): TimelineEntry {
  const relative = (send: SendEntry): boolean => send.origin.kind === 'journey' && send.origin.run.relative;
  if (relative(a.send) !== relative(b.send)) return relative(a.send) ? b : a;
  return inOrder(a.send, b.send)[0] === a.send ? a : b;
}

export const ownedChannelGap: Rule = {
  id: 'owned-channel-gap',
  category: 'missing',
  defaultSeverity: 'warning',
  description: 'A campaign reaches a segment only on channels the brand does not own, and on none of the owned ones it consents to.',
  fixable: false,
  check(context) {
    const { plan, timelines } = context;
    const ownedChannels = [...plan.vocabulary.channels].filter(([, channel]) => channel.owned).map(([name]) => name);
    const problems = new ProblemsBySegment();
    for (const group of timelines.segmentGroups()) {
      const segment = plan.segments.get(group.representative);
      if (!segment || segment.suppressed) continue;
      const consented = segment.consent;
      const ownedConsented = ownedChannels.filter((channel) => consented === undefined || consented.includes(channel));
      // A segment that consents to no owned channel has no gap the brand could fill.
      if (ownedConsented.length === 0) continue;
      const campaigns = new Map<string, CampaignReach>();
      for (const entry of reaching(timelines, segment)) {
        const { send } = entry;
        if (send.campaign === undefined || send.channel === undefined) continue;
        const owned = plan.vocabulary.channels.get(send.channel)?.owned;
        const reach = campaigns.get(send.campaign);
        if (!reach) {
          campaigns.set(send.campaign, { first: entry, channels: new Set([send.channel]), owned: owned === true && ownedConsented.includes(send.channel), overlapOnly: entry.via === 'overlap' });
          continue;
        }
        reach.first = earlier(reach.first, entry);
        reach.channels.add(send.channel);
        reach.owned ||= owned === true && ownedConsented.includes(send.channel);
        reach.overlapOnly &&= entry.via === 'overlap';
      }
      for (const [campaign, reach] of campaigns) {
        const unowned = [...reach.channels].filter((channel) => plan.vocabulary.channels.get(channel)?.owned === false).sort();
        if (reach.owned || unowned.length === 0) continue;
        const first = reach.first.send;
        const overlap = reach.overlapOnly ? throughOverlap(reach.first) : '';
        const owned = (segments: string[]): string =>
          consented === undefined ? 'never on an owned channel' : `never on an owned channel ${segments.length > 1 ? 'they consent' : 'it consents'} to (${listText(ownedConsented, 'or')})`;
        const key = [campaign, sendKey(first), unowned.join(','), consented === undefined ? '' : ownedConsented.join(','), overlap].join('\u0000');
        problems.add(key, group.segments, (segments) => ({
          message: `campaign ${campaign} reaches ${segmentsText(segments)}${overlap} only on channels the brand does not own (${listText(unowned)}), ${owned(segments)}; its first send: ${describeSend(first, plan.templates)}`,
          location: sendLocation(first),
          ...sendWhen(first),
          ids: [campaign, ...unowned],
          campaign,
        }));
      }
    }
    problems.reportTo(context);
  },
};
