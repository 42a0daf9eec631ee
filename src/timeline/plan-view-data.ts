import type { StateMap } from '../model/vocabulary.js';

/**
 * The timelines as data a page can draw: what the HTML report carries (docs/report.md). Sends are kept as the timeline
 * stage keeps them — once, under the segment they address, and once per shared journey run — and the page merges a
 * segment's ancestors, overlaps and runs when it shows that segment, so a send to a root with 10,000 descendants is
 * written once. Repeated strings are numbered (files, templates, channels, rows and steps): a medium plan has 100,000
 * sends from a few thousand rows.
 */
export interface PlanView {
  /** Milliseconds since the epoch, as every instant here; and as people read it (horizonText). */
  horizon: { from: number; to: number; text: string };
  /** The config's zone, for what belongs to no segment. */
  zone: string;
  journeys: number;
  /** Lane order: the config's channels, then any other a send names. */
  channels: string[];
  files: string[];
  templates: TemplateView[];
  /** Rows and steps sends come from: `[file, line, column, name]`; the name is `journey J › step` for a step, the row's id for a row. */
  sources: Array<[number, number, number, string]>;
  /** Parents before children (the tree's depth-first order). */
  segments: SegmentView[];
  runs: RunView[];
  /** The segments a `cxlint timeline --segment` asked for; every segment when absent. */
  listed?: number[];
}

export interface TemplateView {
  id: string;
  name?: string;
  intent?: string;
  campaign?: string;
  owner?: string;
  /** The subject of its first locale that has one. */
  subject?: string;
}

/** `[millis, template, channel (-1 for none), source]`. */
export type SendView = [number, number, number, number];
/** A journey send: a send, then the range of the run's paths it lies on. */
export type RunSendView = [number, number, number, number, number, number];

export interface SegmentView {
  id: string;
  name?: string;
  /** Index of the parent, -1 for a root. */
  parent: number;
  /** The zone its local times are read in. */
  zone: string;
  overlaps?: number[];
  /** The calendar sends addressed to it, in time order. */
  sends: SendView[];
  /** Absolute journey runs placed for it (indices into `runs`). */
  runs?: number[];
  /** The states it changes from its parent's (merged down from the root, they give the states in force). */
  states?: StateMap;
  /** Its dated lifecycle events, when they differ from its parent's (its own, or the same dates in another zone). */
  events?: EventView[];
}

/** `[millis, event, the states it sets, source]`. */
export type EventView = [number, string, StateMap, number];

export interface RunView {
  journey: string;
  /** Index of the entry segment. */
  segment: number;
  /** On a journey's own timeline (T = the entry event): times are read from `trigger`. */
  relative: boolean;
  trigger?: number;
  paths: number;
  truncated: boolean;
  sends: RunSendView[];
  /** `set` steps and assumed events: `[millis, states, source, first path, last path]`. */
  changes: Array<[number, StateMap, number, number, number]>;
}
