import type { Segment as RawSegment } from '../generated/plan-types.js';
import type { StateMap, Vocabulary } from './vocabulary.js';
import { stateText } from './vocabulary.js';
import { pointerTo } from '../loaders/fragment.js';
import type { RawItem, Reporter } from './report.js';
import type { DatedEvent, Segment } from './types.js';
import { keyLocationOf, locationOf } from './types.js';

/**
 * One level of an inherited map (`states` or `events`): the entries a segment changes, over its parent's level. A
 * segment that changes nothing shares its parent's level, so look-alike children share one map. The map in force is
 * assembled when first read, from the nearest level already assembled, and only for the levels read: a chain 10,000
 * deep where each level adds a state holds 10,000 entries, not the 50 million of a copy per level.
 */
class Level<V, M> {
  private assembled?: M;

  constructor(
    private readonly own: ReadonlyArray<[string, V]>,
    private readonly below: Level<V, M> | undefined,
    private readonly assemble: (base: M | undefined, levels: Array<ReadonlyArray<[string, V]>>) => M,
  ) {}

  inForce(): M {
    if (this.assembled === undefined) {
      const pending: Array<ReadonlyArray<[string, V]>> = [];
      let level: Level<V, M> | undefined = this;
      for (; level && level.assembled === undefined; level = level.below) pending.push(level.own);
      this.assembled = this.assemble(level?.assembled, pending.reverse());
    }
    return this.assembled;
  }
}

/** Later levels win; a key already there keeps its place, as in a merge. Frozen: the object is shared. */
function assembleStates(base: Readonly<StateMap> | undefined, levels: Array<ReadonlyArray<[string, string]>>): Readonly<StateMap> {
  // Without a prototype, so that a state named __proto__ is an ordinary key.
  const states: StateMap = Object.assign(Object.create(null), base);
  for (const entries of levels) for (const [key, value] of entries) states[key] = value;
  return Object.freeze(states);
}

function assembleEvents(base: ReadonlyMap<string, DatedEvent> | undefined, levels: Array<ReadonlyArray<[string, DatedEvent]>>): ReadonlyMap<string, DatedEvent> {
  const events = new Map(base);
  for (const entries of levels) for (const [key, value] of entries) events.set(key, value);
  return events;
}

interface Levels {
  states: Level<string, Readonly<StateMap>>;
  events: Level<DatedEvent, ReadonlyMap<string, DatedEvent>>;
}

/** A segment's own fields, checked, before inheritance; its maps read through `levels`, which inheritance relinks. */
function ownSegment({ value, source }: RawItem<RawSegment>, vocabulary: Vocabulary, reporter: Reporter): { segment: Segment; levels: Levels } {
  (value.timezones ?? (value.timezone ? [value.timezone] : [])).forEach((zone, index) => {
    reporter.zone(zone, () => (value.timezones ? locationOf(source, 'timezones', index) : locationOf(source, 'timezone')));
  });
  if (value.timezone && value.timezones) reporter.invalid('give timezone or timezones, not both', locationOf(source, 'timezones'));
  (value.consent ?? []).forEach((channel, index) => reporter.reference('channel', channel, vocabulary.channels, () => locationOf(source, 'consent', index)));
  const events = new Map<string, DatedEvent>();
  for (const [event, text] of Object.entries(value.events ?? {})) {
    if (!reporter.reference('event', event, vocabulary.lifecycle, () => keyLocationOf(source, 'events', event))) continue;
    const date = reporter.date(text, () => locationOf(source, 'events', event));
    // The event's own source points at its date, so that a finding about it lands on its line (not the first event's).
    if (date) events.set(event, { date, source: { ...source, pointer: pointerTo(`${source.pointer}/events`, event) } });
  }
  const states: StateMap = Object.create(null);
  for (const [key, state] of Object.entries(value.states ?? {})) states[key] = stateText(state);
  const levels: Levels = { states: new Level(Object.entries(states), undefined, assembleStates), events: new Level([...events], undefined, assembleEvents) };
  const segment: Segment = {
    id: value.id,
    name: value.name,
    parent: value.parent,
    overlaps: [],
    children: [],
    timezones: value.timezones ?? (value.timezone ? [value.timezone] : []),
    locales: value.locales ?? [],
    consent: value.consent,
    suppressed: value.suppressed ?? false,
    // Until inherit() says otherwise: the segment itself (what it writes, or the default when nothing above writes it).
    declaredBy: { consent: value.id, suppressed: value.id },
    get states() {
      return levels.states.inForce();
    },
    get events() {
      return levels.events.inForce();
    },
    ownStates: states,
    ownEvents: events,
    // Before inheritance narrows ownStates to the changes: a state restated at its parent's value is still written here.
    writtenStates: new Set(Object.keys(states)),
    source,
  };
  return { segment, levels };
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

/** Single values and lists: the parent's (shared) when the child does not set them. */
function inherit(child: Segment, parent: Segment, raw: RawSegment): void {
  if (!raw.timezone && !raw.timezones) child.timezones = parent.timezones;
  if (!raw.locales) child.locales = parent.locales;
  if (!raw.consent) {
    child.consent = parent.consent;
    if (parent.consent !== undefined) child.declaredBy.consent = parent.declaredBy.consent;
  }
  if (raw.suppressed === undefined) {
    child.suppressed = parent.suppressed;
    child.declaredBy.suppressed = parent.declaredBy.suppressed;
  }
}

type Undo = Array<[string, string | undefined]>;

/**
 * The states a segment sets to another value than the one in force above it (a state restated is no change), set in
 * `inForce`; with what undoes that on the way back up.
 */
function changeStates(segment: Segment, inForce: Map<string, string>): { changed: StateMap; undo: Undo } {
  const changed: StateMap = Object.create(null);
  const undo: Undo = [];
  for (const [key, value] of Object.entries(segment.ownStates)) {
    if (inForce.get(key) === value) continue;
    changed[key] = value;
    undo.push([key, inForce.get(key)]);
    inForce.set(key, value);
  }
  return { changed, undo };
}

/**
 * The maps (`states`, `events`): each segment's levels over its parent's, in one walk down the parent tree, parents
 * first. The states in force on the walk are kept in one map, changed on the way down a segment and restored on the
 * way back up, so that telling a change costs one look-up however deep the chain; the walk keeps its own stack, as a
 * chain can be thousands deep.
 */
function inheritMaps(segments: Map<string, Segment>, levelsOf: Map<string, Levels>): void {
  const inForce = new Map<string, string>();
  // Roots: no parent, or one not built (an item that broke the schema keeps its id known, so the reference stands).
  const roots = [...segments.values()].filter((segment) => segment.parent === undefined || !segments.has(segment.parent));
  const steps: Array<Segment | Undo> = roots.reverse();
  for (let step = steps.pop(); step !== undefined; step = steps.pop()) {
    if (Array.isArray(step)) {
      for (const [key, value] of step) {
        if (value === undefined) inForce.delete(key);
        else inForce.set(key, value);
      }
      continue;
    }
    const { changed, undo } = changeStates(step, inForce);
    step.ownStates = changed;
    const levels = levelsOf.get(step.id)!;
    const above = step.parent !== undefined ? levelsOf.get(step.parent) : undefined;
    if (above) {
      const states = Object.entries(changed);
      levels.states = states.length > 0 ? new Level(states, above.states, assembleStates) : above.states;
      levels.events = step.ownEvents.size > 0 ? new Level([...step.ownEvents], above.events, assembleEvents) : above.events;
    }
    steps.push(undo);
    for (let index = step.children.length - 1; index >= 0; index -= 1) steps.push(segments.get(step.children[index]!)!);
  }
}

/**
 * Builds every segment with the fields it inherits through its parent chain (SPEC 4.1): maps merge key by key,
 * the child's keys winning; lists and single values are replaced when the child sets them.
 */
export function resolveSegments(items: Array<RawItem<RawSegment>>, ids: Set<string>, vocabulary: Vocabulary, reporter: Reporter): Map<string, Segment> {
  const segments = new Map<string, Segment>();
  const levelsOf = new Map<string, Levels>();
  for (const item of items) {
    const { segment, levels } = ownSegment(item, vocabulary, reporter);
    segments.set(segment.id, segment);
    levelsOf.set(segment.id, levels);
  }
  const raw = new Map(items.map((item) => [item.value.id, item.value]));
  for (const segment of segments.values()) {
    if (segment.parent !== undefined && !reporter.reference('segment', segment.parent, ids, () => locationOf(segment.source, 'parent'))) segment.parent = undefined;
    for (const [index, other] of (raw.get(segment.id)?.overlaps ?? []).entries()) {
      if (!reporter.reference('segment', other, ids, () => locationOf(segment.source, 'overlaps', index))) continue;
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
  inheritMaps(segments, levelsOf);
  return segments;
}
