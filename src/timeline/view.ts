import type { StateMap } from '../model/vocabulary.js';
import { isMarketingIntent } from '../model/vocabulary.js';
import type { BranchOption, Step } from '../model/types.js';
import { locationOf, stepName } from '../model/types.js';
import { describeDuration } from '../time/durations.js';
import { describeLocal } from '../time/zoned.js';
import type { Timelines } from './build.js';
import { horizonText } from './horizon.js';
import { statesMetBySend } from './states.js';
import type { BranchTrail, JourneyRun, SendEntry, Via } from './types.js';

export interface StateChangeView {
  state: string;
  from?: string;
  to: string;
}

/** One line of a timeline as `cxlint timeline` shows it. The JSON format is this shape (docs/timeline.md). */
export interface EntryView {
  /** ISO 8601 with the offset of the zone it is shown in. */
  at: string;
  /** `2026-07-05 09:00 CDT`; on a relative timeline, the time from the entry event: `T-180d`. */
  local: string;
  channel?: string;
  template: string;
  intent?: string;
  campaign?: string;
  owner?: string;
  via: Via;
  /** The segment the send is addressed to. */
  segment: string;
  source: { file: string; line: number; column: number };
  /**
   * The journey step, its paths, and — when the step sends on several paths of the run — the branch options this
   * path took (`["replied within P2D"]`), so that its lines can be told apart.
   */
  journey?: { id: string; step: string; paths: [number, number]; path?: string[] };
  /** false: the send is marketing and the segment it reaches is suppressed (no marketing at all). */
  delivered?: false;
  changes: StateChangeView[];
}

export interface SegmentView {
  id: string;
  name?: string;
  timezones: string[];
  /** The segment gets no marketing at all (a legal hold): its marketing sends are `delivered: false`. */
  suppressed?: true;
  entries: EntryView[];
}

export interface RelativeJourneyView {
  journey: string;
  segment: string;
  event?: string;
  paths: number;
  truncated: boolean;
  entries: EntryView[];
}

export interface TimelineView {
  /** The ends as ISO 8601 instants (each with the offset of its zone), and as people read them (horizonText). */
  horizon: { from: string; to: string; text: string };
  segments: SegmentView[];
  relativeJourneys: RelativeJourneyView[];
}

function changesBetween(before: StateMap, after: StateMap): StateChangeView[] {
  return Object.keys(after)
    .filter((state) => before[state] !== after[state])
    .sort()
    .map((state) => (before[state] === undefined ? { state, to: after[state]! } : { state, from: before[state], to: after[state]! }));
}

/** How a path left one branch: `replied within P2D`, `lease=ended`, `otherwise`. */
function optionText(option: BranchOption): string {
  if (option.event !== undefined) return option.within ? `${option.event} within ${option.within}` : option.event;
  if (option.state) return Object.entries(option.state).map(([state, values]) => `${state}=${values.join('|')}`).join(' and ');
  return 'otherwise';
}

/** The branch options a send's path took, from the entry on. */
function pathTaken(trail: BranchTrail): string[] {
  const taken: string[] = [];
  for (let node: BranchTrail | undefined = trail; node; node = node.parent) {
    if (node.taken && node.taken.step.action.kind === 'branch') taken.push(optionText(node.taken.step.action.options[node.taken.option]!));
  }
  return taken.reverse();
}

/** The steps of a run that send on more than one of its paths: their lines are labelled with their path. */
const stepsSendingTwice = new WeakMap<JourneyRun, Set<Step>>();
function sendsTwice(run: JourneyRun, step: Step): boolean {
  let steps = stepsSendingTwice.get(run);
  if (!steps) {
    const seen = new Set<Step>();
    steps = new Set();
    for (const send of run.sends) {
      if (send.origin.kind !== 'journey') continue;
      if (seen.has(send.origin.step)) steps.add(send.origin.step);
      seen.add(send.origin.step);
    }
    stepsSendingTwice.set(run, steps);
  }
  return steps.has(step);
}

/** One send as a line of the timeline of a segment (`suppressed`: that segment gets no marketing). */
function entryView(send: SendEntry, via: Via, timelines: Timelines, local: string, suppressed: boolean): Omit<EntryView, 'changes'> {
  const origin = send.origin;
  const source = locationOf(origin.kind === 'calendar' ? origin.send.source : origin.step.source);
  const view: Omit<EntryView, 'changes'> = {
    at: send.time.toISO() ?? '',
    local,
    template: send.template,
    via,
    segment: send.segment,
    source: { file: source.file, line: source.line, column: source.column },
  };
  if (send.channel) view.channel = send.channel;
  const intent = timelines.plan.templates.get(send.template)?.intent;
  if (intent) view.intent = intent;
  if (send.campaign) view.campaign = send.campaign;
  if (send.owner) view.owner = send.owner;
  if (origin.kind === 'journey') {
    const step = origin.step.id ?? stepName(origin.step);
    view.journey = { id: origin.run.journey.id, step, paths: [origin.paths.first, origin.paths.last] };
    if (sendsTwice(origin.run, origin.step)) view.journey.path = pathTaken(origin.trail);
  }
  if (suppressed && isMarketingIntent(timelines.plan.vocabulary, intent)) view.delivered = false;
  return view;
}

/**
 * What cxlint believes will happen to each segment: its sends in time order, and before each the states that changed
 * since the line above (a journey send is read with the states on its own path, `set` steps and assumed events before it).
 * With `only` (`--segment`), the journeys on their relative timelines are those these segments can enter: entered at
 * one of them or at a segment above one.
 */
export function timelineView(timelines: Timelines, segments: string[], only = false): TimelineView {
  const segmentViews = segments.map((id): SegmentView => {
    const segment = timelines.plan.segments.get(id)!;
    let previous = timelines.statesAt(id, -Infinity);
    const entries = timelines.timeline(id).map(({ send, via }) => {
      const states = statesMetBySend((millis) => timelines.statesAt(id, millis), send);
      const changes = changesBetween(previous, states);
      previous = states;
      return { ...entryView(send, via, timelines, describeLocal(send.time), segment.suppressed), changes };
    });
    const timezones = segment.timezones.length ? segment.timezones : [timelines.zoneOf(id)];
    return { id, ...(segment.name ? { name: segment.name } : {}), timezones, ...(segment.suppressed ? { suppressed: true as const } : {}), entries };
  });
  const tree = timelines.plan.tree;
  const enterable = (run: JourneyRun): boolean => !only || segments.some((id) => tree.contains(run.journey.entry.segment, id));
  const relativeJourneys = timelines.relativeRuns.filter(enterable).map((run): RelativeJourneyView => {
    const suppressed = timelines.plan.segments.get(run.journey.entry.segment)?.suppressed ?? false;
    let previous = timelines.statesAt(run.journey.entry.segment, -Infinity, { run, path: 0 });
    const entries = run.sends.map((send) => {
      const fromEvent = send.time.diff(run.trigger ?? run.start, ['days', 'hours', 'minutes']);
      const states = statesMetBySend((millis) => timelines.baseStatesAt(run.journey.entry.segment, millis, run), send);
      const changes = changesBetween(previous, states);
      previous = states;
      const local = `T${fromEvent.toMillis() < 0 ? '' : '+'}${describeDuration(fromEvent)}`;
      return { ...entryView(send, 'segment', timelines, local, suppressed), changes };
    });
    const view: RelativeJourneyView = { journey: run.journey.id, segment: run.journey.entry.segment, paths: run.paths, truncated: run.truncated, entries };
    if (run.journey.entry.event) view.event = run.journey.entry.event;
    return view;
  });
  return { horizon: { from: timelines.horizon.start.toISO() ?? '', to: timelines.horizon.end.toISO() ?? '', text: horizonText(timelines.horizon) }, segments: segmentViews, relativeJourneys };
}
