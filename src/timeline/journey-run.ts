import type { DateTime } from 'luxon';
import type { Condition, StateMap, Vocabulary } from '../model/vocabulary.js';
import type { Journey, Step, Template } from '../model/types.js';
import { parseDuration } from '../time/durations.js';
import type { JourneyRun, PathRange, SendEntry, StateChange } from './types.js';

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
interface PathNode {
  parent?: PathNode;
  lastLeaf?: number;
}

interface PathState {
  step: number | 'end' | undefined;
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

function matches(condition: Condition, states: StateMap): boolean {
  return Object.entries(condition).every(([key, values]) => values.includes(states[key] ?? ''));
}

/**
 * Enumerates a journey's paths from `start` (SPEC 4.5): a `when: {event, within}` path assumes the event happens at once;
 * the `otherwise` path resumes once the longest `within` has passed; a state condition is decided by the path's states.
 * Loops unroll until `end`, `maxPaths` or the work limit, never forever.
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
      let next: PathState | undefined = { ...path, step: step.next, stillSteps: path.stillSteps + 1 };
      switch (action.kind) {
        case 'send': {
          const template = context.templates.get(action.template);
          record(sends, {
            time: path.time,
            millis: path.time.toMillis(),
            template: action.template,
            channel: action.channel,
            campaign: template?.campaign ?? journey.campaign,
            owner: template?.owner ?? journey.owner,
            segment: context.segment,
            origin: { kind: 'journey', run, step, paths: { first: 0, last: 0 } },
          } satisfies SendEntry);
          break;
        }
        case 'wait': {
          const until: { event: string; offset?: string } | undefined = action.until;
          const target: DateTime | undefined = until ? context.eventTime(until.event) : undefined;
          const resumes: DateTime | undefined = until ? target?.plus(parseDuration(until.offset ?? 'P0D')!) : path.time.plus(parseDuration(action.duration!)!);
          // An event the segment never has leaves the customer waiting for ever: the path ends here.
          next = resumes ? { ...next, time: resumes > path.time ? resumes : path.time, stillSteps: resumes > path.time ? 0 : next.stillSteps } : undefined;
          break;
        }
        case 'set':
          record(changes, { millis: path.time.toMillis(), time: path.time, states: action.states, cause: { kind: 'set', run, step, paths: { first: 0, last: 0 } } });
          next = { ...next, states: { ...path.states, ...action.states } };
          break;
        case 'exit':
          next = undefined;
          break;
        case 'branch': {
          next = undefined;
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

/** The ways a path can leave a branch step, in the order the options are written. */
function branchOutcomes(
  path: PathState,
  step: Step,
  context: RunContext,
  states: StateMap,
  run: JourneyRun,
): PathState[] {
  if (step.action.kind !== 'branch') return [];
  const outcomes: PathState[] = [];
  let longestWait = path.time;
  let decided = false;
  step.action.options.forEach((option) => {
    const base: PathState = { ...path, step: option.next, node: { parent: path.node }, stillSteps: path.stillSteps + 1, assumed: undefined };
    const alreadyNow = path.assumedAt?.millis === path.time.toMillis() ? path.assumedAt.events : undefined;
    if (option.event !== undefined) {
      const within = parseDuration(option.within ?? 'P0D');
      const until = within ? path.time.plus(within) : path.time;
      if (until > longestWait) longestWait = until;
      // Round a loop at the same instant, the event this path already assumed cannot happen again at once.
      if (alreadyNow?.has(option.event)) return;
      const sets = context.vocabulary.lifecycle.get(option.event)?.sets ?? {};
      const assumed: StateChange = {
        millis: path.time.toMillis(),
        time: path.time,
        states: sets,
        cause: { kind: 'assumed-event', event: option.event, run, step, paths: { first: 0, last: 0 } },
      };
      const assumedAt = { millis: path.time.toMillis(), events: new Set([...(alreadyNow ?? []), option.event]) };
      outcomes.push({ ...base, states: { ...path.states, ...sets }, assumed, assumedAt });
    } else if (option.state !== undefined && !decided && matches(option.state, states)) {
      decided = true;
      outcomes.push(base);
    } else if (option.otherwise && !decided) {
      decided = true;
      outcomes.push({ ...base, time: longestWait, stillSteps: longestWait > path.time ? 0 : base.stillSteps });
    }
  });
  return outcomes;
}

/** The complete paths through something recorded on `node` when `firstLeaf` paths had completed. */
function pathRange(node: PathNode, firstLeaf: number): PathRange {
  return { first: firstLeaf, last: Math.max(firstLeaf, node.lastLeaf ?? firstLeaf) };
}
