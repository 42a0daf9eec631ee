import type { FindingView, PageData } from '../src/reporters/page-data.js';
import type { EventView, PlanView, SegmentView } from '../src/timeline/plan-view-data.js';
import type { StateMap } from '../src/model/vocabulary.js';

export type Severity = FindingView['severity'];
export const SEVERITIES: Severity[] = ['error', 'warning', 'info'];
const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };
export const worse = (a: Severity | undefined, b: Severity): Severity => (a && RANK[a] >= RANK[b] ? a : b);

/** One mark on a timeline: a send as it reaches the segment shown. */
export interface Mark {
  /** Unique on the timeline: `source@millis`. */
  key: string;
  millis: number;
  template: number;
  channel: number;
  source: number;
  via: 'segment' | 'ancestor' | 'overlap';
  /** The segment the send is addressed to. */
  segment: number;
  /** The journey run it belongs to, with the range of paths it lies on. */
  run?: number;
  paths?: [number, number];
}

export interface SegmentTimeline {
  marks: Mark[];
  /** Journeys on their own timeline for this segment (no date for their entry event): run index and marks. */
  relative: Array<{ run: number; marks: Mark[] }>;
  /** States in force before anything happens. */
  initial: StateMap;
  /** Dated lifecycle events: `[millis, event, the states it sets, source]`. */
  events: EventView[];
}

/** The page's indexes over the data, built once. */
export class Model {
  readonly plan: PlanView;
  readonly findings: FindingView[];
  readonly children: number[][];
  readonly depth: number[];
  /** Finding indices per segment. */
  readonly bySegment: number[][];
  /** Source index by `file:line:column`: a finding located at a row or step stands at its sends. */
  readonly sourceAt = new Map<string, number>();
  readonly rules: string[];
  readonly categories: string[];

  constructor(readonly data: PageData) {
    this.plan = data.plan;
    this.findings = data.findings;
    const segments = this.plan.segments;
    this.children = segments.map(() => []);
    this.depth = segments.map(() => 0);
    // Parents come before their children, so one pass numbers the depths.
    segments.forEach((segment, index) => {
      if (segment.parent >= 0) {
        this.children[segment.parent]!.push(index);
        this.depth[index] = this.depth[segment.parent]! + 1;
      }
    });
    this.bySegment = segments.map(() => []);
    this.findings.forEach((finding, index) => {
      for (const segment of finding.segments) this.bySegment[segment]!.push(index);
    });
    this.plan.sources.forEach(([file, line, column], index) => this.sourceAt.set(`${file}:${line}:${column}`, index));
    this.rules = [...new Set(this.findings.map((finding) => finding.rule))].sort();
    this.categories = [...new Set(this.findings.map((finding) => finding.category))].sort();
  }

  /** How many findings have each value of a property. */
  countBy(property: (finding: FindingView) => string): Map<string, number> {
    const counts = new Map<string, number>();
    for (const finding of this.findings) counts.set(property(finding), (counts.get(property(finding)) ?? 0) + 1);
    return counts;
  }

  segment(index: number): SegmentView {
    return this.plan.segments[index]!;
  }

  /** The segment and its ancestors, the segment first. */
  chain(index: number): number[] {
    const chain: number[] = [];
    for (let at = index; at >= 0; at = this.plan.segments[at]!.parent) chain.push(at);
    return chain;
  }

  fileLine(file: number, line: number): string {
    return `${this.plan.files[file] ?? '?'}:${line}`;
  }

  /**
   * What reaches a segment, as the timeline stage reads it (docs/timeline.md): sends to it, to its ancestors and to the
   * segments declared to overlap it, and the journeys placed for it; a row that reaches it two ways counts once, by the
   * closest. Journeys whose entry is at or above it with no run placed for it run on their own (relative) timeline.
   */
  timeline(index: number): SegmentTimeline {
    const segment = this.segment(index);
    const chain = this.chain(index);
    const marks: Mark[] = [];
    const seen = new Set<string>();
    const add = (owner: number, via: Mark['via']): void => {
      for (const [millis, template, channel, source] of this.segment(owner).sends) {
        const key = `${source}@${millis}`;
        if (seen.has(key)) continue;
        seen.add(key);
        marks.push({ key, millis, template, channel, source, via, segment: owner });
      }
    };
    chain.forEach((at, position) => add(at, position === 0 ? 'segment' : 'ancestor'));
    for (const other of segment.overlaps ?? []) if (!chain.includes(other)) add(other, 'overlap');
    const journeysPlaced = new Set<string>();
    for (const run of segment.runs ?? []) {
      const view = this.plan.runs[run]!;
      journeysPlaced.add(view.journey);
      for (const send of view.sends) marks.push(this.runMark(run, send));
    }
    marks.sort((a, b) => a.millis - b.millis);
    const relative = this.plan.runs.flatMap((view, run) =>
      view.relative && chain.includes(view.segment) && !journeysPlaced.has(view.journey) ? [{ run, marks: view.sends.map((send) => this.runMark(run, send)) }] : [],
    );
    const initial: StateMap = {};
    for (const at of [...chain].reverse()) Object.assign(initial, this.segment(at).states);
    const owner = chain.find((at) => this.segment(at).events !== undefined);
    const events = owner === undefined ? [] : this.segment(owner).events!;
    return { marks, relative, initial, events };
  }

  private runMark(run: number, [millis, template, channel, source, first, last]: [number, number, number, number, number, number]): Mark {
    return { key: `${source}@${millis}#${run}:${first}`, millis, template, channel, source, via: 'segment', segment: this.plan.runs[run]!.segment, run, paths: [first, last] };
  }

  /** The source a finding stands at (a row or step), if it stands at one. */
  sourceOf(finding: FindingView): number | undefined {
    return this.sourceAt.get(`${finding.file}:${finding.line}:${finding.column}`);
  }
}

/** A timeline's marks by the row or step they come from. */
export type MarksBySource = Map<number, Mark[]>;

export function bySource(marks: Mark[]): MarksBySource {
  const index: MarksBySource = new Map();
  for (const mark of marks) (index.get(mark.source) ?? index.set(mark.source, []).get(mark.source)!).push(mark);
  return index;
}

/**
 * The marks a finding concerns on a timeline: the send it stands at (its row or step at its `at`, or on a journey's own
 * timeline the step), and each related row or step at its occurrence nearest that send (a weekly row has 52).
 */
export function marksOf(model: Model, finding: FindingView, marks: MarksBySource): { primary?: Mark; related: Mark[] } {
  const source = model.sourceOf(finding);
  const at = finding.at === undefined ? undefined : Date.parse(finding.at);
  const candidates = (source === undefined ? undefined : marks.get(source)) ?? [];
  const primary = at === undefined ? candidates[0] : (candidates.find((mark) => mark.millis === at) ?? nearest(candidates, at));
  const near = primary?.millis ?? at;
  const related: Mark[] = [];
  for (const [file, line, column] of finding.related ?? []) {
    const other = model.sourceAt.get(`${file}:${line}:${column}`);
    if (other === undefined) continue;
    const found = nearest((marks.get(other) ?? []).filter((mark) => mark !== primary), near);
    if (found && !related.includes(found)) related.push(found);
  }
  return { primary, related };
}

function nearest(marks: Mark[], millis: number | undefined): Mark | undefined {
  if (millis === undefined) return marks[0];
  let best: Mark | undefined;
  for (const mark of marks) if (!best || Math.abs(mark.millis - millis) < Math.abs(best.millis - millis)) best = mark;
  return best;
}
