import type { DateTime, Zone } from 'luxon';
import type { Location, Problem } from '../findings/finding.js';
import type { StateMap } from '../model/vocabulary.js';
import type { Journey, Send, Source, Step } from '../model/types.js';

/** The paths of one journey run that share an entry: paths are numbered in order, so those sharing a prefix are contiguous. */
export interface PathRange {
  first: number;
  last: number;
}

export interface CalendarOrigin {
  kind: 'calendar';
  send: Send;
  /** 0 for the first occurrence of a recurring send. */
  occurrence: number;
}

/**
 * The branch options a path took, as a list from its last branch back to the entry: paths that share a prefix share
 * its nodes, so a send keeps its way through the journey without a copy per send.
 */
export interface BranchTrail {
  parent?: BranchTrail;
  /** The branch step and the index of the option taken there; absent on the entry's node. */
  taken?: { step: Step; option: number };
}

export interface JourneyOrigin {
  kind: 'journey';
  run: JourneyRun;
  step: Step;
  paths: PathRange;
  /** The branch options taken on the way to this send. */
  trail: BranchTrail;
}

/** One planned delivery at one instant. */
export interface SendEntry {
  readonly time: DateTime;
  readonly millis: number;
  /** The zone `time` is in: what its offsets and calendar days are read in, without making `time`. */
  readonly zone: Zone;
  /** The zone's offset from UTC at `millis`, in minutes: windows compare it for every pair of sends they meet. */
  readonly offset: number;
  readonly template: string;
  readonly channel?: string;
  readonly campaign?: string;
  readonly owner?: string;
  /** The segment the send addresses; it reaches that segment's subtree and its declared overlaps. */
  readonly segment: string;
  readonly origin: CalendarOrigin | JourneyOrigin;
  /** Where its row or step stands: one frozen Location, shared by every occurrence of the row and every finding. */
  readonly location: Location;
  /** An id of this delivery that stays when lines move: its row (with the occurrence of a recurring row) or journey step. */
  readonly deliveryId: string;
  /**
   * When a finding about it happens (SPEC 9): `at`, its instant with the zone's offset (luxon's toISO); on a journey's
   * relative timeline, where no date is known, `after`: the entry event and the offset from it.
   */
  readonly when: SendWhen;
  /** When it happens as a marketer reads it: `2026-07-05 09:00 CDT`, or on a relative journey timeline `signup+3d`. */
  readonly whenText: string;
}

export type SendWhen = Pick<Problem, 'at' | 'after'>;

/** How a send reaches the segment whose timeline shows it. */
export type Via = 'segment' | 'ancestor' | 'overlap';

export interface TimelineEntry {
  send: SendEntry;
  via: Via;
}

export type StateCause =
  | { kind: 'initial'; segment: string }
  | { kind: 'event'; event: string; segment: string; source: Source }
  | { kind: 'set'; run: JourneyRun; step: Step; paths: PathRange }
  | { kind: 'assumed-event'; event: string; run: JourneyRun; step: Step; paths: PathRange };

export interface StateChange {
  millis: number;
  time?: DateTime;
  states: StateMap;
  cause: StateCause;
}

/** A journey's sends and state changes for one start: absolute (a dated entry) or relative (T = the entry event). */
export interface JourneyRun {
  journey: Journey;
  /** When the first step runs: the entry event (or date) plus the entry offset. */
  start: DateTime;
  relative: boolean;
  sends: SendEntry[];
  changes: StateChange[];
  /** Number of complete paths enumerated. */
  paths: number;
  /** True when enumeration stopped at maxPaths or the work limit before every path was seen. */
  truncated: boolean;
  /** For a relative run: T, the instant the entry event stands at. */
  trigger?: DateTime;
}

export interface Horizon {
  start: DateTime;
  end: DateTime;
}
