import type { Duration } from 'luxon';
import { describeDuration, parseDuration } from '../time/durations.js';
import type { Template } from '../model/types.js';
import type { SendEntry, TimelineEntry } from '../timeline/types.js';
import type { CheckedTimeline, Rule } from './rule.js';
import { canMeet, describeGap, describeSend, inOrder, ownProblem, toSide, whenKey, whoText } from './kit/sends.js';
import { durationSchema, isWithin } from './kit/windows.js';

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

interface Compiled {
  other: string;
  within: Duration;
  conflict: IntentConflict;
}

/** Intent → the intents it conflicts with, and within what: a list, walked for every send. */
type ConflictsByIntent = Map<string, Compiled[]>;

/** The conflicts of the options by intent (the first declaration of a pair wins). */
function compile(conflicts: readonly IntentConflict[]): ConflictsByIntent {
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
  return new Map([...byIntent].map(([intent, others]) => [intent, [...others.values()]]));
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
  create({ plan }) {
    // Without overrides, one options object serves every timeline: its conflicts are compiled once, not per timeline.
    const compiled = new WeakMap<ConflictingIntentsOptions, ConflictsByIntent>();
    const conflictsOf = (options: ConflictingIntentsOptions): ConflictsByIntent => compiled.get(options) ?? compiled.set(options, compile(options.conflicts)).get(options)!;
    return {
      readsOverlaps: true,
      onTimeline: (timeline) => {
        for (const { earlier, later, conflict } of conflictingPairs(timeline, plan.templates, conflictsOf)) {
          // For the customers in both of two overlapping segments, only a conflict the overlap makes: one send to each.
          if (!ownProblem(timeline, earlier.send, later.send)) continue;
          timeline.report({
            key: [later.send.deliveryId, whenKey(later.send), earlier.send.deliveryId, whenKey(earlier.send)].join('\u0000'),
            send: later.send,
            message: (segments) => conflictText(timeline, earlier.send, later.send, conflict, plan.templates) + (timeline.inBoth ? `, for ${whoText(timeline, segments)}` : ''),
            related: [{ send: earlier.send, message: describeSend(earlier.send, plan.templates) }],
            ids: [later.send.template, earlier.send.template, later.send.deliveryId, earlier.send.deliveryId],
          });
        }
      },
    };
  },
};

/** `upsell-x (upsell, email) on … comes 2d after apology-y (apology, email) on …: apology and upsell need at least 3d between them`. */
function conflictText(timeline: CheckedTimeline<unknown>, earlier: SendEntry, later: SendEntry, { conflict, within }: Compiled, templates: Map<string, Template>): string {
  const apart = later.millis === earlier.millis ? 'at the same time as' : `${describeGap(earlier, later)} after`;
  return `${describeSend(later, templates)}${toSide(timeline, later)} comes ${apart} ${describeSend(earlier, templates)}${toSide(timeline, earlier)}: ${conflict.a} and ${conflict.b} need at least ${showWindow(conflict.within, within)} between them`;
}

/**
 * Each send paired with the latest earlier send (that one customer can get with it) of every intent it conflicts with,
 * within the window. A list, not a generator: a generator's loops made an iterator for every send of a large plan.
 */
function conflictingPairs(
  timeline: CheckedTimeline<ConflictingIntentsOptions>,
  templates: Map<string, Template>,
  conflictsOf: (options: ConflictingIntentsOptions) => ConflictsByIntent,
): Array<{ earlier: TimelineEntry; later: TimelineEntry; conflict: Compiled }> {
  const pairs: Array<{ earlier: TimelineEntry; later: TimelineEntry; conflict: Compiled }> = [];
  // Every send seen so far, by intent, in time order: a window is read backwards from the newest.
  const seen = new Map<string, TimelineEntry[]>();
  for (const entry of timeline.entries) {
    const intent = templates.get(entry.send.template)?.intent;
    if (intent === undefined) continue;
    for (const conflict of conflictsOf(timeline.options(entry.send.campaign)).get(intent) ?? []) {
      const earlierOnes = seen.get(conflict.other);
      if (!earlierOnes) continue;
      // The window counts from the earlier send, as every rule's does (kit/windows.ts): 31 January + P1M is 28 February.
      for (let index = earlierOnes.length - 1; index >= 0 && isWithin(earlierOnes[index]!.send, entry.send, conflict.within); index -= 1) {
        const candidate = earlierOnes[index]!;
        if (!canMeet(candidate.send, entry.send)) continue;
        // At the same instant, the send read later is the finding's location.
        const [first] = inOrder(candidate.send, entry.send);
        pairs.push(first === candidate.send ? { earlier: candidate, later: entry, conflict } : { earlier: entry, later: candidate, conflict });
        break;
      }
    }
    (seen.get(intent) ?? seen.set(intent, []).get(intent)!).push(entry);
  }
  return pairs;
}
