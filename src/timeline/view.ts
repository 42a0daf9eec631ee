import type { StateMap } from '../model/vocabulary.js';
import { locationOf, stepName } from '../model/types.js';
import { describeDuration } from '../time/durations.js';
import { describeLocal } from '../time/zoned.js';
import type { Timelines } from './build.js';
import { statesMetBySend } from './states.js';
import type { SendEntry, Via } from './types.js';

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
  journey?: { id: string; step: string; paths: [number, number] };
  changes: StateChangeView[];
}

export interface SegmentView {
  id: string;
  name?: string;
  timezones: string[];
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
  horizon: { from: string; to: string };
  segments: SegmentView[];
  relativeJourneys: RelativeJourneyView[];
}

function changesBetween(before: StateMap, after: StateMap): StateChangeView[] {
  return Object.keys(after)
    .filter((state) => before[state] !== after[state])
    .sort()
    .map((state) => (before[state] === undefined ? { state, to: after[state]! } : { state, from: before[state], to: after[state]! }));
}

function entryView(send: SendEntry, via: Via, timelines: Timelines, local: string): Omit<EntryView, 'changes'> {
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
  }
  return view;
}

/**
 * What cxlint believes will happen to each segment: its sends in time order, and before each the states that changed
 * since the line above (a journey send is read with the states on its own path, `set` steps and assumed events before it).
 */
export function timelineView(timelines: Timelines, segments: string[]): TimelineView {
  const segmentViews = segments.map((id): SegmentView => {
    const segment = timelines.plan.segments.get(id)!;
    let previous = timelines.statesAt(id, -Infinity);
    const entries = timelines.timeline(id).map(({ send, via }) => {
      const states = statesMetBySend((millis) => timelines.statesAt(id, millis), send);
      const changes = changesBetween(previous, states);
      previous = states;
      return { ...entryView(send, via, timelines, describeLocal(send.time)), changes };
    });
    return { id, ...(segment.name ? { name: segment.name } : {}), timezones: segment.timezones.length ? segment.timezones : [timelines.zoneOf(id)], entries };
  });
  const relativeJourneys = timelines.relativeRuns.map((run): RelativeJourneyView => {
    let previous = timelines.statesAt(run.journey.entry.segment, -Infinity, { run, path: 0 });
    const entries = run.sends.map((send) => {
      const fromEvent = send.time.diff(run.trigger ?? run.start, ['days', 'hours', 'minutes']);
      const states = statesMetBySend((millis) => timelines.baseStatesAt(run.journey.entry.segment, millis, run), send);
      const changes = changesBetween(previous, states);
      previous = states;
      const local = `T${fromEvent.toMillis() < 0 ? '' : '+'}${describeDuration(fromEvent)}`;
      return { ...entryView(send, 'segment', timelines, local), changes };
    });
    const view: RelativeJourneyView = { journey: run.journey.id, segment: run.journey.entry.segment, paths: run.paths, truncated: run.truncated, entries };
    if (run.journey.entry.event) view.event = run.journey.entry.event;
    return view;
  });
  return { horizon: { from: timelines.horizon.start.toISO() ?? '', to: timelines.horizon.end.toISO() ?? '' }, segments: segmentViews, relativeJourneys };
}
