import type { Location, RelatedLocation } from '../findings/finding.js';
import { pointerTo } from '../loaders/fragment.js';
import { locationOf, stepName } from '../model/types.js';
import type { Plan } from '../model/types.js';
import type { Condition } from '../model/vocabulary.js';
import { eventSpan } from '../time/zoned.js';
import { journeyChangesBefore } from '../timeline/states.js';
import type { Timelines } from '../timeline/build.js';
import type { JourneyRun, SendEntry, StateChange } from '../timeline/types.js';
import type { Rule, SendFault } from './rule.js';
import { sendKey } from './kit/sends.js';

/** One condition a template (or its intent) sets on one state: `requires lease=active`. */
interface Check {
  kind: 'requires' | 'forbids';
  state: string;
  values: string[];
  intent?: string;
}

/** A template's checks in the order messages list them (its own, then its intent's; a repeated one once), by state. */
interface Checks {
  list: Check[];
  byState: Map<string, number[]>;
}

/** A check broken: its index in the template's checks, the value met, and the change that set it (none: the initial states). */
interface Broken {
  index: number;
  actual: string;
  change?: StateChange;
}

function checksOf(plan: Plan, id: string): Checks | undefined {
  const { requires, forbids, intent } = plan.templates.get(id)!;
  const ofIntent = intent !== undefined ? plan.vocabulary.intents.get(intent) : undefined;
  const checks: Checks = { list: [], byState: new Map() };
  const add = (kind: Check['kind'], condition: Condition | undefined, from?: string): void => {
    for (const [state, values] of Object.entries(condition ?? {})) {
      const same = checks.byState.get(state) ?? [];
      // The template and its intent may set the same condition: it is one check.
      if (same.some((index) => checks.list[index]!.kind === kind && JSON.stringify(checks.list[index]!.values) === JSON.stringify(values))) continue;
      checks.byState.set(state, [...same, checks.list.length]);
      checks.list.push({ kind, state, values, ...(from !== undefined ? { intent: from } : {}) });
    }
  };
  add('requires', requires);
  add('forbids', forbids);
  add('requires', ofIntent?.requires, intent);
  add('forbids', ofIntent?.forbids, intent);
  return checks.list.length ? checks : undefined;
}

const breaks = ({ kind, values }: Check, actual: string): boolean => (kind === 'requires' ? !values.includes(actual) : values.includes(actual));

/**
 * The checks broken before, re-judged for the states changed since (those the checks read): their values, and what
 * changed them. Only states set are judged: one a segment never has is unknown, not a violation (a plan silent on
 * leases cannot be said to send an upsell after the lease ended).
 */
function rejudged(before: readonly Broken[], changed: ReadonlyMap<string, Omit<Broken, 'index'>>, checks: Checks): Broken[] {
  const kept = before.filter(({ index }) => !changed.has(checks.list[index]!.state));
  const found = [...changed].flatMap(([state, value]) =>
    checks.byState.get(state)!.filter((index) => breaks(checks.list[index]!, value.actual)).map((index) => ({ index, ...value })),
  );
  return [...kept, ...found].sort((a, b) => a.index - b.index);
}

/**
 * A value each segment derives from the nearest one `up` from it, memoized; computed top-down without recursion, as a
 * parent chain can be 10,000 deep.
 */
function inherited<T>(memo: Map<string, T>, start: string, up: (id: string) => string | undefined, derive: (id: string, above: T | undefined) => T): T {
  const path: string[] = [];
  let id: string | undefined = start;
  for (; id !== undefined && !memo.has(id); id = up(id)) path.push(id);
  let value = id !== undefined ? memo.get(id) : undefined;
  for (const each of path.reverse()) memo.set(each, (value = derive(each, value)));
  return value!;
}

/** Why a state has its value, as a marketer reads it: the text, an id for the fingerprint, and the place that caused it. */
interface Cause {
  text: string;
  id: string;
  related: RelatedLocation;
}

const cause = (text: string, id: string, { file, line, column }: Location, message: string): Cause => ({ text, id, related: { file, line, column, message } });

const dayText = (time: NonNullable<StateChange['time']>): string => time.toFormat(time.hour === 0 && time.minute === 0 ? 'yyyy-MM-dd' : 'yyyy-MM-dd HH:mm ZZZZ');

function causeOf(plan: Plan, change: StateChange, state: string, value: string): Cause {
  const { cause: why, time } = change;
  switch (why.kind) {
    case 'initial':
      return cause(`(initial state of ${why.segment})`, `initial:${why.segment}`, locationOf(plan.segments.get(why.segment)!.source, 'states', state), `initial state ${state}=${value}`);
    case 'event':
      // Without a time: the entry event of a journey on its relative timeline, which has only its place in the journey.
      return time
        ? cause(`since ${dayText(time)}`, `event:${why.event}`, locationOf(why.source), `${why.event} on ${dayText(time)}`)
        : cause(`from ${why.event} on (the journey's entry event)`, `entry:${why.event}`, locationOf(why.source), `the journey enters on ${why.event}, which sets ${state}=${value}`);
    case 'set':
      return cause(`set by ${why.step.id ?? stepName(why.step)} of journey ${why.run.journey.id}`, `set:${why.step.key}`, locationOf(why.step.source, 'set'), `sets ${state}=${value}`);
    case 'assumed-event': {
      const text = `after ${why.event} (branch ${why.step.id ?? stepName(why.step)} of journey ${why.run.journey.id})`;
      return cause(text, `assumed:${why.step.key}:${why.event}`, locationOf(why.step.source, 'branch'), `${why.event} sets ${state}=${value}`);
    }
  }
}

/** On a relative run (T = the entry event), the entry event's change, once T has come. */
function entryChange(plan: Plan, run: JourneyRun, segment: string, millis: number): StateChange[] {
  const event = run.journey.entry.event;
  const sets = event !== undefined ? plan.vocabulary.lifecycle.get(event)?.sets : undefined;
  if (!run.trigger || millis < run.trigger.toMillis() || !sets) return [];
  const source = { ...run.journey.source, pointer: pointerTo(pointerTo(run.journey.source.pointer, 'entry'), 'event') };
  return [{ millis: run.trigger.toMillis(), states: sets, cause: { kind: 'event', event: event!, segment, source } }];
}

const NONE_BROKEN: readonly Broken[] = Object.freeze([]);

/** What a change does to the states the checks read, added to `changed` (made at the first such state). */
function noted(changed: Map<string, Omit<Broken, 'index'>> | undefined, change: StateChange, checks: Checks): Map<string, Omit<Broken, 'index'>> | undefined {
  for (const state in change.states) if (checks.byState.has(state)) (changed ??= new Map()).set(state, { actual: change.states[state]!, change });
  return changed;
}

/**
 * The states of segments, as the checks read them. What a segment starts with is found by walking up to the nearest
 * segment that writes it (memoized): a chain 10,000 deep where every level adds a state costs each segment what it
 * writes, not a copy of what it inherits.
 */
class SegmentStates {
  private readonly declarers = new Map<string, string | undefined>();
  private readonly broken = new Map<Checks, Map<string, readonly Broken[]>>();
  private readonly owners = new Map<string, Map<string, string | undefined>>();
  private readonly dated = new Map<string, StateChange[]>();

  constructor(
    readonly plan: Plan,
    private readonly timelines: Timelines,
  ) {}

  private readonly parent = (id: string): string | undefined => {
    const parent = this.plan.segments.get(id)!.parent;
    return parent !== undefined && this.plan.segments.has(parent) ? parent : undefined;
  };

  /**
   * The nearest segment at or above one whose `states` writes anything (restated or not): the segments below it start as
   * it does, and their initial states are written where its are.
   */
  readonly declarer = (id: string): string | undefined =>
    // Asked for every send: a segment known answers without making the function that derives it.
    this.declarers.has(id)
      ? this.declarers.get(id)
      : inherited(this.declarers, id, this.parent, (each, above) => (this.plan.segments.get(each)!.writtenStates.size > 0 ? each : above));

  /**
   * The checks a send to a segment breaks: those its initial states break, re-judged for the states changed since — by
   * its dated events (on a relative run, by the entry event), then by the send's own journey run on its path.
   */
  brokenAt(checks: Checks, segment: string, send: SendEntry, run: JourneyRun | undefined): readonly Broken[] {
    // Made only when a change touches a state the checks read: most sends meet their segment's initial states, and
    // a Map and four lists for each of a million sends were a tenth of a large plan's garbage.
    let changed: Map<string, Omit<Broken, 'index'>> | undefined;
    // The dated changes up to the send (they are in time order), then its journey's.
    for (const change of run ? entryChange(this.plan, run, segment, send.millis) : this.datedChanges(segment)) {
      if (change.millis > send.millis) break;
      changed = noted(changed, change, checks);
    }
    for (const change of journeyChangesBefore(send)) changed = noted(changed, change, checks);
    const initially = this.brokenInitially(segment, checks);
    return changed ? rejudged(initially, changed, checks) : initially;
  }

  /** The checks a segment's initial states break: those broken above it, re-judged for the states each segment changes. */
  private brokenInitially(id: string, checks: Checks): readonly Broken[] {
    const memo = this.broken.get(checks) ?? this.broken.set(checks, new Map()).get(checks)!;
    const declarer = this.declarer(id);
    if (declarer === undefined) return NONE_BROKEN;
    // Asked for every send: known once for its segment's declarer.
    const known = memo.get(declarer);
    if (known) return known;
    const up = (each: string): string | undefined => {
      const parent = this.parent(each);
      return parent !== undefined ? this.declarer(parent) : undefined;
    };
    const derive = (each: string, above: readonly Broken[] = []): readonly Broken[] => {
      const own = Object.entries(this.plan.segments.get(each)!.ownStates).filter(([state]) => checks.byState.has(state));
      // One that changes none of the states the checks read shares the list above it.
      return own.length ? rejudged(above, new Map(own.map(([state, actual]) => [state, { actual }])), checks) : above;
    };
    return inherited(memo, declarer, up, derive);
  }

  /** The change that set a state initially: by the segment whose `states` writes it (restated or not), the nearest at or above one. */
  initialChange(id: string, state: string): StateChange {
    const memo = this.owners.get(state) ?? this.owners.set(state, new Map()).get(state)!;
    const owner = inherited(memo, id, this.parent, (each, above) => (this.plan.segments.get(each)!.writtenStates.has(state) ? each : above));
    return { millis: -Infinity, states: {}, cause: { kind: 'initial', segment: owner ?? id } };
  }

  /** A segment's dated events as changes in time order, each at its start (eventSpan: a date alone is its 00:00 local). */
  private datedChanges(id: string): StateChange[] {
    const known = this.dated.get(id);
    if (known) return known;
    const changes = [...this.plan.segments.get(id)!.events].map(([event, { date, source }]): StateChange => {
      const time = eventSpan(date, this.timelines.zoneOf(id)).start;
      const states = this.plan.vocabulary.lifecycle.get(event)?.sets ?? {};
      return { millis: time.toMillis(), time, states, cause: { kind: 'event', event, segment: id, source } };
    });
    this.dated.set(id, changes.sort((a, b) => a.millis - b.millis));
    return changes;
  }
}

function conditionText({ kind, state, values, intent }: Check): string {
  return `${kind} ${state}${values.length === 1 ? `=${values[0]}` : ` in [${values.join(', ')}]`}${intent !== undefined ? ` (intent ${intent})` : ''}`;
}

/** What is wrong with a send to a segment: each check broken, with the value met, its cause and the place of the cause. */
function faultOf(states: SegmentStates, checks: Checks, segment: string, send: SendEntry, run: JourneyRun | undefined): SendFault | undefined {
  const broken = states.brokenAt(checks, segment, send, run);
  if (broken.length === 0) return undefined;
  const parts: string[] = [];
  const ids = [send.template, sendKey(send)];
  const related: RelatedLocation[] = [];
  for (const { index, actual, change } of broken) {
    const { kind, state } = checks.list[index]!;
    const cause = causeOf(states.plan, change ?? states.initialChange(segment, state), state, actual);
    parts.push(`${conditionText(checks.list[index]!)}, but ${state}=${actual} ${cause.text}`);
    ids.push(`${kind}:${state}`, cause.id);
    const { file, line, column } = cause.related;
    if (!related.some((other) => other.file === file && other.line === line && other.column === column)) related.push(cause.related);
  }
  // The conditions broken are the problem; the values met and what set them may differ between the segments reached.
  const problem = broken.map(({ index }) => conditionText(checks.list[index]!)).join('; ');
  const detail = parts.join('; ');
  const lead = broken.length === 1 ? `${problem}, but ` : '';
  return { key: detail, problem, cause: detail.slice(lead.length), detail, ids, related };
}

export const stateConflict: Rule = {
  id: 'state-conflict',
  category: 'contradictory',
  defaultSeverity: 'error',
  description: 'A send at a moment when the states of the segment violate what the template or its intent requires or forbids.',
  fixable: false,
  create({ plan, timelines }) {
    const checks = new Map([...plan.templates.keys()].map((id) => [id, checksOf(plan, id)]));
    if (![...checks.values()].some(Boolean)) return {};
    const states = new SegmentStates(plan, timelines);
    return {
      // Segments start from the states of the nearest segment writing any, restated or not: on a relative run those may
      // differ; on the calendar, a segment of a group that restates its parent's states is named as writing them.
      splitBy: (segment) => states.declarer(segment.id) ?? '',
      onSend: ({ send }, { segment, run }) => {
        const wanted = checks.get(send.template);
        return wanted && faultOf(states, wanted, segment.id, send, run);
      },
    };
  },
};
