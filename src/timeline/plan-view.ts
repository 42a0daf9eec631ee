import type { StateMap } from '../model/vocabulary.js';
import type { Source } from '../model/types.js';
import { locationOf, stepName } from '../model/types.js';
import { horizonText } from './horizon.js';
import type { Timelines } from './build.js';
import type { JourneyRun, SendEntry } from './types.js';
import type { EventView, PlanView, RunView, SegmentView, SendView, TemplateView } from './plan-view-data.js';

/** Numbers each distinct value once. */
class Table {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();
  of(value: string): number {
    let found = this.index.get(value);
    if (found === undefined) this.index.set(value, (found = this.values.push(value) - 1));
    return found;
  }
}

function subjectOf(content: Map<string, Record<string, unknown>>): string | undefined {
  for (const fields of content.values()) if (typeof fields.subject === 'string') return fields.subject;
  return undefined;
}

/** The page's data for the plan's timelines; `listed` limits the segments it offers (`cxlint timeline --segment`). */
export function planView(timelines: Timelines, listed?: string[]): PlanView {
  const { plan } = timelines;
  const files = new Table();
  const channels = new Table();
  for (const channel of plan.vocabulary.channels.keys()) channels.of(channel);
  const templateIndex = new Map<string, number>();
  const templates: TemplateView[] = [];
  const templateOf = (id: string): number => {
    let found = templateIndex.get(id);
    if (found !== undefined) return found;
    const template = plan.templates.get(id);
    const view: TemplateView = { id };
    const subject = template && subjectOf(template.content);
    if (template?.name) view.name = template.name;
    if (template?.intent) view.intent = template.intent;
    if (template?.campaign) view.campaign = template.campaign;
    if (template?.owner) view.owner = template.owner;
    if (subject !== undefined) view.subject = subject;
    templateIndex.set(id, (found = templates.push(view) - 1));
    return found;
  };
  // A row or step is located once, however many occurrences it has.
  const sources: PlanView['sources'] = [];
  const sourceIndex = new Map<Source, number>();
  const sourceOf = (source: Source, name: string): number => {
    let found = sourceIndex.get(source);
    if (found === undefined) {
      const location = locationOf(source);
      sourceIndex.set(source, (found = sources.push([files.of(location.file), location.line, location.column, name]) - 1));
    }
    return found;
  };
  const sendView = (send: SendEntry): SendView => {
    const origin = send.origin;
    const source = origin.kind === 'calendar' ? sourceOf(origin.send.source, origin.send.id ?? '') : sourceOf(origin.step.source, `journey ${origin.run.journey.id} › ${origin.step.id ?? stepName(origin.step)}`);
    return [send.millis, templateOf(send.template), send.channel === undefined ? -1 : channels.of(send.channel), source];
  };
  const order = plan.tree.order;
  const segmentIndex = new Map(order.map((id, index) => [id, index]));
  const runIndex = new Map<JourneyRun, number>();
  const runs: RunView[] = [];
  const runOf = (run: JourneyRun): number => {
    let found = runIndex.get(run);
    if (found !== undefined) return found;
    const view: RunView = {
      journey: run.journey.id,
      segment: segmentIndex.get(run.journey.entry.segment) ?? -1,
      relative: run.relative,
      paths: run.paths,
      truncated: run.truncated,
      sends: run.sends.map((send) => {
        const paths = send.origin.kind === 'journey' ? send.origin.paths : { first: 0, last: 0 };
        return [...sendView(send), paths.first, paths.last];
      }),
      changes: run.changes.flatMap((change) => {
        const cause = change.cause;
        return cause.kind === 'set' || cause.kind === 'assumed-event' ? [[change.millis, change.states, sourceOf(cause.step.source, `journey ${run.journey.id} › ${cause.step.id ?? stepName(cause.step)}`), cause.paths.first, cause.paths.last] as [number, StateMap, number, number, number]] : [];
      }),
    };
    if (run.trigger) view.trigger = run.trigger.toMillis();
    runIndex.set(run, (found = runs.push(view) - 1));
    return found;
  };
  const segments = order.map((id): SegmentView => {
    const segment = plan.segments.get(id)!;
    const parent = segment.parent !== undefined ? plan.segments.get(segment.parent) : undefined;
    const view: SegmentView = { id, parent: parent ? segmentIndex.get(parent.id)! : -1, zone: timelines.zoneOf(id), sends: timelines.addressedTo(id).map(sendView) };
    if (segment.name) view.name = segment.name;
    const overlaps = segment.overlaps.flatMap((other) => segmentIndex.get(other) ?? []);
    if (overlaps.length) view.overlaps = overlaps;
    const placed = timelines.runsFor(id);
    if (placed.length) view.runs = placed.map(runOf);
    if (Object.keys(segment.ownStates).length) view.states = { ...segment.ownStates };
    // A child that dates nothing itself and reads dates in its parent's zone has its parent's events: not written again.
    if (!parent || parent.events !== segment.events || timelines.zoneOf(parent.id) !== view.zone) {
      const events = timelines.states(id).changes.flatMap((change): EventView[] =>
        change.cause.kind === 'event' ? [[change.millis, change.cause.event, change.states, sourceOf(change.cause.source, change.cause.event)]] : [],
      );
      if (events.length || parent) view.events = events;
    }
    return view;
  });
  for (const run of timelines.relativeRuns) runOf(run);
  const view: PlanView = {
    horizon: { from: timelines.horizon.start.toMillis(), to: timelines.horizon.end.toMillis(), text: horizonText(timelines.horizon) },
    zone: timelines.timezone,
    journeys: plan.journeys.size,
    channels: channels.values,
    files: files.values,
    templates,
    sources,
    segments,
    runs,
  };
  if (listed) view.listed = listed.flatMap((id) => segmentIndex.get(id) ?? []);
  return view;
}
