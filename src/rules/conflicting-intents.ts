import type { Duration } from 'luxon';
import { describeDuration, parseDuration } from '../time/durations.js';
import type { TimelineEntry } from '../timeline/types.js';
import type { Rule } from './rule.js';
import { ProblemsBySegment } from './kit/reporting.js';
import { deliveryId, describeSend, describeGap, inOrder, relatedTo, sendLocation, sendWhen, throughOverlap } from './kit/sends.js';
import { byOptions, canMeet, timelinesToCheck } from './kit/traversal.js';
import { durationSchema } from './kit/windows.js';

export interface IntentConflict {
  a: string;
  b: string;
  /** Sends of the two intents closer than this conflict; exactly this far apart is fine. */
  within: string;
}

export interface ConflictingIntentsOptions {
  conflicts: IntentConflict[];
}

/** `30d`, `36h`, `1d 12h`: a window as a marketer reads it (months and years as written). */
function showWindow(text: string, duration: Duration): string {
  const parts = duration.toObject();
  if (parts.years || parts.months) return text;
  return describeDuration(duration.shiftTo('days', 'hours', 'minutes'));
}

const HOUR = 3_600_000;

/** An upper bound of a duration in milliseconds, whatever the calendar (months of 31 days, days of 25 hours). */
function longest(duration: Duration): number {
  const { years = 0, months = 0, weeks = 0, days = 0, hours = 0, minutes = 0, seconds = 0, milliseconds = 0 } = duration.toObject();
  return (years * 366 + months * 31 + weeks * 7 + days) * 25 * HOUR + hours * HOUR + minutes * 60_000 + seconds * 1000 + milliseconds;
}

interface Compiled {
  other: string;
  within: Duration;
  conflict: IntentConflict;
}

/** Intent → the intents it conflicts with, and within what (the first declaration of a pair wins). */
function compile(conflicts: readonly IntentConflict[]): Map<string, Map<string, Compiled>> {
  const byIntent = new Map<string, Map<string, Compiled>>();
  for (const conflict of conflicts) {
    const within = parseDuration(conflict.within);
    if (!within || within.toMillis() <= 0) continue;
    for (const [intent, other] of [
      [conflict.a, conflict.b],
      [conflict.b, conflict.a],
    ] as const) {
      const others = byIntent.get(intent) ?? byIntent.set(intent, new Map()).get(intent)!;
      if (!others.has(other)) others.set(other, { other, within, conflict });
    }
  }
  return byIntent;
}

export const conflictingIntents: Rule<ConflictingIntentsOptions> = {
  id: 'conflicting-intents',
  category: 'contradictory',
  defaultSeverity: 'error',
  description: 'Two intents declared incompatible reach a segment within a window.',
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      conflicts: {
        type: 'array',
        description: 'Pairs of intents that must not reach one segment within `within` of each other, in either order.',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['a', 'b', 'within'],
          properties: {
            a: { type: 'string', minLength: 1, description: 'An intent.' },
            b: { type: 'string', minLength: 1, description: 'The intent it conflicts with.' },
            within: durationSchema('How close the two may come (P30D, 3d, PT36H): sends closer than this conflict; exactly this far apart is fine.'),
          },
        },
      },
    },
  },
  defaultOptions: {
    conflicts: [
      { a: 'welcome', b: 'win_back', within: 'P30D' },
      { a: 'apology', b: 'promotion', within: 'P3D' },
      { a: 'apology', b: 'upsell', within: 'P3D' },
    ],
  },
  fixable: false,
  check(context) {
    const { plan, timelines } = context;
    const problems = new ProblemsBySegment();
    const intentOf = (entry: TimelineEntry): string | undefined => plan.templates.get(entry.send.template)?.intent;
    // A send to a segment shows on the timelines of every segment below it: its window's start is computed once.
    const starts = new Map<string, WeakMap<object, number>>();
    const windowStart = (entry: TimelineEntry, text: string, within: Duration): number => {
      const bySend = starts.get(text) ?? starts.set(text, new WeakMap()).get(text)!;
      let start = bySend.get(entry.send);
      if (start === undefined) {
        start = entry.send.time.minus(within).toMillis();
        bySend.set(entry.send, start);
      }
      return start;
    };

    for (const { segments: all, entries } of timelinesToCheck(timelines)) {
      const campaigns = new Set(entries.map((entry) => entry.send.campaign));
      // Segments of one timeline may still have different options (an `overrides` entry naming one of them, or a campaign).
      for (const { segments, options } of byOptions(context, all, campaigns)) {
        const compiled = new Map<string | undefined, Map<string, Map<string, Compiled>>>();
        const rulesFor = (campaign: string | undefined): Map<string, Map<string, Compiled>> =>
          compiled.get(campaign) ?? compiled.set(campaign, compile(options(campaign).conflicts ?? [])).get(campaign)!;
        // Every send seen so far, by intent, in time order: a window is read backwards from the newest.
        const seen = new Map<string, TimelineEntry[]>();
        for (const entry of entries) {
          const intent = intentOf(entry);
          if (intent === undefined) continue;
          for (const { other, within, conflict } of rulesFor(entry.send.campaign).get(intent)?.values() ?? []) {
            const earlierOnes = seen.get(other);
            // Calendar arithmetic is slow: skip it when even the newest earlier send is out of the longest reading of the window.
            if (!earlierOnes || earlierOnes[earlierOnes.length - 1]!.send.millis <= entry.send.millis - longest(within)) continue;
            const since = windowStart(entry, conflict.within, within);
            for (let index = earlierOnes.length - 1; index >= 0 && earlierOnes[index]!.send.millis > since; index -= 1) {
              const candidate = earlierOnes[index]!;
              if (!canMeet(candidate.send, entry.send)) continue;
              const [first] = inOrder(candidate.send, entry.send);
              const [earlier, later] = first === candidate.send ? [candidate, entry] : [entry, candidate];
              report(earlier, later, conflict, within, segments);
              break;
            }
          }
          (seen.get(intent) ?? seen.set(intent, []).get(intent)!).push(entry);
        }
      }
    }
    problems.reportTo(context);

    function report(earlier: TimelineEntry, later: TimelineEntry, conflict: IntentConflict, within: Duration, segments: string[]): void {
      const overlap = throughOverlap(earlier, later);
      const key = [deliveryId(later.send), later.send.millis, deliveryId(earlier.send), earlier.send.millis, overlap].join('\u0000');
      problems.add(key, segments, () => {
        const apart = later.send.millis === earlier.send.millis ? 'at the same time as' : `${describeGap(earlier.send, later.send)} after`;
        return {
          message: `${describeSend(later.send, plan.templates)} comes ${apart} ${describeSend(earlier.send, plan.templates)}: ${conflict.a} and ${conflict.b} need at least ${showWindow(conflict.within, within)} between them${overlap}`,
          location: sendLocation(later.send),
          ...sendWhen(later.send),
          related: [relatedTo(earlier.send, `${describeSend(earlier.send, plan.templates)}`)],
          ids: [later.send.template, earlier.send.template, deliveryId(later.send), deliveryId(earlier.send)],
          campaign: later.send.campaign,
        };
      });
    }
  },
};
