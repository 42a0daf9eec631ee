import type { Problem } from '../../findings/finding.js';
import type { TimelineEntry } from '../../timeline/types.js';
import type { LegacyRuleContext as RuleContext } from '../rule.js';
import { inOrder } from './sends.js';
import { canMeet } from './traversal.js';

/**
 * What conflicting-offers and conflicting-facts share: the first moment one customer holds two messages that disagree,
 * and one finding per pair of templates.
 */

/** Two messages one customer gets, of two templates that disagree about one topic (an offer id, a fact). */
export interface Meeting {
  topic: string;
  earlier: TimelineEntry;
  later: TimelineEntry;
}

const pairKey = (topic: string, a: string, b: string): string => [topic, ...[a, b].sort()].join('\u0000');

/**
 * Sweeps one sorted timeline and returns, for every pair of templates that disagree about a topic, the first moment
 * one customer holds both: the first send of one template that can meet (SPEC 4.5 paths) an earlier send of the other.
 * `disagree(topic, earlierTemplate, laterTemplate, later)` says whether the two templates contradict each other at the
 * later send. Templates are keyed by topic, so only templates sharing a topic are ever compared.
 */
export function firstMeetings(
  entries: readonly TimelineEntry[],
  topicsOf: (template: string) => readonly string[],
  disagree: (topic: string, earlierTemplate: string, laterTemplate: string, later: TimelineEntry) => boolean,
): Meeting[] {
  const seen = new Map<string, Map<string, TimelineEntry[]>>();
  const met = new Set<string>();
  const meetings: Meeting[] = [];
  for (const entry of entries) {
    const template = entry.send.template;
    for (const topic of topicsOf(template)) {
      const byTemplate = seen.get(topic) ?? seen.set(topic, new Map()).get(topic)!;
      for (const [other, sends] of byTemplate) {
        if (other === template) continue;
        const key = pairKey(topic, template, other);
        if (met.has(key) || !disagree(topic, other, template, entry)) continue;
        // Only sends of one journey run on disjoint paths fail to meet, so this scan stops at once for calendar sends.
        const partner = sends.find((earlier) => canMeet(earlier.send, entry.send));
        if (!partner) continue;
        met.add(key);
        const [first] = inOrder(partner.send, entry.send);
        meetings.push(first === partner.send ? { topic, earlier: partner, later: entry } : { topic, earlier: entry, later: partner });
      }
      const own = byTemplate.get(template) ?? byTemplate.set(template, []).get(template)!;
      own.push(entry);
    }
  }
  return meetings;
}

/**
 * One finding per topic and pair of templates, listing every segment where they meet (SPEC 5). The finding points at
 * the earliest meeting found; `onlyThroughOverlap` holds when every segment gets one of the two only through an overlap.
 */
export class PairFindings {
  private readonly pairs = new Map<string, { meeting: Meeting; segments: Set<string>; onlyThroughOverlap: boolean }>();

  add(meeting: Meeting, segments: readonly string[]): void {
    const key = pairKey(meeting.topic, meeting.earlier.send.template, meeting.later.send.template);
    const overlap = meeting.earlier.via === 'overlap' || meeting.later.via === 'overlap';
    const found = this.pairs.get(key);
    if (!found) {
      this.pairs.set(key, { meeting, segments: new Set(segments), onlyThroughOverlap: overlap });
      return;
    }
    for (const segment of segments) found.segments.add(segment);
    found.onlyThroughOverlap &&= overlap;
    if (meeting.later.send.millis < found.meeting.later.send.millis) found.meeting = meeting;
  }

  reportTo(
    context: Pick<RuleContext, 'report'>,
    build: (meeting: Meeting, segments: string[], onlyThroughOverlap: boolean) => Omit<Problem, 'rule' | 'segments'>,
  ): void {
    for (const { meeting, segments, onlyThroughOverlap } of this.pairs.values()) {
      const sorted = [...segments].sort();
      context.report({ segments: sorted, ...build(meeting, sorted, onlyThroughOverlap) });
    }
  }
}

/** The channel a send goes out on, for messages: the send's, else the template's. */
export function channelOf(entry: TimelineEntry, channels: readonly string[] | undefined): string | undefined {
  return entry.send.channel ?? channels?.[0];
}
