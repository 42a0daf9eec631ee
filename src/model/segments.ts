import type { Segment as RawSegment } from '../generated/plan-types.js';
import type { StateMap, Vocabulary } from '../config/resolve.js';
import { stateText } from '../config/resolve.js';
import { pointerTo } from '../loaders/fragment.js';
import type { RawItem, Reporter } from './report.js';
import type { DatedEvent, Segment } from './types.js';
import { keyLocationOf, locationOf } from './types.js';

/** A segment's own fields, checked, before inheritance. */
function ownSegment({ value, source }: RawItem<RawSegment>, vocabulary: Vocabulary, reporter: Reporter): Segment {
  (value.timezones ?? (value.timezone ? [value.timezone] : [])).forEach((zone, index) => {
    reporter.zone(zone, value.timezones ? locationOf(source, 'timezones', index) : locationOf(source, 'timezone'));
  });
  if (value.timezone && value.timezones) reporter.invalid('give timezone or timezones, not both', locationOf(source, 'timezones'));
  (value.consent ?? []).forEach((channel, index) => reporter.reference('channel', channel, vocabulary.channels, locationOf(source, 'consent', index)));
  const events = new Map<string, DatedEvent>();
  for (const [event, text] of Object.entries(value.events ?? {})) {
    if (!reporter.reference('event', event, vocabulary.lifecycle, keyLocationOf(source, 'events', event))) continue;
    const date = reporter.date(text, locationOf(source, 'events', event));
    // The event's own source points at its date, so that a finding about it lands on its line (not the first event's).
    if (date) events.set(event, { date, source: { ...source, pointer: pointerTo(`${source.pointer}/events`, event) } });
  }
  const states: StateMap = Object.create(null);
  for (const [key, state] of Object.entries(value.states ?? {})) states[key] = stateText(state);
  return {
    id: value.id,
    name: value.name,
    parent: value.parent,
    overlaps: [],
    children: [],
    timezones: value.timezones ?? (value.timezone ? [value.timezone] : []),
    locales: value.locales ?? [],
    consent: value.consent,
    suppressed: value.suppressed ?? false,
    states,
    events,
    source,
  };
}

/** Follows parents from `id` up; returns the chain (self first) and the cycle it ran into, if any. */
function parentChain(id: string, segments: Map<string, Segment>): { chain: string[]; cycle?: string[] } {
  const chain: string[] = [];
  const seen = new Map<string, number>();
  for (let current: string | undefined = id; current !== undefined && segments.has(current); current = segments.get(current)?.parent) {
    const at = seen.get(current);
    if (at !== undefined) return { chain, cycle: chain.slice(at) };
    seen.set(current, chain.length);
    chain.push(current);
  }
  return { chain };
}

function inherit(child: Segment, parent: Segment, raw: RawSegment): void {
  if (!raw.timezone && !raw.timezones) child.timezones = parent.timezones;
  if (!raw.locales) child.locales = parent.locales;
  if (!raw.consent) child.consent = parent.consent;
  if (raw.suppressed === undefined) child.suppressed = parent.suppressed;
  child.states = Object.assign(Object.create(null), parent.states, child.states);
  child.events = new Map([...parent.events, ...child.events]);
}

/**
 * Builds every segment with the fields it inherits through its parent chain (SPEC 4.1): maps merge key by key,
 * the child's keys winning; lists and single values are replaced when the child sets them.
 */
export function resolveSegments(items: Array<RawItem<RawSegment>>, ids: Set<string>, vocabulary: Vocabulary, reporter: Reporter): Map<string, Segment> {
  const segments = new Map(items.map((item) => [item.value.id, ownSegment(item, vocabulary, reporter)]));
  const raw = new Map(items.map((item) => [item.value.id, item.value]));
  for (const segment of segments.values()) {
    if (segment.parent !== undefined && !reporter.reference('segment', segment.parent, ids, locationOf(segment.source, 'parent'))) segment.parent = undefined;
    for (const [index, other] of (raw.get(segment.id)?.overlaps ?? []).entries()) {
      if (!reporter.reference('segment', other, ids, locationOf(segment.source, 'overlaps', index))) continue;
      const target = segments.get(other);
      if (!segment.overlaps.includes(other)) segment.overlaps.push(other);
      if (target && !target.overlaps.includes(segment.id)) target.overlaps.push(segment.id);
    }
  }
  for (const segment of segments.values()) {
    const { cycle } = parentChain(segment.id, segments);
    if (!cycle?.includes(segment.id)) continue;
    const names = [...cycle, cycle[0]].join(' → ');
    reporter.invalid(`segment parents form a cycle: ${names}`, locationOf(segment.source, 'parent'), ['parent-cycle', ...[...cycle].sort()]);
    // Cut the cycle here so that inheritance below terminates.
    segment.parent = undefined;
  }
  const resolved = new Set<string>();
  for (const segment of segments.values()) {
    const { chain } = parentChain(segment.id, segments);
    for (const id of chain.reverse()) {
      if (resolved.has(id)) continue;
      const current = segments.get(id)!;
      const parent = current.parent !== undefined ? segments.get(current.parent) : undefined;
      if (parent) {
        inherit(current, parent, raw.get(id)!);
        parent.children.push(id);
      }
      resolved.add(id);
    }
  }
  return segments;
}
