import { DateTime } from 'luxon';
import type { Zone } from 'luxon';
import type { StateMap } from '../model/vocabulary.js';
import type { Problem } from '../findings/finding.js';
import type { Journey, Plan, Segment, Send } from '../model/types.js';
import { locationOf } from '../model/types.js';
import { isValidTimeZone } from '../time/dates.js';
import { parseDuration } from '../time/durations.js';
import type { Expand } from '../time/recurrence.js';
import { MAX_OCCURRENCES, expansionsUntil, quoted } from '../time/recurrence.js';
import { DAY, describeLocal, wallMillis, zonedDateTime, zonedMillis, zoneNamed } from '../time/zoned.js';
import { CalendarEntry } from './entry.js';
import { computeHorizon } from './horizon.js';
import type { RunContext } from './journey-run.js';
import { DEFAULT_MAX_PATHS, runJourney } from './journey-run.js';
import { StateHistory, statesOnPath } from './states.js';
import type { Horizon, JourneyRun, SendEntry, TimelineEntry } from './types.js';

export interface TimelineSettings {
  timezone: string;
  defaultSendTime: string;
  horizonPadding: string;
  from?: DateTime;
  to?: DateTime;
  maxPaths?: number;
}

const byTime = (a: { millis: number }, b: { millis: number }): number => a.millis - b.millis;

/**
 * Every segment's timeline (SPEC 5). Calendar rows are placed under the segments they address; a segment's timeline
 * is read through its ancestors and overlaps, so a send to a root with 10,000 descendants is never copied. A row's
 * deliveries are made when a timeline first reads them, sorted then.
 */
export class Timelines {
  readonly horizon: Horizon;
  /** The horizon's ends as instants. */
  private readonly horizonMillis: { start: number; end: number };
  /** The calendar rows each segment is addressed by, with their instants: made into deliveries when a timeline is read. */
  private readonly placements = new Map<string, Placement[]>();
  /**
   * The deliveries of the segments whose sends other timelines read too (a parent's reach its children's, an overlap's
   * its partner's), kept once made, so that every timeline shares them. The others' are made for the one timeline that
   * reads them and let go once it is checked: a million deliveries held to the end of a run cost more in garbage
   * collection than making them did.
   */
  private readonly kept = new Map<string, readonly SendEntry[]>();
  /** The segments whose deliveries other segments' timelines read: parents and overlap partners. */
  private readonly readByOthers = new Set<string>();
  /** Absolute journey runs by segment placed (shared between segments with the same start). */
  private readonly placed = new Map<string, JourneyRun[]>();
  /** Journeys of segments with no date for their entry event: one relative run per journey. */
  readonly relativeRuns: JourneyRun[] = [];
  private readonly histories = new Map<string, StateHistory>();
  /** Each segment's nearest ancestor that calendar sends address (filled on demand by addressedAncestor). */
  private readonly addressedAbove = new Map<string, string | undefined>();
  private readonly maxPaths: number;
  /** What placing the plan found: recurring sends cut at MAX_OCCURRENCES. */
  readonly problems: Problem[] = [];

  constructor(
    readonly plan: Plan,
    private readonly settings: TimelineSettings,
  ) {
    this.maxPaths = settings.maxPaths ?? DEFAULT_MAX_PATHS;
    this.horizon = computeHorizon(plan, { segment: (id) => this.zoneOf(id), send: (send) => this.sendZone(send, send.segments[0] ?? '') }, settings.timezone, settings.horizonPadding, settings.from, settings.to);
    this.horizonMillis = { start: this.horizon.start.toMillis(), end: this.horizon.end.toMillis() };
    this.placeCalendar();
    this.placeJourneys();
    for (const segment of plan.segments.values()) {
      if (segment.children.length > 0) this.readByOthers.add(segment.id);
      for (const other of segment.overlaps) this.readByOthers.add(other).add(segment.id);
    }
  }

  /** The config's zone: where what belongs to no segment is read. */
  get timezone(): string {
    return this.settings.timezone;
  }

  /** The zone a segment's local times are read in: its own (or inherited) first zone, else the config's. */
  zoneOf(segment: string): string {
    // An unknown zone is an invalid-input finding already; it must not make every time on the timeline invalid.
    return this.plan.segments.get(segment)?.timezones.find(isValidTimeZone) ?? this.settings.timezone;
  }

  /** The zone a calendar send is placed in for one of its segments (SPEC 3.4): its own, else the segment's. */
  private sendZone(send: Send, segment: string): string {
    return send.timezone !== undefined && isValidTimeZone(send.timezone) ? send.timezone : this.zoneOf(segment);
  }

  /** Whether an instant is within the horizon, ends included: compared as numbers, for every send placed. */
  private inHorizon(millis: number): boolean {
    return millis >= this.horizonMillis.start && millis <= this.horizonMillis.end;
  }

  private placeCalendar(): void {
    const cut = new Set<Send>();
    // Rows repeat the same rule from the same start (every Monday 09:00): each is expanded once. Made at the first
    // repeating row: rrule is a chunk of the command line's bundle, which a plan that repeats nothing never loads.
    let expand: Expand | undefined;
    for (const send of this.plan.sends) {
      const { recurrence } = send;
      for (const segment of send.segments) {
        if (!this.plan.segments.has(segment)) continue;
        const zoneName = this.sendZone(send, segment);
        const zone = zoneNamed(zoneName);
        const first = zonedMillis(send.date, zoneName, this.settings.defaultSendTime);
        let times = [first];
        if (recurrence) {
          expand ??= expansionsUntil(this.horizonMillis.end);
          const expansion = expand(send.repeat!, recurrence, first, zone);
          if (expansion.cut && !cut.has(send)) this.reportCut(send, DateTime.fromMillis(expansion.times.at(-1)!, { zone }), cut);
          times = expansion.times;
        }
        const skipped = send.except && new Set(send.except.map((date) => zonedMillis(date, zoneName, new Date(wallMillis(first, zone)).toISOString().slice(11, 19))));
        const placements = this.placements.get(segment) ?? this.placements.set(segment, []).get(segment)!;
        placements.push({ send, zone, times, skipped });
      }
    }
  }

  /** Whether an occurrence of a placed row is delivered: within the horizon and not skipped by `except`. */
  private delivers(placement: Placement, millis: number): boolean {
    return this.inHorizon(millis) && !placement.skipped?.has(millis);
  }

  /** The deliveries of the rows addressed to a segment, sorted by time (stably: in row order at one instant). */
  private deliveriesTo(segment: string): SendEntry[] {
    const list: SendEntry[] = [];
    for (const placement of this.placements.get(segment) ?? []) {
      const { send, zone, times } = placement;
      // Occurrences keep their number in the repeat when one is skipped, so that the others' names do not move.
      for (let occurrence = 0; occurrence < times.length; occurrence += 1) {
        const millis = times[occurrence]!;
        if (this.delivers(placement, millis)) list.push(new CalendarEntry(millis, zone, segment, send, occurrence));
      }
    }
    return list.sort(byTime);
  }

  /** Whether any row addressed to a segment delivers within the horizon: asked without making its deliveries. */
  private isAddressed(segment: string): boolean {
    return (this.placements.get(segment) ?? []).some((placement) => placement.times.some((millis) => this.delivers(placement, millis)));
  }

  /** A warning, once per row: its occurrences past the cap are on no timeline, so no rule checks them. */
  private reportCut(send: Send, last: DateTime, reported: Set<Send>): void {
    reported.add(send);
    const cap = MAX_OCCURRENCES.toLocaleString('en');
    this.problems.push({
      rule: 'invalid-input',
      severity: 'warning',
      message: `repeat ${quoted(send.repeat!)} has more than ${cap} occurrences up to the end of the horizon: only the first ${cap} (to ${describeLocal(last)}) are checked; give it COUNT or UNTIL, or end the horizon sooner with --to`,
      location: locationOf(send.source, 'repeat'),
      ids: [send.key, 'occurrences'],
    });
  }

  /** Segment ids of a segment's subtree, itself first. */
  subtree(segment: string): string[] {
    const seen = new Set<string>();
    const queue = [segment];
    // A read index instead of shift(): the walk stays linear in the subtree's size.
    for (let index = 0; index < queue.length; index += 1) {
      const id = queue[index]!;
      if (seen.has(id)) continue;
      seen.add(id);
      for (const child of this.plan.segments.get(id)?.children ?? []) queue.push(child);
    }
    return [...seen];
  }

  private placeJourneys(): void {
    const shared = new Map<string, JourneyRun>();
    for (const journey of this.plan.journeys.values()) {
      if (!this.plan.segments.has(journey.entry.segment)) continue;
      let relativeNeeded = false;
      // Runs depend on the segment only through states and waits until events: other segments share them.
      const dependsOnSegment = journey.steps.some((step) => (step.action.kind === 'wait' && step.action.until) || (step.action.kind === 'branch' && step.action.options.some((o) => o.state)));
      for (const id of this.subtree(journey.entry.segment)) {
        const segment = this.plan.segments.get(id)!;
        const start = this.entryStart(journey, segment);
        if (!start) {
          relativeNeeded = true;
          continue;
        }
        // Two segments in different zones never share a run, even when their offsets agree on the start day.
        const key = `${journey.id}\u0000${start.toISO()}\u0000${start.zoneName}\u0000${dependsOnSegment ? id : ''}`;
        const run = shared.get(key) ?? shared.set(key, this.absoluteRun(journey, segment, start)).get(key)!;
        const runs = this.placed.get(id) ?? this.placed.set(id, []).get(id)!;
        runs.push(run);
      }
      if (relativeNeeded) this.relativeRuns.push(this.relativeRun(journey));
    }
  }

  /** When a journey starts for a segment with a date for its entry: the event's (or entry's) date plus the offset. */
  private entryStart(journey: Journey, segment: Segment): DateTime | undefined {
    const zone = this.zoneOf(segment.id);
    const offset = parseDuration(journey.entry.offset) ?? {};
    if (journey.entry.date) return zonedDateTime(journey.entry.date, zone, this.settings.defaultSendTime).plus(offset);
    const event = journey.entry.event ? segment.events.get(journey.entry.event) : undefined;
    return event ? zonedDateTime(event.date, zone, this.settings.defaultSendTime).plus(offset) : undefined;
  }

  private absoluteRun(journey: Journey, segment: Segment, start: DateTime): JourneyRun {
    const history = this.states(segment.id);
    const run = runJourney(journey, start, false, this.runContext(segment.id, {
      end: this.horizon.end,
      eventTime: (event) => {
        const dated = segment.events.get(event);
        return dated ? zonedDateTime(dated.date, this.zoneOf(segment.id), this.settings.defaultSendTime) : undefined;
      },
      baseStates: (millis) => history.at(millis),
    }));
    run.sends = run.sends.filter((send) => this.inHorizon(send.millis)).sort(byTime);
    return run;
  }

  /** A journey on its own timeline: T is the entry event, whose state changes apply; no calendar send is merged in. */
  private relativeRun(journey: Journey): JourneyRun {
    const segment = journey.entry.segment;
    const zone = this.zoneOf(segment);
    const offset = parseDuration(journey.entry.offset) ?? parseDuration('P0D')!;
    const eventTime = this.horizon.start.setZone(zone).startOf('day').plus({ hours: Number(this.settings.defaultSendTime.slice(0, 2)), minutes: Number(this.settings.defaultSendTime.slice(3)) });
    const start = eventTime.plus(offset);
    const span = this.horizon.end.diff(this.horizon.start);
    const run = runJourney(journey, start, true, this.runContext(segment, {
      end: start.plus(span.toMillis() > 365 * DAY ? span : { days: 365 }),
      eventTime: (event) => (event === journey.entry.event ? eventTime : undefined),
      baseStates: (millis) => this.relativeStates(segment, journey, eventTime.toMillis(), millis),
    }));
    run.trigger = eventTime;
    run.sends.sort(byTime);
    return run;
  }

  private runContext(segment: string, parts: Pick<RunContext, 'end' | 'eventTime' | 'baseStates'>): RunContext {
    return { segment, templates: this.plan.templates, vocabulary: this.plan.vocabulary, maxPaths: this.maxPaths, ...parts };
  }

  /**
   * The calendar sends addressed to a segment itself, sorted by time. A segment no other timeline reads gets new
   * deliveries at each call (its own timeline reads them once); the others' are made once and shared.
   */
  addressedTo(segment: string): readonly SendEntry[] {
    const kept = this.kept.get(segment);
    if (kept) return kept;
    const deliveries = this.deliveriesTo(segment);
    if (this.readByOthers.has(segment)) this.kept.set(segment, deliveries);
    return deliveries;
  }

  /**
   * The nearest ancestor of a segment that calendar sends address. Remembered for every segment on the way up, so that
   * asking for every segment of a deep chain costs one step per segment. Parent chains have no cycle (the model cuts
   * them).
   */
  private addressedAncestor(segment: string): string | undefined {
    const below: string[] = [];
    for (let id: string | undefined = segment; id !== undefined && this.plan.segments.has(id) && !this.addressedAbove.has(id); id = this.plan.segments.get(id)!.parent) below.push(id);
    for (const id of below.reverse()) {
      const parent = this.plan.segments.get(id)!.parent;
      const known = parent !== undefined && this.plan.segments.has(parent);
      this.addressedAbove.set(id, !known ? undefined : this.isAddressed(parent) ? parent : this.addressedAbove.get(parent));
    }
    return this.addressedAbove.get(segment);
  }

  /** The journeys a segment enters on their relative run: entered at it or above it, with no date for the entry event. */
  relativeRunsEntering(segment: Segment): JourneyRun[] {
    return this.relativeRuns.filter((run) => {
      const { entry } = run.journey;
      return entry.date === undefined && this.plan.tree.contains(entry.segment, segment.id) && !(entry.event !== undefined && segment.events.has(entry.event));
    });
  }

  /** Absolute journey runs placed for a segment. */
  runsFor(segment: string): readonly JourneyRun[] {
    return this.placed.get(segment) ?? [];
  }

  /** The states of a segment over time, from its initial states and dated events (journeys' changes are per path). */
  states(segment: string): StateHistory {
    let history = this.histories.get(segment);
    if (!history) {
      const found = this.plan.segments.get(segment);
      history = found ? StateHistory.of(found, this.plan.vocabulary, this.zoneOf(segment)) : StateHistory.empty();
      this.histories.set(segment, history);
    }
    return history;
  }

  /**
   * Segments grouped by identical timelines: a segment that adds nothing to its parent (no sends or journey runs of its
   * own, no overlaps, the same zones, locales, consent, states and events) shares its parent's group. Rules check one
   * segment per group and report every segment of it, so 10,000 look-alike children cost one check.
   */
  segmentGroups(): Array<{ representative: string; segments: string[] }> {
    const groupOf = new Map<string, { representative: string; segments: string[] }>();
    const groups: Array<{ representative: string; segments: string[] }> = [];
    // Parents before children: the tree's depth-first order.
    for (const id of this.plan.tree.order) {
      const segment = this.plan.segments.get(id)!;
      const parent = segment.parent !== undefined ? this.plan.segments.get(segment.parent) : undefined;
      const parentGroup = parent ? groupOf.get(parent.id) : undefined;
      if (parent && parentGroup && this.addsNothing(segment, parent)) {
        parentGroup.segments.push(id);
        groupOf.set(id, parentGroup);
      } else {
        const group = { representative: id, segments: [id] };
        groups.push(group);
        groupOf.set(id, group);
      }
    }
    for (const group of groups) group.segments.sort();
    return groups;
  }

  private addsNothing(segment: Segment, parent: Segment): boolean {
    const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
    const runs = this.runsFor(segment.id);
    const parentRuns = this.runsFor(parent.id);
    return (
      !this.isAddressed(segment.id) &&
      segment.overlaps.length === 0 &&
      runs.length === parentRuns.length &&
      runs.every((run, index) => run === parentRuns[index]) &&
      same(segment.timezones, parent.timezones) &&
      same(segment.locales, parent.locales) &&
      same(segment.consent, parent.consent) &&
      segment.suppressed === parent.suppressed &&
      // Its states and events are its parent's unless it changes some (comparing the maps would copy a deep chain's).
      Object.keys(segment.ownStates).length === 0 &&
      segment.ownEvents.size === 0
    );
  }

  /** On a relative run (T = the entry event): a segment's initial states, then the entry event's changes from T on. */
  private relativeStates(segment: string, journey: Journey, trigger: number, millis: number): StateMap {
    const initial = this.states(segment).at(-Infinity);
    const sets = journey.entry.event !== undefined && millis >= trigger ? this.plan.vocabulary.lifecycle.get(journey.entry.event)?.sets : undefined;
    return sets ? { ...initial, ...sets } : initial;
  }

  /**
   * A segment's states at an instant before any journey changes them: from its initial states and dated events, or,
   * for a send of a relative journey run, from its initial states and the run's entry event.
   */
  baseStatesAt(segment: string, millis: number, run?: JourneyRun): StateMap {
    return run?.relative && run.trigger ? this.relativeStates(segment, run.journey, run.trigger.toMillis(), millis) : this.states(segment).at(millis);
  }

  /**
   * What were the states of a segment at an instant — on one path of a journey run when given (its `set` steps and
   * assumed events count on that path only).
   */
  statesAt(segment: string, millis: number, onPath?: { run: JourneyRun; path: number }): StateMap {
    const base = (at: number): StateMap => this.baseStatesAt(segment, at, onPath?.run);
    return onPath ? statesOnPath(base, onPath.run, onPath.path, millis) : base(millis);
  }

  /**
   * Everything that reaches a segment, in time order: sends to it and to its ancestors, sends to segments declared to
   * overlap it (marked), and the journeys placed for it. Built on demand by merging lists that are already sorted.
   */
  timeline(segment: string): TimelineEntry[] {
    const found = this.plan.segments.get(segment);
    if (!found) return [];
    const entries: TimelineEntry[] = [];
    // A calendar row addressed to a segment and to its ancestor (or an overlap) is one delivery to the customer:
    // it is kept once, through the closest way it reaches the segment (added first below).
    const delivered = new Map<Send, Set<number>>();
    let lists = 0;
    const add = (sends: readonly SendEntry[], via: TimelineEntry['via']): void => {
      if (sends.length > 0) lists += 1;
      for (const send of sends) {
        // Only a row addressed to several segments has several deliveries that can meet here.
        if (send.origin.kind === 'calendar' && send.origin.send.segments.length > 1) {
          const occurrences = delivered.get(send.origin.send) ?? delivered.set(send.origin.send, new Set()).get(send.origin.send)!;
          if (occurrences.has(send.origin.occurrence)) continue;
          occurrences.add(send.origin.occurrence);
        }
        entries.push({ send, via });
      }
    };
    add(this.addressedTo(segment), 'segment');
    const seen = new Set([segment]);
    // Only the ancestors that sends address: below a chain 10,000 deep with one send at its root, that is one step.
    for (let above = this.addressedAncestor(segment); above !== undefined; above = this.addressedAncestor(above)) {
      seen.add(above);
      add(this.addressedTo(above), 'ancestor');
    }
    for (const other of found.overlaps) if (!seen.has(other)) add(this.addressedTo(other), 'overlap');
    for (const run of this.runsFor(segment)) add(run.sends, 'segment');
    // Each list is sorted, so this sort only merges runs; it is stable, so ties keep the order above. Most segments
    // get sends from one list only (their own), already in order.
    return lists > 1 ? entries.sort(byTime_) : entries;
  }

  /** Each pair of segments declared to overlap (SPEC 4.1), once, in id order. */
  overlapPairs(): Array<[string, string]> {
    const pairs: Array<[string, string]> = [];
    for (const segment of this.plan.segments.values()) {
      for (const other of segment.overlaps) if (segment.id < other && this.plan.segments.has(other)) pairs.push([segment.id, other]);
    }
    return pairs.sort(([a, b], [c, d]) => (a < c ? -1 : a > c ? 1 : b < d ? -1 : b > d ? 1 : 0));
  }

  /**
   * What the customers in both of two overlapping segments get (SPEC 4.1): everything that reaches either segment
   * other than through an overlap, each delivery once, in time order; `sides` tells for each send whether it reaches
   * the first segment (1), the second (2) or both (3), so that a rule can tell the problems only the overlap makes.
   */
  inBoth(a: string, b: string): { entries: TimelineEntry[]; sides: Map<SendEntry, number> } {
    const sides = new Map<SendEntry, number>();
    const entries: TimelineEntry[] = [];
    // A calendar row addressed to both (or to an ancestor of both) is one delivery, kept as the first side has it.
    const byDelivery = new Map<Send, Map<number, SendEntry>>();
    for (const [side, segment] of [[1, a], [2, b]] as const) {
      for (const entry of this.timeline(segment)) {
        if (entry.via === 'overlap') continue;
        const { send } = entry;
        let kept = send;
        if (send.origin.kind === 'calendar') {
          const occurrences = byDelivery.get(send.origin.send) ?? byDelivery.set(send.origin.send, new Map()).get(send.origin.send)!;
          kept = occurrences.get(send.origin.occurrence) ?? occurrences.set(send.origin.occurrence, send).get(send.origin.occurrence)!;
        }
        const known = sides.get(kept);
        if (known === undefined) entries.push({ send: kept, via: entry.via });
        sides.set(kept, (known ?? 0) | side);
      }
    }
    return { entries: entries.sort(byTime_), sides };
  }
}

/** A calendar row's occurrences for one segment it addresses, placed in that segment's zone. */
interface Placement {
  send: Send;
  zone: Zone;
  /** Its instants in order: its recurrence's, shared by every row with the same rule, start and zone. */
  times: readonly number[];
  /** The instants `except` leaves out. */
  skipped: Set<number> | undefined;
}

const byTime_ = (a: TimelineEntry, b: TimelineEntry): number => a.send.millis - b.send.millis;

/** The timeline stage: every segment's sends and states over the horizon. */
export function buildTimelines(plan: Plan, settings: TimelineSettings): Timelines {
  return new Timelines(plan, settings);
}
