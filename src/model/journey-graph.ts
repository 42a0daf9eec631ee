import { DateTime } from 'luxon';
import { parseDuration } from '../time/durations.js';
import type { Step } from './types.js';

/**
 * The edges of a journey's step graph (SPEC 4.5), read once for every rule that walks it: journey-loop,
 * journey-complexity, journey-dead-end, journey-unreachable-step and unanswered-reply; and for the timeline, whose
 * journey runs follow these edges (timeline/journey-run.ts) but place each delay on the calendar themselves.
 */
export interface JourneyEdge {
  /** The step it leads to (its index), or `'end'`: out of the journey, also for a `next` that names no step. */
  to: number | 'end';
  /** `event`: a branch option on an event, taken at once on a path of its own; of `state` and `otherwise` options a path takes one. */
  kind: 'next' | 'event' | 'state' | 'otherwise';
  /**
   * The time it takes as the timeline places it, in ms: a `wait`'s duration, an `otherwise` after the longest `within`
   * of its branch, 0 for the rest; undefined for a `wait: {until}`, whose time depends on a date.
   */
  delay: number | undefined;
  /** An event option with a positive `within`: the customer acts some time later (a new reply each time round a loop). */
  waitsForCustomer: boolean;
}

/**
 * Durations are measured from a fixed instant in UTC, so P1D is 24 hours here. Made at the first use: a DateTime made
 * when the module loads has luxon ask Intl for the system's locale (25 ms) in every run, `--version` and `rules` too.
 */
let anchor: DateTime | undefined;

/** Milliseconds by duration text: luxon is slow, and a journey repeats the same few durations thousands of times. */
const millisByText = new Map<string, number | undefined>();

/**
 * A duration in milliseconds, undefined when the text is no duration. A duration too long to add to a date counts as
 * endless, never as NaN: NaN passes every comparison as false and would slip past any budget.
 */
export function millisOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (millisByText.has(text)) return millisByText.get(text);
  const duration = parseDuration(text);
  anchor ??= DateTime.fromISO('2000-01-01T00:00:00Z', { zone: 'UTC' });
  const millis = duration ? anchor.plus(duration).toMillis() - anchor.toMillis() : undefined;
  const value = millis !== undefined && Number.isNaN(millis) ? (duration!.toMillis() < 0 ? -Infinity : Infinity) : millis;
  millisByText.set(text, value);
  return value;
}

const edges = new WeakMap<Step, JourneyEdge[]>();

/** The ways a customer can leave a step. A branch has one edge per option, in order; its own `next` is unused. */
export function edgesOf(step: Step): JourneyEdge[] {
  let known = edges.get(step);
  if (!known) edges.set(step, (known = readEdges(step)));
  return known;
}

const after = (step: Step, delay: number | undefined): JourneyEdge => ({ to: step.next, kind: 'next', delay, waitsForCustomer: false });

function readEdges(step: Step): JourneyEdge[] {
  const action = step.action;
  switch (action.kind) {
    case 'exit':
      return [{ to: 'end', kind: 'next', delay: 0, waitsForCustomer: false }];
    case 'wait':
      return [after(step, action.until ? undefined : Math.max(0, millisOf(action.duration) ?? 0))];
    case 'branch': {
      const within = (option: (typeof action.options)[number]): number => (option.event !== undefined ? Math.max(0, millisOf(option.within) ?? 0) : 0);
      const longest = Math.max(0, ...action.options.map(within));
      return action.options.map((option) => ({
        to: option.next,
        kind: option.otherwise ? 'otherwise' : option.event !== undefined ? 'event' : 'state',
        delay: option.otherwise ? longest : 0,
        waitsForCustomer: option.event !== undefined && within(option) > 0,
      }));
    }
    default:
      return [after(step, 0)];
  }
}
