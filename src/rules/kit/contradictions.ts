import type { Segment } from '../../model/types.js';
import type { Timelines } from '../../timeline/build.js';
import type { TimelineEntry } from '../../timeline/types.js';
import type { CheckedTimeline, Found } from '../rule.js';
import { canMeet, comesBefore, ownProblem } from './sends.js';

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
  timeline: Pick<CheckedTimeline<unknown>, 'inBoth'>,
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
        // Only sends of one journey run on disjoint paths fail to meet, and (for the customers in both of two
        // overlapping segments) sends that reach one segment alone: for calendar sends this scan stops at once.
        const partner = sends.find((earlier) => canMeet(earlier.send, entry.send) && ownProblem(timeline, earlier.send, entry.send));
        if (!partner) continue;
        met.add(key);
        // A dated send comes before one on a relative journey run, whose date is unknown.
        meetings.push(comesBefore(partner.send, entry.send) ? { topic, earlier: partner, later: entry } : { topic, earlier: entry, later: partner });
      }
      const own = byTemplate.get(template) ?? byTemplate.set(template, []).get(template)!;
      own.push(entry);
    }
  }
  return meetings;
}

/**
 * Messages contradict each other whenever both can reach one segment, whatever their timing (SPEC 5, 6): what reaches
 * a segment's timeline, then the sends of the journeys it enters on their relative runs (no date for the entry event),
 * which reach it as surely as a dated send. Segments that enter different journeys so are checked apart (`splitBy`).
 */
export function reachingEntries(timelines: Timelines, timeline: Pick<CheckedTimeline<unknown>, 'entries' | 'run' | 'inBoth' | 'segment'>): readonly TimelineEntry[] {
  if (timeline.run || timeline.inBoth) return timeline.entries;
  const relative = timelines.relativeRunsEntering(timeline.segment).flatMap((run) => run.sends.map((send) => ({ send, via: 'segment' as const })));
  return relative.length ? [...timeline.entries, ...relative] : timeline.entries;
}

/** What `reachingEntries` reads of a segment: the journeys it enters on their relative runs. */
export function relativeJourneysOf(timelines: Timelines, segment: Segment): string {
  return timelines.relativeRunsEntering(segment).map((run) => run.journey.id).join('\u0000');
}

/** How a rule words a contradiction between two messages. */
export interface PairWording {
  /** The finding's text; `who` is `, for the customers in both a and b` when only an overlap makes them meet, else ''. */
  message(meeting: Meeting, who: string): string;
  /** What the earlier message says, at its send (the related location). */
  earlier(meeting: Meeting): string;
  /** What the two disagree about, for the fingerprint; the meeting's topic when absent. */
  about?(meeting: Meeting): string[];
}

interface Seen {
  /** The earliest meeting found on any timeline. */
  meeting: Meeting;
  /** The pairs of overlapping segments whose customers in both get the two, when no segment gets both by itself. */
  onlyInBoth?: Array<readonly [string, string]>;
}

interface Pair extends Seen {
  /** The finding as first reported: the engine keeps it for the pair, listing each timeline's segments. */
  found: Found;
}

/**
 * One finding per topic and pair of templates, listing every segment where they meet (SPEC 5). It stands at the
 * earliest meeting found on any timeline. Segments' own timelines come before the customers in both of two
 * overlapping segments: a pair a segment gets by itself is that segment's finding, and its customers in both add
 * nothing to it; a pair that only overlaps make meet is about the customers in both. Where it stands and whom it is
 * about are known only once every timeline is checked, while the engine keeps the first Found of a key: so an earlier
 * meeting is written into that Found, and the message is worded when the engine reads it.
 */
export class PairFindings {
  private readonly pairs = new Map<string, Pair>();

  constructor(private readonly wording: PairWording) {}

  /** Reports a meeting on a timeline. */
  add(meeting: Meeting, timeline: Pick<CheckedTimeline<unknown>, 'report' | 'inBoth'>): void {
    const key = pairKey(meeting.topic, meeting.earlier.send.template, meeting.later.send.template);
    const { inBoth } = timeline;
    const pair = this.pairs.get(key);
    if (!pair) {
      const seen: Seen = { meeting, ...(inBoth ? { onlyInBoth: [inBoth.segments] } : {}) };
      const created = Object.assign(seen, { found: this.foundOf(seen) });
      this.pairs.set(key, created);
      timeline.report(created.found);
      return;
    }
    if (inBoth && !pair.onlyInBoth) return;
    if (inBoth) pair.onlyInBoth!.push(inBoth.segments);
    if (comesBefore(meeting.later.send, pair.meeting.later.send)) {
      pair.meeting = meeting;
      Object.assign(pair.found, this.foundOf(pair));
    }
    timeline.report(pair.found);
  }

  /** The finding at a pair's meeting; its message reads whom it is about once all is seen. */
  private foundOf(seen: Seen): Found {
    const { meeting } = seen;
    const { topic, earlier, later } = meeting;
    return {
      send: later.send,
      message: () => this.wording.message(meeting, seen.onlyInBoth ? `, for the customers in both ${seen.onlyInBoth.map(([a, b]) => `${a} and ${b}`).join(', and in both ')}` : ''),
      related: [{ send: earlier.send, message: this.wording.earlier(meeting) }],
      ids: [...(this.wording.about?.(meeting) ?? [topic]), ...[earlier.send.template, later.send.template].sort()],
    };
  }
}

/** The channel a send goes out on, for messages: the send's, else the template's. */
export function channelOf(entry: TimelineEntry, channels: readonly string[] | undefined): string | undefined {
  return entry.send.channel ?? channels?.[0];
}
