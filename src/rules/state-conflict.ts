import type { Condition, StateMap } from '../model/vocabulary.js';
import type { RelatedLocation } from '../findings/finding.js';
import { pointerTo } from '../loaders/fragment.js';
import { locationOf } from '../model/types.js';
import type { Plan, Segment, Source } from '../model/types.js';
import type { Timelines } from '../timeline/build.js';
import { journeyChangesBefore } from '../timeline/states.js';
import type { JourneyRun, SendEntry, StateChange, TimelineEntry } from '../timeline/types.js';
import type { Rule } from './rule.js';
import type { SendProblem } from './send-problems.js';
import { SendProblems, bucketsBy } from './send-problems.js';
import { relativeSegments } from './support.js';
import { sendKey } from './support.js';

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

const stepName = (step: { id?: string; index: number }): string => step.id ?? `step ${step.index + 1}`;

/** The segment (itself or an ancestor) whose `states` wrote the initial value of a state. */
function initialOwner(plan: Plan, segment: Segment, state: string): Segment {
  const seen = new Set<string>();
  for (let current: Segment | undefined = segment; current && !seen.has(current.id); current = current.parent !== undefined ? plan.segments.get(current.parent) : undefined) {
    seen.add(current.id);
    if (current.source.positions.has(pointerTo(pointerTo(current.source.pointer, 'states'), state))) return current;
  }
  return segment;
}

/** Why a state has its value at an instant, as a marketer reads it, with the place that caused it. */
function causeOf(plan: Plan, change: StateChange, state: string, value: string): Cause {
  const cause = change.cause;
  switch (cause.kind) {
    case 'initial': {
      const segment = plan.segments.get(cause.segment);
      const owner = segment ? initialOwner(plan, segment, state) : undefined;
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
        text: `set by ${stepName(cause.step)} of journey ${cause.run.journey.id}`,
        id: `set:${cause.run.journey.id}#${stepName(cause.step)}`,
        related: related(locationOf(cause.step.source, 'set'), `sets ${state}=${value}`),
      };
    case 'assumed-event':
      return {
        text: `after ${cause.event} (branch ${stepName(cause.step)} of journey ${cause.run.journey.id})`,
        id: `assumed:${cause.run.journey.id}#${stepName(cause.step)}:${cause.event}`,
        related: related(locationOf(cause.step.source, 'branch'), `${cause.event} sets ${state}=${value}`),
      };
  }
}

/** The states a send meets, and where each state's value comes from. */
function statesOf(timelines: Timelines, segment: string, send: SendEntry): { states: StateMap; causeOf: (state: string) => StateChange | undefined } {
  const run = send.origin.kind === 'journey' ? send.origin.run : undefined;
  const journeyChanges = journeyChangesBefore(send);
  const base: StateMap = timelines.baseStatesAt(segment, send.millis, run);
  const states: StateMap = Object.assign(Object.create(null), base);
  for (const change of journeyChanges) Object.assign(states, change.states);
  const causeOf = (state: string): StateChange | undefined => {
    for (let index = journeyChanges.length - 1; index >= 0; index -= 1) if (state in journeyChanges[index]!.states) return journeyChanges[index];
    if (run?.relative) {
      // A relative run: the entry segment's initial states, then the entry event's changes from T on.
      const event = run.journey.entry.event;
      const sets = event !== undefined ? timelines.plan.vocabulary.lifecycle.get(event)?.sets : undefined;
      if (run.trigger && send.millis >= run.trigger.toMillis() && sets && state in sets) {
        return { millis: run.trigger.toMillis(), states: sets, cause: { kind: 'event', event: event!, segment, source: entrySource(run) } };
      }
      return timelines.states(segment).changes[0];
    }
    return timelines.states(segment).changeAt(send.millis, state);
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

/** Checks one send against the states of a segment at its instant (on its own journey path for a journey send). */
function problemOf(plan: Plan, timelines: Timelines, conditions: Conditions, segment: string, send: SendEntry, via: TimelineEntry['via']): SendProblem | undefined {
  const { states, causeOf: changeOf } = statesOf(timelines, segment, send);
  const broken = violations(conditions, states);
  if (broken.length === 0) return undefined;
  const parts: string[] = [];
  const ids: string[] = [send.template, sendKey(send)];
  const relatedLocations: RelatedLocation[] = [];
  for (const violation of broken) {
    const change = changeOf(violation.state);
    const cause = change ? causeOf(plan, change, violation.state, violation.actual) : undefined;
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

    for (const group of timelines.segmentGroups()) {
      const found: SendProblem[] = [];
      for (const { send, via } of timelines.timeline(group.representative)) {
        const wanted = conditionsFor(send.template);
        if (!wanted) continue;
        const problem = problemOf(plan, timelines, wanted, group.representative, send, via);
        if (problem) found.push(problem);
      }
      problems.add(group.segments, found);
    }
    // Journeys on their own relative timeline (T = the entry event), with their own states.
    // Segments below the entry segment may start in other states: each set of initial states is checked once.
    for (const run of timelines.relativeRuns) {
      const initialStates = (id: string): string => JSON.stringify(Object.entries(timelines.states(id).at(-Infinity)).sort());
      for (const bucket of bucketsBy(relativeSegments(timelines, run), initialStates)) {
        const found: SendProblem[] = [];
        for (const send of run.sends) {
          const wanted = conditionsFor(send.template);
          if (!wanted) continue;
          const problem = problemOf(plan, timelines, wanted, bucket.representative, send, 'segment');
          if (problem) found.push(problem);
        }
        problems.add(bucket.segments, found);
      }
    }
    problems.reportTo(context);
  },
};
