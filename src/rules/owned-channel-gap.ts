import type { TimelineEntry } from '../timeline/types.js';
import type { Rule } from './rule.js';
import { comesBefore, describeSend, sendKey, segmentsText } from './kit/sends.js';

/** `a`, `a and b`, `a, b and c` (or `or`). */
const listText = (items: string[], word = 'and'): string => (items.length > 1 ? `${items.slice(0, -1).join(', ')} ${word} ${items[items.length - 1]}` : (items[0] ?? ''));

interface CampaignReach {
  first: TimelineEntry;
  channels: Set<string>;
  /** A send on an owned channel the segment consents to. */
  owned: boolean;
}

/** How each campaign reaches a segment: its sends on a channel, `owned` when one is on an owned channel it consents to. */
function campaignsIn(entries: Iterable<TimelineEntry>, ownedConsented: readonly string[]): Map<string, CampaignReach> {
  const campaigns = new Map<string, CampaignReach>();
  for (const entry of entries) {
    const { campaign, channel } = entry.send;
    if (campaign === undefined || channel === undefined) continue;
    const owned = ownedConsented.includes(channel);
    const reach = campaigns.get(campaign);
    if (!reach) {
      campaigns.set(campaign, { first: entry, channels: new Set([channel]), owned });
      continue;
    }
    // The campaign's first send: a dated one before one on a relative run, then by time and source order.
    if (!comesBefore(reach.first.send, entry.send)) reach.first = entry;
    reach.channels.add(channel);
    reach.owned ||= owned;
  }
  return campaigns;
}

export const ownedChannelGap: Rule = {
  id: 'owned-channel-gap',
  category: 'missing',
  defaultSeverity: 'warning',
  description: 'A campaign reaches a segment only on channels the brand does not own, and on none of the owned ones it consents to.',
  fixable: false,
  create({ plan, timelines }) {
    const ownedChannels = [...plan.vocabulary.channels].filter(([, channel]) => channel.owned).map(([name]) => name);
    const unownedOf = (reach: CampaignReach): string[] => [...reach.channels].filter((channel) => plan.vocabulary.channels.get(channel)?.owned === false).sort();
    return {
      // Segments that enter different journeys on their relative runs get different campaigns: they are checked apart.
      splitBy: (segment) => timelines.relativeRunsEntering(segment).map((run) => run.journey.id).join('\u0000'),
      onTimeline(timeline) {
        // A campaign is a whole-plan notion: a journey's relative run is read with the timelines of the segments it enters.
        if (timeline.run) return;
        const { consent, suppressed } = timeline.segment;
        const ownedConsented = ownedChannels.filter((channel) => consent === undefined || consent.includes(channel));
        // A segment that consents to no owned channel has no gap the brand could fill.
        if (suppressed || ownedConsented.length === 0) return;
        const relativeSends = timelines.relativeRunsEntering(timeline.segment).flatMap((run) => run.sends.map((send) => ({ send, via: 'segment' as const })));
        const entries = relativeSends.length ? [...timeline.entries, ...relativeSends] : timeline.entries;
        for (const [campaign, reach] of campaignsIn(entries, ownedConsented)) {
          const unowned = unownedOf(reach);
          if (reach.owned || unowned.length === 0) continue;
          const first = reach.first.send;
          const owned = (segments: readonly string[]): string =>
            consent === undefined ? 'never on an owned channel' : `never on an owned channel ${segments.length > 1 ? 'they consent' : 'it consents'} to (${listText(ownedConsented, 'or')})`;
          timeline.report({
            key: [campaign, sendKey(first), unowned.join(','), consent === undefined ? '' : ownedConsented.join(',')].join('\u0000'),
            send: first,
            message: (segments) =>
              `campaign ${campaign} reaches ${segmentsText(segments)} only on channels the brand does not own (${listText(unowned)}), ${owned(segments)}; its first send: ${describeSend(first, plan.templates)}`,
            ids: [campaign, ...unowned],
          });
        }
      },
    };
  },
};

