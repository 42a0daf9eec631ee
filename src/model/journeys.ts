import type { BranchOption as RawBranchOption, Journey as RawJourney, JourneyStep } from '../generated/plan-types.js';
import type { StateMap, Vocabulary } from './vocabulary.js';
import { conditionOf, stateText } from './vocabulary.js';
import type { Location } from '../findings/finding.js';
import type { DurationUse } from '../time/durations.js';
import { readDuration } from '../time/durations.js';
import { keySteps } from './keys.js';
import { checkCondition, resolveChannel } from './references.js';
import type { RawItem, Reporter } from './report.js';
import type { BranchOption, Journey, Source, Step, StepAction, Template } from './types.js';
import { locationOf } from './types.js';
import { isAdapterOwned } from '../loaders/adapters/owned.js';

export interface JourneyContext {
  segmentIds: Set<string>;
  templates: Map<string, Template>;
  templateIds: Set<string>;
  states: Map<string, Set<string>>;
  vocabulary: Vocabulary;
}

const ACTIONS = ['send', 'wait', 'branch', 'set', 'exit'] as const;

/** The events a journey may name: the lifecycle's, and those an adapter made up for a condition cxlint cannot read. */
const eventsOf = (vocabulary: Vocabulary): { has(name: string): boolean; keys(): Iterable<string> } => ({
  has: (name) => isAdapterOwned(name) || vocabulary.lifecycle.has(name),
  keys: () => vocabulary.lifecycle.keys(),
});

function stepSource(journey: Source, index: number): Source {
  return { ...journey, pointer: `${journey.pointer}/steps/${index}` };
}

/** A wait cannot go back in time; an entry offset, or the offset of a wait until an event, can (SPEC 4.5). */
const WAIT: DurationUse = { what: 'a wait' };
const WITHIN: DurationUse = { what: 'within (how long to wait for the event)' };

/**
 * Checks a duration of the journey, reporting what is wrong with it; false when the journey cannot run as written, so
 * that it is not built: a timeline that guessed (a wait of -P7D as none) would give rules false findings.
 */
function checkDuration(text: string | undefined, use: DurationUse, location: Location, reporter: Reporter): boolean {
  if (text === undefined) return true;
  const read = readDuration(text, use);
  if ('error' in read) reporter.invalid(read.error, location);
  return 'duration' in read;
}

/** Resolves a `next: ID` to a step index; reports an unknown step. */
function target(id: string, stepIds: Map<string, number>, journey: string, source: Source, reporter: Reporter, ...path: Array<string | number>): number | undefined {
  return reporter.reference('step', id, stepIds, locationOf(source, ...path), `journey "${journey}" has no step "${id}"`) ? stepIds.get(id) : undefined;
}

/** A branch option, or undefined when its `within` cannot be run. */
function branchOption(raw: RawBranchOption, source: Source, journey: string, stepIds: Map<string, number>, context: JourneyContext, reporter: Reporter): BranchOption | undefined {
  const when = raw.when;
  if (raw.otherwise && when) reporter.invalid('a branch option has when or otherwise, not both', locationOf(source, 'otherwise'));
  if (!raw.otherwise && !when) reporter.invalid('a branch option needs when: {event, within} or {state}, or otherwise: true', locationOf(source));
  if (when) {
    if (when.event !== undefined && when.state !== undefined) reporter.invalid('a branch condition is an event or a state, not both', locationOf(source, 'when'));
    if (when.event === undefined && when.state === undefined) reporter.invalid('a branch condition needs event (with within) or state', locationOf(source, 'when'));
    if (when.event !== undefined && when.within === undefined) reporter.invalid(`a branch on event "${when.event}" needs within: how long to wait for it`, locationOf(source, 'when'));
    if (when.event !== undefined) reporter.reference('event', when.event, eventsOf(context.vocabulary), locationOf(source, 'when', 'event'));
  }
  const runnable = checkDuration(when?.within, WITHIN, locationOf(source, 'when', 'within'), reporter);
  const state = conditionOf(when?.state);
  checkCondition(state, source, ['when', 'state'], context.states, reporter);
  const next = target(raw.next, stepIds, journey, source, reporter, 'next');
  if (!runnable || next === undefined) return undefined;
  return { event: when?.event, within: when?.within, state, otherwise: raw.otherwise === true, next, source };
}

function action(raw: JourneyStep, source: Source, journey: string, stepIds: Map<string, number>, context: JourneyContext, reporter: Reporter): StepAction | undefined {
  const kinds = ACTIONS.filter((kind) => raw[kind] !== undefined);
  if (kinds.length !== 1) {
    const found = kinds.length === 0 ? 'none' : kinds.join(' and ');
    reporter.invalid(`a journey step needs exactly one of send, wait, branch, set or exit (it has ${found})`, locationOf(source));
    return undefined;
  }
  if (raw.send !== undefined) {
    const templateKnown = reporter.reference('template', raw.send, context.templateIds, locationOf(source, 'send'));
    const { channel, known } = resolveChannel(raw.channel, context.templates.get(raw.send), source, context.vocabulary, reporter, 'send');
    return { kind: 'send', template: raw.send, channel, ...(templateKnown && known ? {} : { unresolved: true as const }) };
  }
  if (raw.wait !== undefined) {
    if (typeof raw.wait === 'string') {
      return checkDuration(raw.wait, WAIT, locationOf(source, 'wait'), reporter) ? { kind: 'wait', duration: raw.wait } : undefined;
    }
    const runnable = checkDuration(raw.wait.until.offset, 'signed', locationOf(source, 'wait', 'until', 'offset'), reporter);
    reporter.reference('event', raw.wait.until.event, eventsOf(context.vocabulary), locationOf(source, 'wait', 'until', 'event'));
    return runnable ? { kind: 'wait', until: { event: raw.wait.until.event, offset: raw.wait.until.offset } } : undefined;
  }
  if (raw.branch !== undefined) {
    const options = raw.branch.map((option, index) => branchOption(option, { ...source, pointer: `${source.pointer}/branch/${index}` }, journey, stepIds, context, reporter));
    return options.every((option) => option !== undefined) ? { kind: 'branch', options: options as BranchOption[] } : undefined;
  }
  if (raw.set !== undefined) {
    const states: StateMap = Object.create(null);
    for (const [key, value] of Object.entries(raw.set)) states[key] = stateText(value);
    return { kind: 'set', states };
  }
  return { kind: 'exit' };
}

/** Step ids, each once; a repeated step id is a `duplicate-id`. */
function stepIdsOf(journey: RawJourney, source: Source, reporter: Reporter): Map<string, number> {
  const ids = new Map<string, number>();
  journey.steps.forEach((step, index) => {
    if (step.id === undefined) return;
    const first = ids.get(step.id);
    if (first === undefined) ids.set(step.id, index);
    else reporter.duplicate('step', step.id, locationOf(stepSource(source, index), 'id'), locationOf(stepSource(source, first), 'id'), `journey "${journey.id}"`);
  });
  return ids;
}

/** Builds a journey (SPEC 4.5): steps parsed, `next` resolved, and the implicit next of each step made explicit. */
export function buildJourney({ value, source }: RawItem<RawJourney>, context: JourneyContext, reporter: Reporter): Journey | undefined {
  const entry = value.entry;
  reporter.reference('segment', entry.segment, context.segmentIds, locationOf(source, 'entry', 'segment'));
  if (entry.event !== undefined) reporter.reference('event', entry.event, eventsOf(context.vocabulary), locationOf(source, 'entry', 'event'));
  if (entry.event === undefined && entry.date === undefined) reporter.invalid('a journey entry needs an event or a date', locationOf(source, 'entry'));
  if (entry.event !== undefined && entry.date !== undefined) reporter.invalid('give an entry event or date, not both', locationOf(source, 'entry', 'date'));
  let complete = checkDuration(entry.offset, 'signed', locationOf(source, 'entry', 'offset'), reporter);
  const date = entry.date !== undefined ? reporter.date(entry.date, locationOf(source, 'entry', 'date')) : undefined;
  const stepIds = stepIdsOf(value, source, reporter);
  const steps: Array<Omit<Step, 'key'>> = [];
  value.steps.forEach((raw, index) => {
    const stepSourceAt = stepSource(source, index);
    const stepAction = action(raw, stepSourceAt, value.id, stepIds, context, reporter);
    if (!stepAction) {
      complete = false;
      return;
    }
    const implicit = index + 1 < value.steps.length ? index + 1 : 'end';
    const next = stepAction.kind === 'exit' || stepAction.kind === 'branch' ? 'end' : raw.next !== undefined ? target(raw.next, stepIds, value.id, stepSourceAt, reporter, 'next') : implicit;
    // A `next` that names no step leaves the journey's paths unknown: it is reported once and the journey is not
    // built, as for a wait that cannot run (a guessed graph would only make false findings, SPEC 5).
    if (next === undefined) {
      complete = false;
      return;
    }
    steps.push({ index, id: raw.id, action: stepAction, next, source: stepSourceAt });
  });
  if (!complete) return undefined;
  return {
    id: value.id,
    name: value.name,
    owner: value.owner,
    campaign: value.campaign,
    entry: { segment: entry.segment, event: entry.event, date, offset: entry.offset ?? 'P0D' },
    steps: keySteps(value.id, steps),
    source,
  };
}
