import type { StateMap, Vocabulary } from '../model/vocabulary.js';
import type { Segment } from '../model/types.js';
import { eventSpan } from '../time/zoned.js';
import type { JourneyRun, SendEntry, StateChange } from './types.js';

/**
 * A segment's states over time: its (inherited) initial states, then each dated event's lifecycle changes
 * (at the event's start: a date alone is its 00:00 local). `at` answers by binary search over snapshots computed once.
 */
export class StateHistory {
  private constructor(
    readonly changes: StateChange[],
    private readonly snapshots: StateMap[],
  ) {}

  static empty(): StateHistory {
    return new StateHistory([], [Object.create(null)]);
  }

  static of(segment: Segment, vocabulary: Vocabulary, zone: string): StateHistory {
    const initial: StateChange = { millis: -Infinity, states: segment.states, cause: { kind: 'initial', segment: segment.id } };
    const events: StateChange[] = [];
    for (const [event, dated] of segment.events) {
      const time = eventSpan(dated.date, zone).start;
      const sets = vocabulary.lifecycle.get(event)?.sets ?? {};
      events.push({ millis: time.toMillis(), time, states: sets, cause: { kind: 'event', event, segment: segment.id, source: dated.source } });
    }
    events.sort((a, b) => a.millis - b.millis);
    const changes = [initial, ...events];
    const snapshots: StateMap[] = [];
    let current: StateMap = Object.create(null);
    for (const change of changes) snapshots.push((current = Object.assign(Object.create(null), current, change.states)));
    return new StateHistory(changes, snapshots);
  }

  /** The states in force at an instant (changes at that very instant included). */
  at(millis: number): StateMap {
    let low = 0;
    let high = this.changes.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.changes[middle]!.millis <= millis) low = middle;
      else high = middle - 1;
    }
    return this.snapshots[low] ?? Object.create(null);
  }

  /** The change in force at an instant: what a message can name as the cause ("lease=ended since 2026-06-30"). */
  changeAt(millis: number, key: string): StateChange | undefined {
    let found: StateChange | undefined;
    for (const change of this.changes) {
      if (change.millis > millis) break;
      if (key in change.states) found = change;
    }
    return found;
  }
}

/** States on one path of a journey run: the segment's, then the run's `set` steps and assumed events on that path. */
export function statesOnPath(base: (millis: number) => StateMap, run: JourneyRun, path: number, millis: number): StateMap {
  const states: StateMap = Object.assign(Object.create(null), base(millis));
  for (const change of run.changes) {
    if (change.millis > millis) continue;
    const paths = change.cause.kind === 'set' || change.cause.kind === 'assumed-event' ? change.cause.paths : undefined;
    if (paths && paths.first <= path && path <= paths.last) Object.assign(states, change.states);
  }
  return states;
}

/** A calendar send's: asked of every send of a large plan, one shared empty list rather than a new one each time. */
const NO_CHANGES: readonly StateChange[] = Object.freeze([]);

/**
 * The changes of a journey send's own run that it meets: those before it on every path through it (a change on only
 * some of its paths does not count), and at the same instant on the same paths only those of steps written before it.
 */
export function journeyChangesBefore(send: SendEntry): readonly StateChange[] {
  const origin = send.origin;
  if (origin.kind !== 'journey') return NO_CHANGES;
  const own = origin.paths;
  const before: StateChange[] = [];
  for (const change of origin.run.changes) {
    if (change.millis > send.millis) break;
    const cause = change.cause;
    if (cause.kind !== 'set' && cause.kind !== 'assumed-event') continue;
    if (cause.paths.first > own.first || cause.paths.last < own.last) continue;
    // At the same instant on the same paths, the step written first runs first.
    if (change.millis === send.millis && cause.paths.first === own.first && cause.paths.last === own.last && cause.step.index > origin.step.index) continue;
    before.push(change);
  }
  return before;
}

/**
 * The states a journey send meets: its run's base states at its instant, then the run's changes made before it on
 * every path through it. A change on fewer paths than the send comes from a branch after it (even at the same instant);
 * one on the same paths at the same instant comes first when its step is written first.
 */
export function statesMetBySend(base: (millis: number) => StateMap, send: SendEntry): StateMap {
  const states: StateMap = Object.assign(Object.create(null), base(send.millis));
  for (const change of journeyChangesBefore(send)) Object.assign(states, change.states);
  return states;
}
