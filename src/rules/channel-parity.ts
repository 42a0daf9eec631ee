import type { Duration } from 'luxon';
import { parseDuration } from '../time/durations.js';
import type { SendEntry, TimelineEntry } from '../timeline/types.js';
import type { CheckedTimeline, Rule } from './rule.js';
import { canMeet, segmentsText, sendKey } from './kit/sends.js';
import { durationSchema } from './kit/windows.js';

export type ChannelParityOptions = {
  /** Channels that must carry the same campaigns, e.g. `[[wechat, alibaba]]`. */
  groups: string[][];
  /** How far before or after a send its counterpart on another channel of the group may be. */
  window: string;
};

/** `a`, `a or b`, `a, b or c`. */
const orText = (items: string[]): string => (items.length > 1 ? `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}` : (items[0] ?? ''));

/** Whether a send of the list (sorted by time) lies within `window` of `send`, before or after it, and can meet it. */
function hasCounterpart(send: SendEntry, list: readonly SendEntry[], window: Duration): boolean {
  const from = send.time.minus(window).toMillis();
  const to = send.time.plus(window).toMillis();
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (list[middle]!.millis < from) low = middle + 1;
    else high = middle;
  }
  for (let index = low; index < list.length && list[index]!.millis <= to; index += 1) if (canMeet(send, list[index]!)) return true;
  return false;
}

export const channelParity: Rule<ChannelParityOptions> = {
  id: 'channel-parity',
  category: 'missing',
  defaultSeverity: 'warning',
  description: 'A campaign on one channel of a group is missing on the others.',
  optionsSchema: {
    type: 'object',
    properties: {
      groups: {
        type: 'array',
        items: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 2, uniqueItems: true },
        description: 'Groups of channels that must carry the same campaigns, e.g. [[wechat, alibaba]].',
      },
      window: durationSchema('How far before or after a send its counterpart on the other channels may be (P7D).'),
    },
    additionalProperties: false,
  },
  defaultOptions: { groups: [], window: 'P7D' },
  fixable: false,
  create() {
    return {
      // A channel a segment did not consent to owes it nothing, and a suppressed segment gets no campaign at all.
      splitBy: (segment) => JSON.stringify([segment.consent ?? null, segment.suppressed]),
      onTimeline: (timeline) => {
        if (!timeline.segment.suppressed) missingCounterparts(timeline);
      },
    };
  },
};

/** Sends of each campaign on each channel, in time order. */
function byCampaignAndChannel(entries: readonly TimelineEntry[]): Map<string, Map<string, SendEntry[]>> {
  const byCampaign = new Map<string, Map<string, SendEntry[]>>();
  for (const { send } of entries) {
    if (send.campaign === undefined || send.channel === undefined) continue;
    const channels = byCampaign.get(send.campaign) ?? byCampaign.set(send.campaign, new Map()).get(send.campaign)!;
    (channels.get(send.channel) ?? channels.set(send.channel, []).get(send.channel)!).push(send);
  }
  return byCampaign;
}

/** Reports every send of a campaign on a channel of a group that has no counterpart on some other channel of the group. */
function missingCounterparts(timeline: CheckedTimeline<ChannelParityOptions>): void {
  const { consent } = timeline.segment;
  for (const [campaign, channels] of byCampaignAndChannel(timeline.entries)) {
    const options = timeline.options(campaign);
    // The engine checked the option against durationSchema: it parses.
    const window = parseDuration(options.window)!;
    for (const group of options.groups) {
      // A channel the segment did not consent to cannot carry the campaign to it: parity asks nothing of it.
      const members = [...new Set(group)].filter((channel) => consent === undefined || consent.includes(channel));
      for (const channel of members) {
        for (const send of channels.get(channel) ?? []) {
          const missing = members.filter((other) => other !== channel && !hasCounterpart(send, channels.get(other) ?? [], window));
          if (missing.length === 0) continue;
          timeline.report({
            key: [sendKey(send), campaign, missing.join(','), options.window].join('\u0000'),
            send,
            message: (segments) =>
              `campaign ${campaign} is on ${channel} (${send.template} on ${send.whenText}) but not on ${orText(missing)} within ${options.window}, for ${segmentsText(segments)}`,
            ids: [campaign, sendKey(send), ...missing],
          });
        }
      }
    }
  }
}
