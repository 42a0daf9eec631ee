import type { Location, Problem, RelatedLocation } from '../findings/finding.js';
import type { Template } from '../model/types.js';
import { locationOf } from '../model/types.js';
import { describeLocal } from '../time/zoned.js';
import type { SendEntry, TimelineEntry } from '../timeline/types.js';
import type { RuleContext } from './rule.js';

/** Where a send stands: its calendar row, or its journey step. */
export function sendLocation(send: SendEntry): Location {
  return locationOf(send.origin.kind === 'calendar' ? send.origin.send.source : send.origin.step.source);
}

/** A stable id of the source of a send, for fingerprints and keys: `calendar:<file>#<pointer>` or `journey:<id>#<step>`. */
export function sendKey(send: SendEntry): string {
  const origin = send.origin;
  return origin.kind === 'calendar'
    ? `calendar:${origin.send.id ?? `${origin.send.source.file}#${origin.send.source.pointer}`}`
    : `journey:${origin.run.journey.id}#${origin.step.id ?? origin.step.index}`;
}

/** `upgrade-discounts (upsell, email) on 2026-07-05 09:00 CDT`: a send as a marketer recognises it. */
export function describeSend(send: SendEntry, templates: Map<string, Template>): string {
  const intent = templates.get(send.template)?.intent;
  const details = [intent, send.channel].filter(Boolean).join(', ');
  return `${send.template}${details ? ` (${details})` : ''} on ${describeLocal(send.time)}`;
}

export function relatedTo(send: SendEntry, message: string): RelatedLocation {
  const { file, line, column } = sendLocation(send);
  return { file, line, column, message };
}

/** Whether one customer can get both sends: two sends of one journey run on no common path never meet (SPEC 4.5). */
export function canMeet(a: SendEntry, b: SendEntry): boolean {
  if (a.origin.kind !== 'journey' || b.origin.kind !== 'journey' || a.origin.run !== b.origin.run) return true;
  return a.origin.paths.first <= b.origin.paths.last && b.origin.paths.first <= a.origin.paths.last;
}

/** Source order of two sends, for "at equal times, the one read later is the primary location". */
function sourceOrder(a: SendEntry, b: SendEntry): number {
  const x = sendLocation(a);
  const y = sendLocation(b);
  return x.file < y.file ? -1 : x.file > y.file ? 1 : x.line - y.line || x.column - y.column;
}

/** The pair in the order SPEC 6 locates it: [earlier, later]; the later one is the finding's primary location. */
export function inOrder(a: SendEntry, b: SendEntry): [SendEntry, SendEntry] {
  return a.millis < b.millis || (a.millis === b.millis && sourceOrder(a, b) <= 0) ? [a, b] : [b, a];
}

/** ` (reaches it through the overlap with vip)` when an entry reaches a segment only through a declared overlap. */
export function throughOverlap(...entries: TimelineEntry[]): string {
  const overlaps = entries.filter((entry) => entry.via === 'overlap').map((entry) => entry.send.segment);
  return overlaps.length ? ` (through the overlap with ${[...new Set(overlaps)].join(', ')})` : '';
}

/**
 * One finding per problem, not per segment (SPEC 5): problems with the same key found in several segments'
 * timelines are reported once, listing every segment. The message is built once all segments are known.
 */
export class ProblemsBySegment {
  private readonly pending = new Map<string, { segments: Set<string>; build: (segments: string[]) => Omit<Problem, 'rule'> }>();

  add(key: string, segments: Iterable<string>, build: (segments: string[]) => Omit<Problem, 'rule'>): void {
    const entry = this.pending.get(key) ?? this.pending.set(key, { segments: new Set(), build }).get(key)!;
    for (const segment of segments) entry.segments.add(segment);
  }

  reportTo(context: Pick<RuleContext, 'report'>): void {
    for (const { segments, build } of this.pending.values()) {
      const sorted = [...segments].sort();
      context.report({ segments: sorted, ...build(sorted) });
    }
  }
}

/** `segment lessees-2026-06`, or `segments a, b and 3 more` for a long list. */
export function segmentsText(segments: string[]): string {
  if (segments.length === 1) return `segment ${segments[0]}`;
  const shown = segments.slice(0, 3).join(', ');
  return `segments ${shown}${segments.length > 3 ? ` and ${segments.length - 3} more` : ''}`;
}
