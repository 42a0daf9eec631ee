import type { Location } from '../findings/finding.js';
import { fileStart } from '../findings/finding.js';
import { locate, pointerTo } from '../loaders/fragment.js';
import type { Condition, StateMap, Vocabulary } from './vocabulary.js';
import type { PositionMap } from '../loaders/fragment.js';
import type { PlanDate } from '../time/dates.js';
import type { RecurrenceOptions } from '../time/recurrence.js';
import type { SegmentTree } from './tree.js';

/** Where a model item came from, so that any of its fields can be located later. */
export interface Source {
  file: string;
  pointer: string;
  positions: PositionMap;
}

export interface DatedEvent {
  date: PlanDate;
  /** Points at the event's date in the segment that wrote it (an ancestor, when inherited). */
  source: Source;
}

export interface Segment {
  id: string;
  name?: string;
  parent?: string;
  /** Segments declared to share customers with this one, in both directions. */
  overlaps: string[];
  children: string[];
  /** The rest are inherited through the parent chain (the child's own values win). */
  timezones: string[];
  locales: string[];
  /** Channels consented to; undefined means all channels. */
  consent?: string[];
  suppressed: boolean;
  /** The segment whose `consent` and `suppressed` are in force here: itself, or the ancestor that wrote them. */
  declaredBy: { consent: string; suppressed: string };
  /**
   * States and events in force: the segment's own, and its ancestors' for the keys it does not set, in the order of a
   * merge (the ancestors' keys first). Shared, not copied: a segment that changes nothing has its parent's very maps,
   * so do not modify them.
   */
  readonly states: Readonly<StateMap>;
  readonly events: ReadonlyMap<string, DatedEvent>;
  /**
   * What the segment changes in what it inherits: the states it sets to another value than its parent's, the events it
   * dates itself. Empty when it adds nothing; reading these instead of the maps in force keeps a deep chain linear.
   */
  ownStates: Readonly<StateMap>;
  ownEvents: ReadonlyMap<string, DatedEvent>;
  /**
   * The states the segment's own `states` writes, restated values included (a YAML key, a CSV cell alike): unlike
   * `ownStates`, the place a state's initial value is written, `states.<key>` in its source.
   */
  writtenStates: ReadonlySet<string>;
  source: Source;
}

export interface Offer {
  id: string;
  value?: string;
  code?: string;
  validFrom?: PlanDate;
  validUntil?: PlanDate;
}

export interface Template {
  id: string;
  name?: string;
  channels: string[];
  intent?: string;
  campaign?: string;
  owner?: string;
  status?: 'draft' | 'review' | 'approved';
  offer?: Offer;
  facts: Record<string, string>;
  requires?: Condition;
  forbids?: Condition;
  expectsReply: boolean;
  /** Content by locale; each locale's fields as written (subject, body, channel-specific fields). */
  content: Map<string, Record<string, unknown>>;
  source: Source;
}

export interface Send {
  id?: string;
  /** A name that stays when lines move: `calendar #ID`, or the row's content (model/keys.ts). */
  key: string;
  date: PlanDate;
  timezone?: string;
  segments: string[];
  template: string;
  /** The send's channel, or the template's when it has just one. */
  channel?: string;
  campaign?: string;
  owner?: string;
  repeat?: string;
  /** `repeat` as read, once for the plan's rows that repeat by it. */
  recurrence?: RecurrenceOptions;
  /** Occurrences of `repeat` that are not sent (an iCalendar EXDATE), read in the send's zone as `date` is. */
  except?: PlanDate[];
  source: Source;
}

export type StepAction =
  /** `unresolved`: its template or channel is an `unknown-reference`, reported once; the step sends nothing (SPEC 5). */
  | { kind: 'send'; template: string; channel?: string; unresolved?: true }
  | { kind: 'wait'; duration?: string; until?: { event: string; offset?: string } }
  | { kind: 'branch'; options: BranchOption[] }
  | { kind: 'set'; states: StateMap }
  | { kind: 'exit' };

export interface BranchOption {
  event?: string;
  within?: string;
  state?: Condition;
  otherwise: boolean;
  /** Index of the step it goes to. */
  next: number;
  source: Source;
}

export interface Step {
  index: number;
  id?: string;
  /** A name that stays when steps are added: `journey J #ID`, or the step's content (model/keys.ts). */
  key: string;
  action: StepAction;
  /** Index of the step that follows, `'end'` when the journey ends. */
  next: number | 'end';
  source: Source;
}

export interface Journey {
  id: string;
  name?: string;
  owner?: string;
  campaign?: string;
  entry: { segment: string; event?: string; date?: PlanDate; offset: string };
  steps: Step[];
  source: Source;
}

/** Everything cxlint read, merged across files, with every reference checked. */
export interface Plan {
  segments: Map<string, Segment>;
  /** The segments' parent tree, numbered: whether one segment lies below another, without walking up the chain. */
  tree: SegmentTree;
  templates: Map<string, Template>;
  sends: Send[];
  journeys: Map<string, Journey>;
  vocabulary: Vocabulary;
  /** Every state name and the values it can take (from the lifecycle, segments and journeys' `set`). */
  states: Map<string, Set<string>>;
}

const pointerOf = (source: Source, path: Array<string | number>): string => path.reduce<string>(pointerTo, source.pointer);

/** Where a field of a model item (or the item itself) stands in its file. */
export function locationOf(source: Source, ...path: Array<string | number>): Location {
  return locate(source.positions, pointerOf(source, path)) ?? fileStart(source.file);
}

/** Where the key of a mapping entry stands (for `events: {lease_end: …}`, the word lease_end). */
export function keyLocationOf(source: Source, ...path: Array<string | number>): Location {
  return locate(source.positions, pointerOf(source, path), 'key') ?? fileStart(source.file);
}

/** A step as messages name it in a list: its id, or its number counted from 1. */
export function stepLabel(step: Pick<Step, 'id' | 'index'>): string {
  return step.id ?? String(step.index + 1);
}

/** `step reply-ack`, or `step 4` for a step without an id. */
export function stepName(step: Pick<Step, 'id' | 'index'>): string {
  return `step ${stepLabel(step)}`;
}
