import type { DateTime } from 'luxon';
import type { JourneyEdge } from '../model/journey-graph.js';
import { edgesOf } from '../model/journey-graph.js';
import type { Condition, StateMap, Vocabulary } from '../model/vocabulary.js';
import type { BranchOption, Journey, Step, Template } from '../model/types.js';
import { parseDuration } from '../time/durations.js';
import { JourneyEntry } from './entry.js';
import type { BranchTrail, JourneyRun, PathRange, SendEntry, StateChange } from './types.js';

/** Default number of paths enumerated per journey run (SPEC 4.5). */
export const DEFAULT_MAX_PATHS = 256;
/** Step executions per run, all paths together: bounds work on journeys that loop without end. */
export const MAX_STEP_EXECUTIONS = 100_000;

export interface RunContext {
  /** The segment being placed (the journey's entry segment for a relative run). */
  segment: string;
  templates: Map<string, Template>;
  vocabulary: Vocabulary;
  /** Nothing after this is enumerated: paths stop there. */
  end: DateTime;
  maxPaths: number;
  /** When an event happens for this segment, for `wait: {until}`; undefined when it never does. */
  eventTime: (event: string) => DateTime | undefined;
  /** The segment's states at an instant, before the journey changes them. */
  baseStates: (millis: number) => StateMap;
}

/**
 * Where paths split: a branch outcome. Paths are numbered in the order they complete, depth first, so the paths below
 * one node are contiguous; `lastLeaf` is the last of them seen so far.
 */
interface PathNode extends BranchTrail {
  parent?: PathNode;
  lastLeaf?: number;
}

interface PathState {
  step: number | 'end';
  time: DateTime;
  /** The branch outcome this path is in: paths below it share the entries recorded on it. */
  node: PathNode;
  /** States this path has set (over the segment's own). */
  states: StateMap;
  /** Steps run since time last moved: a cycle without a wait is cut. */
  stillSteps: number;
  /** The event a branch assumed on the way into this path, recorded when the path starts. */
  assumed?: StateChange;
  /** Events this path already assumed at this instant: a loop back to the branch needs a new one, which takes time. */
  assumedAt?: { millis: number; events: ReadonlySet<string> };
}

interface Recorded<T> {
  item: T;
  node: PathNode;
  firstLeaf: number;
}

/** Whether a path's states meet a branch condition; an option with none (which the model reports) never matches. */
function matches(condition: Condition | undefined, states: StateMap): boolean {
  return condition !== undefined && Object.entries(condition).every(([key, values]) => values.includes(states[key] ?? ''));
}

/**
 * The path one step on, past any step but a branch: along the step's one edge in the model's graph. A path that gets to
 * `'end'` completes there.
 */
const onward = (path: PathState, step: Step): PathState => ({ ...path, step: edgesOf(step)[0]!.to, stillSteps: path.stillSteps + 1 });

/**
 * Enumerates a journey's paths from `start` (SPEC 4.5) along the edges of the model's journey graph, the one reading of
 * where each step leads that the journey rules use too: an `event` edge is a path that assumes the event happens at
 * once; the `otherwise` edge resumes once the longest `within` has passed; a `state` edge is decided by the path's
 * states. The graph's delays are fixed milliseconds; here time moves by the calendar (luxon on the run's zoned time),
 * so that a wait of P1D across a change of clocks lands at the same local time. Loops unroll until `end`, `maxPaths`
 * or the work limit, never forever.
 */
export function runJourney(journey: Journey, start: DateTime, relative: boolean, context: RunContext): JourneyRun {
  const run: JourneyRun = { journey, start, relative, sends: [], changes: [], paths: 0, truncated: false };
  const sends: Array<Recorded<SendEntry>> = [];
  const changes: Array<Recorded<StateChange>> = [];
  let leaves = 0;
  const pending: PathState[] = [{ step: 0, time: start, node: {}, states: Object.create(null), stillSteps: 0 }];
  let executions = 0;

  const complete = (path: PathState): void => {
    for (let node: PathNode | undefined = path.node; node; node = node.parent) node.lastLeaf = leaves;
    leaves += 1;
  };
  const statesOf = (path: PathState): StateMap => ({ ...context.baseStates(path.time.toMillis()), ...path.states });

  while (pending.length > 0) {
    if (leaves >= context.maxPaths || executions >= MAX_STEP_EXECUTIONS) {
      run.truncated = true;
      break;
    }
    let path: PathState | undefined = pending.pop()!;
    if (path.assumed) changes.push({ item: path.assumed, node: path.node, firstLeaf: leaves });
    while (path) {
      const step: Step | undefined = typeof path.step === 'number' ? journey.steps[path.step] : undefined;
      executions += 1;
      if (!step || path.time > context.end || path.stillSteps > journey.steps.length || executions > MAX_STEP_EXECUTIONS) {
        complete(path);
        break;
      }
      const action: Step['action'] = step.action;
      const record = <T>(list: Array<Recorded<T>>, item: T): void => {
        list.push({ item, node: path!.node, firstLeaf: leaves });
      };
      let next: PathState | undefined;
      switch (action.kind) {
        case 'send': {
          const template = context.templates.get(action.template);
          // A send whose template or channel is unknown goes on no timeline: the path runs on without it.
          if (!action.unresolved) {
            const delivery = { template: action.template, channel: action.channel, campaign: template?.campaign ?? journey.campaign, owner: template?.owner ?? journey.owner, segment: context.segment };
            record(sends, new JourneyEntry(path.time, delivery, { kind: 'journey', run, step, paths: { first: 0, last: 0 }, trail: path.node }));
          }
          next = onward(path, step);
          break;
        }
        case 'wait': {
          const until: { event: string; offset?: string } | undefined = action.until;
          const target: DateTime | undefined = until ? context.eventTime(until.event) : undefined;
          const resumes: DateTime | undefined = until ? target?.plus(parseDuration(until.offset ?? 'P0D')!) : path.time.plus(parseDuration(action.duration!)!);
          // An event the segment never has leaves the customer waiting for ever: the path ends here.
          next = resumes ? { ...onward(path, step), ...(resumes > path.time ? { time: resumes, stillSteps: 0 } : {}) } : undefined;
          break;
        }
        case 'set':
          record(changes, { millis: path.time.toMillis(), time: path.time, states: action.states, cause: { kind: 'set', run, step, paths: { first: 0, last: 0 } } });
          next = { ...onward(path, step), states: { ...path.states, ...action.states } };
          break;
        case 'exit':
          // Its edge leads to the end: the path completes here, without a step to take there.
          break;
        case 'branch': {
          const outcomes = branchOutcomes(path, step, context, statesOf(path), run);
          // No option applies (a state branch without otherwise): the customer stays here, and the path ends.
          if (outcomes.length === 0) complete(path);
          pending.push(...outcomes.reverse());
          break;
        }
      }
      if (!next) {
        if (action.kind !== 'branch') complete(path);
        break;
      }
      path = next;
    }
  }
  run.paths = leaves;
  run.sends = sends.map(({ item, node, firstLeaf }) => {
    if (item.origin.kind === 'journey') item.origin.paths = pathRange(node, firstLeaf);
    return item;
  });
  run.changes = changes.map(({ item, node, firstLeaf }) => {
    if (item.cause.kind === 'set' || item.cause.kind === 'assumed-event') item.cause.paths = pathRange(node, firstLeaf);
    return item;
  }).sort((a, b) => a.millis - b.millis);
  return run;
}

/**
 * Whether a path assumes a branch option's event: on an `event` edge of the graph. An option written with both `when:
 * {event}` and `otherwise: true` is invalid input (the model reports it) and an `otherwise` edge to the graph; the
 * timeline has always run it by its event, and still does so that such a plan's timeline does not change.
 */
const assumesEvent = (edge: JourneyEdge, option: BranchOption): boolean => edge.kind === 'event' || (edge.kind === 'otherwise' && option.event !== undefined);

/**
 * The ways a path can leave a branch step: along its edges in the model's graph (one per option, in the order written).
 * Each event edge is a path of its own. Of the other edges one is taken (docs/timeline.md): the first state option whose
 * condition the path's states meet, at once (an invalid option with both `when: {state}` and `otherwise: true` too);
 * else `otherwise`, once the longest `within` of the branch's event options has passed, wherever it is written.
 */
function branchOutcomes(path: PathState, step: Step, context: RunContext, states: StateMap, run: JourneyRun): PathState[] {
  if (step.action.kind !== 'branch') return [];
  const options = step.action.options;
  const edges = edgesOf(step);
  // Round a loop at the same instant, an event this path already assumed cannot happen again at once.
  const alreadyNow = path.assumedAt?.millis === path.time.toMillis() ? path.assumedAt.events : undefined;
  let longestWait = path.time;
  edges.forEach((edge, index) => {
    if (!assumesEvent(edge, options[index]!)) return;
    const within = parseDuration(options[index]!.within ?? 'P0D');
    const until = within ? path.time.plus(within) : path.time;
    if (until > longestWait) longestWait = until;
  });
  const stateOrOtherwise = (index: number): boolean => !assumesEvent(edges[index]!, options[index]!);
  const met = edges.findIndex((_, index) => stateOrOtherwise(index) && matches(options[index]!.state, states));
  const taken = met !== -1 ? met : edges.findIndex((edge, index) => stateOrOtherwise(index) && edge.kind === 'otherwise');
  const outcomes: PathState[] = [];
  edges.forEach((edge, index) => {
    const option = options[index]!;
    const base: PathState = { ...path, step: edge.to, node: { parent: path.node, taken: { step, option: index } }, stillSteps: path.stillSteps + 1, assumed: undefined };
    if (assumesEvent(edge, option)) {
      if (!alreadyNow?.has(option.event!)) outcomes.push(assuming(option.event!, base, path, step, context, run, alreadyNow));
    } else if (index === taken) {
      outcomes.push(index === met ? base : { ...base, time: longestWait, stillSteps: longestWait > path.time ? 0 : base.stillSteps });
    }
  });
  return outcomes;
}

/** The path on which `event` happens as the branch is reached: its lifecycle `sets` apply from that moment. */
function assuming(event: string, base: PathState, path: PathState, step: Step, context: RunContext, run: JourneyRun, alreadyNow: ReadonlySet<string> | undefined): PathState {
  const sets = context.vocabulary.lifecycle.get(event)?.sets ?? {};
  const assumed: StateChange = {
    millis: path.time.toMillis(),
    time: path.time,
    states: sets,
    cause: { kind: 'assumed-event', event, run, step, paths: { first: 0, last: 0 } },
  };
  const assumedAt = { millis: path.time.toMillis(), events: new Set([...(alreadyNow ?? []), event]) };
  return { ...base, states: { ...path.states, ...sets }, assumed, assumedAt };
}

/** The complete paths through something recorded on `node` when `firstLeaf` paths had completed. */
function pathRange(node: PathNode, firstLeaf: number): PathRange {
  return { first: firstLeaf, last: Math.max(firstLeaf, node.lastLeaf ?? firstLeaf) };
}
