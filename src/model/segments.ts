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

/**
 * Each parent cycle, once: walking up from every segment in plan order, marking segments on the current walk, costs
 * one visit per segment however long the chains (a parent chain can be thousands deep).
 */
function parentCycles(segments: Map<string, Segment>): string[][] {
  const order = new Map([...segments.keys()].map((id, index) => [id, index]));
  const state = new Map<string, 'walking' | 'done'>();
  const cycles: string[][] = [];
  for (const start of segments.keys()) {
    const walk: string[] = [];
    let current: string | undefined = start;
    while (current !== undefined && segments.has(current) && !state.has(current)) {
      state.set(current, 'walking');
      walk.push(current);
      current = segments.get(current)!.parent;
    }
    if (current !== undefined && state.get(current) === 'walking') {
      const cycle = walk.slice(walk.indexOf(current));
      // Named from its first member in plan order, where it is reported.
      const first = cycle.reduce((a, b) => (order.get(a)! <= order.get(b)! ? a : b));
      const at = cycle.indexOf(first);
      cycles.push([...cycle.slice(at), ...cycle.slice(0, at)]);
    }
    for (const id of walk) state.set(id, 'done');
  }
  return cycles;
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
  for (const cycle of parentCycles(segments)) {
    const segment = segments.get(cycle[0]!)!;
    const names = [...cycle, cycle[0]].join(' → ');
    reporter.invalid(`segment parents form a cycle: ${names}`, locationOf(segment.source, 'parent'), ['parent-cycle', ...[...cycle].sort()]);
    // Cut the cycle here so that inheritance below terminates.
    segment.parent = undefined;
  }
  // Parents before children: walk up to the first resolved ancestor, then resolve downwards; each segment once.
  const resolved = new Set<string>();
  for (const start of segments.keys()) {
    const pending: string[] = [];
    for (let id: string | undefined = start; id !== undefined && segments.has(id) && !resolved.has(id); id = segments.get(id)!.parent) pending.push(id);
    for (const id of pending.reverse()) {
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
