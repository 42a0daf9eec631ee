import type { Condition, StateMap } from '../model/vocabulary.js';
import type { RelatedLocation } from '../findings/finding.js';
import { pointerTo } from '../loaders/fragment.js';
import { locationOf, stepName } from '../model/types.js';
import type { DatedEvent, Plan, Segment, Source } from '../model/types.js';
import { zonedDateTime } from '../time/zoned.js';
import { journeyChangesBefore } from '../timeline/states.js';
import type { JourneyRun, SendEntry, StateChange, TimelineEntry } from '../timeline/types.js';
import type { Rule } from './rule.js';
import type { SendProblem } from './kit/send-problems.js';
import { SendProblems, bucketsBy } from './kit/send-problems.js';
import { relativeSegments } from './kit/traversal.js';
import { sendKey } from './kit/sends.js';

/** One condition a send breaks: `requires lease=active` (from the template, or from its intent). */
interface Violation {
  kind: 'requires' | 'forbids';
  state: string;
  values: string[];
  actual: string;
  intent?: string;
}

/** The conditions that apply to a template's sends: its own, then its intent's. */
interface Conditions {
  list: Array<{ kind: 'requires' | 'forbids'; condition: Condition; intent?: string }>;
}

function conditionsOf(plan: Plan, template: string): Conditions | undefined {
  const found = plan.templates.get(template);
  if (!found) return undefined;
  const list: Conditions['list'] = [];
  if (found.requires) list.push({ kind: 'requires', condition: found.requires });
  if (found.forbids) list.push({ kind: 'forbids', condition: found.forbids });
  const intent = found.intent !== undefined ? plan.vocabulary.intents.get(found.intent) : undefined;
  if (intent?.requires) list.push({ kind: 'requires', condition: intent.requires, intent: found.intent });
  if (intent?.forbids) list.push({ kind: 'forbids', condition: intent.forbids, intent: found.intent });
  return list.length ? { list } : undefined;
}

/**
 * The conditions broken by the states. A state the segment never has is unknown, not a violation: a plan that says
 * nothing about leases cannot be said to send an upsell after the lease ended.
 */
function violations(conditions: Conditions, states: StateMap): Violation[] {
  const found: Violation[] = [];
  const seen = new Set<string>();
  for (const { kind, condition, intent } of conditions.list) {
    for (const [state, values] of Object.entries(condition)) {
      const actual = states[state];
      // requires: broken when the known value is not listed; forbids: broken when it is.
      const broken = actual !== undefined && (kind === 'requires' ? !values.includes(actual) : values.includes(actual));
      const key = `${kind}\u0000${state}\u0000${values.join('\u0000')}`;
      if (!broken || seen.has(key)) continue;
      seen.add(key);
      found.push({ kind, state, values, actual: actual!, ...(intent !== undefined ? { intent } : {}) });
    }
  }
  return found;
}

interface Cause {
  /** `since 2026-06-30`, `set by step close of journey lease-end`… */
  text: string;
  id: string;
  related?: RelatedLocation;
}

const related = (location: { file: string; line: number; column: number }, message: string): RelatedLocation => ({
  file: location.file,
  line: location.line,
  column: location.column,
  message,
});

const dayText = (change: StateChange): string => {
  const time = change.time;
  if (!time) return '';
  return time.hour === 0 && time.minute === 0 ? time.toFormat('yyyy-MM-dd') : time.toFormat('yyyy-MM-dd HH:mm ZZZZ');
};


/** The state keys this rule reads: those the conditions of some template (or of its intent) name. */
function conditionKeys(plan: Plan, conditionsFor: (template: string) => Conditions | undefined): Set<string> {
  const keys = new Set<string>();
  for (const template of plan.templates.keys()) for (const { condition } of conditionsFor(template)?.list ?? []) for (const key of Object.keys(condition)) keys.add(key);
  return keys;
}

/**
 * What a segment starts with, for the condition keys only: the rule never reads a segment's states in force, which in
 * a chain 10,000 deep where each level adds a state would be a copy of up to 10,000 states per segment.
 */
interface Seed {
  /** The initial value of each condition key. */
  values: Readonly<StateMap>;
  /** The segment whose `states` writes each value: the nearest at or above the segment, a restated value included. */
  owners: ReadonlyMap<string, string>;
  /** The dated events whose lifecycle changes a condition key, in the order of the segment's events. */
  events: ReadonlyMap<string, DatedEvent>;
}

const EMPTY_SEED: Seed = { values: Object.create(null), owners: new Map(), events: new Map() };

/** Every segment's seed, in one walk down the tree (parents first); a segment that writes none of the keys shares its parent's. */
function seeds(plan: Plan, keys: ReadonlySet<string>): Map<string, Seed> {
  const changesKeys = (event: string): boolean => Object.keys(plan.vocabulary.lifecycle.get(event)?.sets ?? {}).some((key) => keys.has(key));
  const found = new Map<string, Seed>();
  for (const id of plan.tree.order) {
    const segment = plan.segments.get(id)!;
    const above = (segment.parent !== undefined ? found.get(segment.parent) : undefined) ?? EMPTY_SEED;
    found.set(id, {
      values: ownValues(segment, above.values, keys),
      owners: ownOwners(segment, above.owners, keys),
      events: ownEvents(segment, above.events, changesKeys),
    });
  }
  return found;
}

/** The parent's values, with the condition keys the segment changes. */
function ownValues(segment: Segment, above: Readonly<StateMap>, keys: ReadonlySet<string>): Readonly<StateMap> {
  const changed = Object.entries(segment.ownStates).filter(([key]) => keys.has(key));
  // Without a prototype, so that a state named __proto__ is an ordinary key.
  return changed.length === 0 ? above : Object.assign(Object.create(null), above, Object.fromEntries(changed));
}

/** The parent's owners, with the segment as the owner of each condition key its `states` writes (restated or not). */
function ownOwners(segment: Segment, above: ReadonlyMap<string, string>, keys: ReadonlySet<string>): ReadonlyMap<string, string> {
  const { positions, pointer } = segment.source;
  const states = pointerTo(pointer, 'states');
  if (!positions.has(states)) return above;
  const written = [...keys].filter((key) => positions.has(pointerTo(states, key)));
  return written.length === 0 ? above : new Map([...above, ...written.map((key): [string, string] => [key, segment.id])]);
}

/** The parent's events that change a condition key, with those the segment dates itself (an inherited one keeps its place). */
function ownEvents(segment: Segment, above: ReadonlyMap<string, DatedEvent>, changesKeys: (event: string) => boolean): ReadonlyMap<string, DatedEvent> {
  const dated = [...segment.ownEvents].filter(([event]) => changesKeys(event));
  return dated.length === 0 ? above : new Map([...above, ...dated]);
}

/**
 * A segment's states over time for the condition keys, as its StateHistory has them for every key: its initial values,
 * then its dated events (a date alone is 00:00 local) in time order.
 */
function historyOf(plan: Plan, segment: string, seed: Seed, zone: string): StateChange[] {
  const events: StateChange[] = [...seed.events].map(([event, dated]) => {
    const time = zonedDateTime(dated.date, zone);
    return { millis: time.toMillis(), time, states: plan.vocabulary.lifecycle.get(event)?.sets ?? {}, cause: { kind: 'event', event, segment, source: dated.source } };
  });
  events.sort((a, b) => a.millis - b.millis);
  return [{ millis: -Infinity, states: seed.values, cause: { kind: 'initial', segment } }, ...events];
}

/** The states in force at an instant (changes at that very instant included). */
function statesAt(history: StateChange[], millis: number): StateMap {
  const states: StateMap = Object.create(null);
  for (const change of history) if (change.millis <= millis) Object.assign(states, change.states);
  return states;
}

/** The change that gave a state its value at an instant: what a message names as the cause. */
function changeAt(history: StateChange[], millis: number, state: string): StateChange | undefined {
  let found: StateChange | undefined;
  for (const change of history) if (change.millis <= millis && state in change.states) found = change;
  return found;
}

/** Why a state has its value at an instant, as a marketer reads it, with the place that caused it. */
function causeOf(plan: Plan, seed: Seed, change: StateChange, state: string, value: string): Cause {
  const cause = change.cause;
  switch (cause.kind) {
    case 'initial': {
      const owner = plan.segments.get(seed.owners.get(state) ?? cause.segment);
      return {
        text: `(initial state of ${owner?.id ?? cause.segment})`,
        id: `initial:${owner?.id ?? cause.segment}`,
        ...(owner ? { related: related(locationOf(owner.source, 'states', state), `initial state ${state}=${value}`) } : {}),
      };
    }
    case 'event':
      if (!change.time) {
        // The entry event of a journey on its relative timeline: it has no date, only its place in the journey.
        return {
          text: `from ${cause.event} on (the journey's entry event)`,
          id: `entry:${cause.event}`,
          related: related(locationOf(cause.source), `the journey enters on ${cause.event}, which sets ${state}=${value}`),
        };
      }
      return {
        text: `since ${dayText(change)}`,
        id: `event:${cause.event}`,
        related: related(locationOf(cause.source), `${cause.event} on ${dayText(change)}`),
      };
    case 'set':
      return {
        text: `set by ${cause.step.id ?? stepName(cause.step)} of journey ${cause.run.journey.id}`,
        id: `set:${cause.step.key}`,
        related: related(locationOf(cause.step.source, 'set'), `sets ${state}=${value}`),
      };
    case 'assumed-event':
      return {
        text: `after ${cause.event} (branch ${cause.step.id ?? stepName(cause.step)} of journey ${cause.run.journey.id})`,
        id: `assumed:${cause.step.key}:${cause.event}`,
        related: related(locationOf(cause.step.source, 'branch'), `${cause.event} sets ${state}=${value}`),
      };
  }
}

/** On a relative run (T = the entry event), the entry event's change, once T has come: it applies to every segment. */
function entryChange(plan: Plan, run: JourneyRun, segment: string, millis: number): StateChange | undefined {
  const event = run.journey.entry.event;
  const sets = event !== undefined ? plan.vocabulary.lifecycle.get(event)?.sets : undefined;
  if (!run.trigger || millis < run.trigger.toMillis() || !sets) return undefined;
  return { millis: run.trigger.toMillis(), states: sets, cause: { kind: 'event', event: event!, segment, source: entrySource(run) } };
}

/**
 * The states a send meets, and where each state's value comes from: on a relative run, the segment's initial states and
 * the entry event's change; otherwise its history at the send's instant; then the changes of the send's own run.
 */
function statesOf(plan: Plan, history: StateChange[], segment: string, send: SendEntry): { states: StateMap; causeOf: (state: string) => StateChange | undefined } {
  const run = send.origin.kind === 'journey' ? send.origin.run : undefined;
  const journeyChanges = journeyChangesBefore(send);
  const entry = run?.relative ? entryChange(plan, run, segment, send.millis) : undefined;
  const states = run?.relative ? Object.assign(Object.create(null), history[0]!.states, entry?.states) : statesAt(history, send.millis);
  for (const change of journeyChanges) Object.assign(states, change.states);
  const causeOf = (state: string): StateChange | undefined => {
    for (let index = journeyChanges.length - 1; index >= 0; index -= 1) if (state in journeyChanges[index]!.states) return journeyChanges[index];
    if (run?.relative) return entry && state in entry.states ? entry : history[0];
    return changeAt(history, send.millis, state);
  };
  return { states, causeOf };
}

/** The place of a journey's entry event, as the source a relative run's trigger change names. */
function entrySource(run: JourneyRun): Source {
  const source = run.journey.source;
  return { ...source, pointer: pointerTo(pointerTo(source.pointer, 'entry'), 'event') };
}

function conditionText(violation: Violation): string {
  const values = violation.values.length === 1 ? `=${violation.values[0]}` : ` in [${violation.values.join(', ')}]`;
  return `${violation.kind} ${violation.state}${values}${violation.intent !== undefined ? ` (intent ${violation.intent})` : ''}`;
}

/** A segment whose states a send is checked against: its id, its seed and its history for the condition keys. */
interface Checked {
  segment: string;
  seed: Seed;
  history: StateChange[];
}

/** Checks one send against the states of a segment at its instant (on its own journey path for a journey send). */
function problemOf(plan: Plan, conditions: Conditions, { segment, seed, history }: Checked, send: SendEntry, via: TimelineEntry['via']): SendProblem | undefined {
  const { states, causeOf: changeOf } = statesOf(plan, history, segment, send);
  const broken = violations(conditions, states);
  if (broken.length === 0) return undefined;
  const parts: string[] = [];
  const ids: string[] = [send.template, sendKey(send)];
  const relatedLocations: RelatedLocation[] = [];
  for (const violation of broken) {
    const change = changeOf(violation.state);
    const cause = change ? causeOf(plan, seed, change, violation.state, violation.actual) : undefined;
    parts.push(`${conditionText(violation)}, but ${violation.state}=${violation.actual}${cause ? ` ${cause.text}` : ''}`);
    ids.push(`${violation.kind}:${violation.state}`, ...(cause ? [cause.id] : []));
    if (cause?.related && !relatedLocations.some((r) => r.file === cause.related!.file && r.line === cause.related!.line && r.column === cause.related!.column)) {
      relatedLocations.push(cause.related);
    }
  }
  return { send, via, key: parts.join('; '), detail: parts.join('; '), ids, related: relatedLocations };
}

export const stateConflict: Rule = {
  id: 'state-conflict',
  category: 'contradictory',
  defaultSeverity: 'error',
  description: 'A send at a moment when the states of the segment violate what the template or its intent requires or forbids.',
  fixable: false,
  check(context) {
    const { plan, timelines } = context;
    const problems = new SendProblems(plan);
    const conditions = new Map<string, Conditions | undefined>();
    const conditionsFor = (template: string): Conditions | undefined =>
      conditions.has(template) ? conditions.get(template) : conditions.set(template, conditionsOf(plan, template)).get(template);
    // Nothing to check when no template (or intent of one) sets a condition.
    if (![...plan.templates.keys()].some((template) => conditionsFor(template))) return;
    const seedOf = seeds(plan, conditionKeys(plan, conditionsFor));
    const checked = (segment: string): Checked => {
      const seed = seedOf.get(segment)!;
      return { segment, seed, history: historyOf(plan, segment, seed, timelines.zoneOf(segment)) };
    };

    for (const group of timelines.segmentGroups()) {
      const found: SendProblem[] = [];
      let segment: Checked | undefined;
      for (const { send, via } of timelines.timeline(group.representative)) {
        const wanted = conditionsFor(send.template);
        if (!wanted) continue;
        const problem = problemOf(plan, wanted, (segment ??= checked(group.representative)), send, via);
        if (problem) found.push(problem);
      }
      problems.add(group.segments, found);
    }
    // Journeys on their own relative timeline (T = the entry event), with their own states.
    // Segments below the entry segment may start in other states: each seed's initial values and owners are checked once.
    const initialText = new Map<Seed, string>();
    const initialOf = (id: string): string => {
      const seed = seedOf.get(id)!;
      return initialText.get(seed) ?? initialText.set(seed, JSON.stringify([Object.entries(seed.values).sort(), [...seed.owners].sort()])).get(seed)!;
    };
    for (const run of timelines.relativeRuns) {
      for (const bucket of bucketsBy(relativeSegments(timelines, run), initialOf)) {
        const found: SendProblem[] = [];
        const segment = checked(bucket.representative);
        for (const send of run.sends) {
          const wanted = conditionsFor(send.template);
          if (!wanted) continue;
          const problem = problemOf(plan, wanted, segment, send, 'segment');
          if (problem) found.push(problem);
        }
        problems.add(bucket.segments, found);
      }
    }
    problems.reportTo(context);
  },
};
