import type { Duration } from 'luxon';
import { parseDuration } from '../time/durations.js';
import type { SendEntry } from '../timeline/types.js';
import type { Rule } from './rule.js';
import { ProblemsBySegment } from './kit/reporting.js';
import { describeWhen, segmentsText, sendKey, sendLocation, sendWhen } from './kit/sends.js';
import { byOptions, canMeet, timelinesToCheck } from './kit/traversal.js';
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
  check(context) {
    const { plan, timelines } = context;
    const problems = new ProblemsBySegment();
    for (const { segments, entries } of timelinesToCheck(timelines)) {
      // Sends reaching a segment only through an overlap are checked on the timeline of the segment they address.
      const sends = entries.filter((entry) => entry.via !== 'overlap' && entry.send.campaign !== undefined && entry.send.channel !== undefined).map((entry) => entry.send);
      if (sends.length === 0) continue;
      // Sends of each campaign on each channel, in time order.
      const byChannel = new Map<string, Map<string, SendEntry[]>>();
      for (const send of sends) {
        const channels = byChannel.get(send.campaign!) ?? byChannel.set(send.campaign!, new Map()).get(send.campaign!)!;
        (channels.get(send.channel!) ?? channels.set(send.channel!, []).get(send.channel!)!).push(send);
      }
      for (const part of byOptions(context, segments, byChannel.keys())) {
        // Segments of one part may still consent to different channels (on a relative timeline): split by consent.
        const byConsent = new Map<string, string[]>();
        for (const segment of part.segments) {
          // A suppressed segment gets no marketing at all: no campaign owes it parity.
          if (plan.segments.get(segment)?.suppressed) continue;
          const key = JSON.stringify(plan.segments.get(segment)?.consent ?? null);
          (byConsent.get(key) ?? byConsent.set(key, []).get(key)!).push(segment);
        }
        for (const [consentKey, consentSegments] of byConsent) {
          const consent = JSON.parse(consentKey) as string[] | null;
          for (const [campaign, channels] of byChannel) {
            const options = part.options(campaign);
            // The engine checked the option against durationSchema: it parses.
            const window = parseDuration(options.window)!;
            for (const group of options.groups) {
              // A channel the segment did not consent to cannot carry the campaign to it: parity asks nothing of it.
              const members = [...new Set(group)].filter((channel) => consent === null || consent.includes(channel));
              for (const channel of members) {
                for (const send of channels.get(channel) ?? []) {
                  const missing = members.filter((other) => other !== channel && !hasCounterpart(send, channels.get(other) ?? [], window));
                  if (missing.length === 0) continue;
                  const key = [sendKey(send), campaign, missing.join(','), options.window].join('\u0000');
                  problems.add(key, consentSegments, (all) => ({
                    message: `campaign ${campaign} is on ${channel} (${send.template} on ${describeWhen(send)}) but not on ${orText(missing)} within ${options.window}, for ${segmentsText(all)}`,
                    location: sendLocation(send),
                    ...sendWhen(send),
                    ids: [campaign, sendKey(send), ...missing],
                    campaign,
                  }));
                }
              }
            }
          }
        }
      }
    }
    problems.reportTo(context);
  },
};
