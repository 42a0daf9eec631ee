import type { Duration } from 'luxon';
import type { RelatedLocation } from '../findings/finding.js';
import type { Plan } from '../model/types.js';
import type { JourneyRun, SendEntry, TimelineEntry } from '../timeline/types.js';
import { parseDuration } from '../time/durations.js';
import type { CheckedTimeline, Found, Rule } from './rule.js';
import { describeSend, inOrder, isMarketing, placeKey, relatedTo, toSide, whoText } from './kit/sends.js';
import { durationSchema, isWithin } from './kit/windows.js';
import { PlaceFound, reportAtPlace } from './kit/by-place.js';
import { flat } from '../shared/flat.js';

export interface Limit {
  /** Count this channel only; absent: every channel. */
  channel?: string;
  max: number;
  per: string;
}

export interface FrequencyCapOptions {
  limits: Limit[];
  /** Count messages of intents with `marketing: false` too. */
  includeNonMarketing: boolean;
}

/** At most this many earlier sends are listed as related locations of one finding (the latest ones). */
const MAX_RELATED = 10;

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** A journey run's sends in the window, counted per path: the run counts as its busiest path (SPEC 4.5). */
class RunCount {
  readonly counts: Int32Array;
  max = 0;

  constructor(run: JourneyRun) {
    const last = run.sends.reduce((most, send) => (send.origin.kind === 'journey' ? Math.max(most, send.origin.paths.last) : most), 0);
    this.counts = new Int32Array(Math.max(run.paths, last + 1, 1));
  }

  add(first: number, last: number, delta: 1 | -1): void {
    let recompute = false;
    for (let path = first; path <= last; path += 1) {
      if (delta < 0 && this.counts[path] === this.max) recompute = true;
      const count = this.counts[path]! + delta;
      this.counts[path] = count;
      if (count > this.max) this.max = count;
    }
    if (recompute) this.max = this.busiest(0, this.counts.length - 1).count;
  }

  /** The busiest path within a range, and its count (the first one on a tie). */
  busiest(first: number, last: number): { path: number; count: number } {
    let best = { path: first, count: -1 };
    for (let path = first; path <= last; path += 1) if (this.counts[path]! > best.count) best = { path, count: this.counts[path]! };
    return { path: best.path, count: Math.max(best.count, 0) };
  }
}

/** Earlier before later, as SPEC 6 orders them: by time, then the one read first. */
function byDelivery(a: TimelineEntry, b: TimelineEntry): number {
  if (a.send.millis !== b.send.millis) return a.send.millis - b.send.millis;
  if (a === b) return 0;
  return inOrder(a.send, b.send)[0] === a.send ? -1 : 1;
}

/**
 * frequency-cap: more (marketing) messages to a segment than a limit allows in a rolling window. For every send, the
 * window is the `per` before it (a send exactly `per` earlier is outside); the calendar sends in it count one each, and
 * each journey run counts its busiest path (for the send's own run, the busiest path through that send). Every send
 * that goes over a limit is its own finding: each is one message too many, to move or drop.
 */
export const frequencyCap: Rule<FrequencyCapOptions> = {
  id: 'frequency-cap',
  category: 'repeated',
  defaultSeverity: 'error',
  description: 'More marketing messages to a segment than the limits allow in a rolling window.',
  optionsSchema: {
    type: 'object',
    properties: {
      limits: {
        type: 'array',
        description: 'Each limit: at most `max` messages (on `channel`, else on every channel) in any rolling window of `per`.',
        items: {
          type: 'object',
          properties: {
            channel: { type: 'string', minLength: 1, description: 'Count sends on this channel only.' },
            max: { type: 'integer', minimum: 0, description: 'Most messages allowed in the window.' },
            per: durationSchema('The rolling window (P7D, P1D, PT12H).'),
          },
          required: ['max', 'per'],
          additionalProperties: false,
        },
      },
      includeNonMarketing: { type: 'boolean', description: 'Count intents with `marketing: false` too (default false).' },
    },
    additionalProperties: false,
  },
  defaultOptions: {
    limits: [
      { max: 3, per: 'P7D' },
      { channel: 'sms', max: 1, per: 'P1D' },
    ],
    includeNonMarketing: false,
  },
  fixable: false,
  create({ plan }) {
    return {
      readsOverlaps: true,
      onTimeline: (timeline) => {
        const sweeps = sweepsOf(timeline);
        if (sweeps.length === 0) return;
        // The marketing sends, picked once for every limit that counts only them.
        let marketing: TimelineEntry[] | undefined;
        const countable = (includeNonMarketing: boolean): readonly TimelineEntry[] => (includeNonMarketing ? timeline.entries : (marketing ??= timeline.entries.filter(({ send }) => isMarketing(plan, send))));
        for (const limitSweep of sweeps) checkSweep(timeline, limitSweep, countable(limitSweep.includeNonMarketing), plan);
      },
    };
  },
};

/** One limit to sweep a timeline with, and the campaigns whose options have it: a send is judged by its campaign's limits. */
interface Sweep {
  key: string;
  limit: Limit;
  includeNonMarketing: boolean;
  campaigns: Set<string | undefined>;
}

/** Each distinct limit (with includeNonMarketing) of the timeline's options, for any of its campaigns, once. */
function sweepsOf(timeline: CheckedTimeline<FrequencyCapOptions>): Sweep[] {
  // The campaigns by their options, in order of appearance: without overrides, one options object serves them all.
  const byOptions = new Map<FrequencyCapOptions, Set<string | undefined>>();
  // Looked up only when a send's options are not the previous send's: most timelines have one options object.
  let previous: { options: FrequencyCapOptions; campaigns: Set<string | undefined> } | undefined;
  for (const { send } of timeline.entries) {
    const options = timeline.options(send.campaign);
    if (previous?.options !== options) previous = { options, campaigns: byOptions.get(options) ?? byOptions.set(options, new Set()).get(options)! };
    previous.campaigns.add(send.campaign);
  }
  const sweeps = new Map<string, Sweep>();
  for (const [{ limits, includeNonMarketing }, campaigns] of byOptions) {
    for (const limit of limits) {
      const key = JSON.stringify([limit.channel ?? null, limit.max, limit.per, includeNonMarketing]);
      const known = sweeps.get(key);
      if (known) for (const campaign of campaigns) known.campaigns.add(campaign);
      else sweeps.set(key, { key, limit, includeNonMarketing, campaigns: new Set(campaigns) });
    }
  }
  return [...sweeps.values()];
}

/** Reports every send of the sweep's campaigns that goes over its limit, counting `countable` (its marketing sends, or all). */
function checkSweep(
  timeline: CheckedTimeline<FrequencyCapOptions>,
  { key, limit, includeNonMarketing, campaigns }: Sweep,
  countable: readonly TimelineEntry[],
  plan: Plan,
): void {
  const per = parseDuration(limit.per);
  if (!per) return;
  const counted = limit.channel === undefined ? [...countable] : countable.filter(({ send }) => send.channel === limit.channel);
  counted.sort(byDelivery);
  const words = new LimitWords(key, timeline, limit, per, includeNonMarketing);
  const judged = (entry: TimelineEntry): boolean => campaigns.has(entry.send.campaign);
  // For the customers in both of two overlapping segments, the sends to both count; a send already over the limit on
  // a segment it reaches is that segment's finding, so only the sends the overlap puts over it are reported here.
  const overOnASide = new Set<TimelineEntry>();
  const { inBoth } = timeline;
  if (inBoth) {
    for (const side of [1, 2]) sweep(counted.filter(({ send }) => inBoth.side(send) & side), limit, per, judged, ({ entry }) => overOnASide.add(entry));
  }
  const sameWindow = new SameWindowPlaces(counted, limit.per, plan.templates);
  sweep(counted, limit, per, (entry) => judged(entry) && !overOnASide.has(entry), ({ entry, count, earlier }) => {
    const more = count - 1 - earlier.length;
    const related = earlier.map((position, index) => {
      const place = sameWindow.at(position);
      return index === 0 && more > 0 ? { ...place, message: flat(`(and ${more} earlier) ${place.message}`) } : place;
    });
    reportOver(plan, timeline, entry.send, words, count, related);
  });
}

/** How many sends a sweep's SameWindowPlaces keeps worded: the findings that list one send stand next to each other. */
const WORDED_SENDS = 4 * MAX_RELATED;

/**
 * `in the same P7D: <send>`, the related place of a send in the window of a later one. One send is listed by up to
 * MAX_RELATED findings, the next ones of the sweep: each is worded once, frozen (findings never change) and shared by
 * them. The latest worded sends are kept in a ring by their position in the sweep, with no lookup by send (a WeakMap by
 * send was ~0.1 s of 150,000 findings); one that has left the ring is worded again, the same text in another object.
 */
class SameWindowPlaces {
  /** Made at the first send worded: most sweeps find no send over the cap. */
  private positions?: Int32Array;
  private readonly places: RelatedLocation[] = [];

  constructor(
    private readonly entries: TimelineEntry[],
    private readonly per: string,
    private readonly templates: Plan['templates'],
  ) {}

  at(position: number): RelatedLocation {
    const slot = position % WORDED_SENDS;
    const positions = (this.positions ??= new Int32Array(WORDED_SENDS).fill(-1));
    if (positions[slot] !== position) {
      const { send } = this.entries[position]!;
      this.places[slot] = Object.freeze(relatedTo(send, flat(`in the same ${this.per}: ${describeSend(send, this.templates)}`)));
      positions[slot] = position;
    }
    return this.places[slot]!;
  }
}

/** How a sweep's findings word its limit, once per sweep: `the 4th marketing message to segment a within 7 days (limit 3 per P7D)`. */
class LimitWords {
  /** The limit, as the first limit of a finding puts it in the fingerprint. */
  readonly limitId: string;
  private readonly what: string;
  private readonly both: string;
  /** Worded only when a send goes over: luxon's first toHuman loads its Intl data (~12 ms), which a clean run need not pay. */
  private human?: string;

  constructor(
    /** The sweep's limit, with includeNonMarketing: the same limit on another timeline has the same key. */
    readonly key: string,
    private readonly timeline: CheckedTimeline<FrequencyCapOptions>,
    private readonly limit: Limit,
    private readonly per: Duration,
    includeNonMarketing: boolean,
  ) {
    this.limitId = `${limit.channel ?? '*'}:${limit.max}/${limit.per}`;
    this.what = `${limit.channel ? `${limit.channel} ` : ''}${includeNonMarketing ? 'message' : 'marketing message'}`;
    this.both = timeline.inBoth ? ', counting the sends to both' : '';
  }

  text(count: number, segments: readonly string[]): string {
    const { limit } = this;
    const within = (this.human ??= this.per.toHuman());
    return `the ${ordinal(count)} ${this.what} to ${whoText(this.timeline, segments)} within ${within}${this.both} (limit ${limit.max}${limit.channel ? ` ${limit.channel}` : ''} per ${limit.per})`;
  }
}

/**
 * One finding per delivery over a cap (SPEC 5, and issue 14's "one finding per delivery"): every limit it goes over,
 * with every count the segments it reaches give it, is worded in that one finding, which lists every segment.
 */
function reportOver(plan: Plan, timeline: CheckedTimeline<FrequencyCapOptions>, send: SendEntry, words: LimitWords, count: number, related: RelatedLocation[]): void {
  const report = new DeliveryOver(plan, timeline, send, words, count, related);
  const { found, isNew } = reportAtPlace(timeline, report);
  // The first limit's sends are the finding's; a later limit adds the ones it does not list.
  if (!isNew || found === report) return;
  // By what a place says, not by object: each timeline words its own (a delivery over the cap in two segments).
  const shown = new Set(found.related.map(placeKey));
  for (const place of related) {
    if (found.related.length >= MAX_RELATED * 2) break;
    if (!shown.has(placeKey(place))) found.related.push(place);
    shown.add(placeKey(place));
  }
}

/** A delivery over one limit with one count, as one report of it: the one the engine keeps gathers the other limits. */
class DeliveryOver extends PlaceFound<DeliveryOver> {
  constructor(
    private readonly plan: Plan,
    private readonly timeline: CheckedTimeline<FrequencyCapOptions>,
    readonly send: SendEntry,
    private readonly words: LimitWords,
    private readonly count: number,
    /** The latest sends in the window: made for this report, so the Found takes the list as it is. */
    readonly related: RelatedLocation[],
  ) {
    super(timeline.segments);
  }

  /** The delivery's id: `sameProblem` tells its deliveries at other times apart (a journey step's id is one for every run). */
  get key(): string {
    return this.send.deliveryId;
  }

  /** The same delivery at the same time, worded for the same customers: those in both of two overlapping segments apart (`to b`, `counting the sends to both`). */
  sameProblem(other: Found): boolean {
    if (!(other instanceof DeliveryOver) || other.send.millis !== this.send.millis) return false;
    const [mine, theirs] = [this.timeline.inBoth?.segments, other.timeline.inBoth?.segments];
    return mine?.[0] === theirs?.[0] && mine?.[1] === theirs?.[1];
  }

  /** The first limit's id keeps a finding's fingerprint as it was when each limit was a finding of its own. */
  get ids(): string[] {
    return [this.words.limitId, this.send.template, this.send.deliveryId];
  }

  message(): string {
    const limits = this.gathered().map(({ item, segments }) => item.words.text(item.count, segments));
    return `${describeSend(this.send, this.plan.templates)}${toSide(this.timeline, this.send)} is ${limits.join(', and ')}`;
  }

  protected sameItem(other: DeliveryOver): boolean {
    return other.words.key === this.words.key && other.count === this.count;
  }
}

interface Over {
  entry: TimelineEntry;
  /** How many counted messages the window holds, this one included. */
  count: number;
  /**
   * The latest earlier counted sends in the window (at most MAX_RELATED), by their position in the swept list: calendar
   * sends, and each journey run's busiest path.
   */
  earlier: number[];
}

/** A rolling window over sends in delivery order, with two pointers: each send enters once and leaves once. */
function sweep(entries: TimelineEntry[], limit: Limit, per: Duration, judged: (entry: TimelineEntry) => boolean, report: (over: Over) => void): void {
  let start = 0;
  let single = 0;
  let runsTotal = 0;
  const runs = new Map<JourneyRun, RunCount>();
  const runOf = (run: JourneyRun): RunCount => runs.get(run) ?? runs.set(run, new RunCount(run)).get(run)!;
  const move = (entry: TimelineEntry, delta: 1 | -1): void => {
    const origin = entry.send.origin;
    if (origin.kind === 'calendar') {
      single += delta;
      return;
    }
    const count = runOf(origin.run);
    runsTotal -= count.max;
    count.add(origin.paths.first, origin.paths.last, delta);
    runsTotal += count.max;
  };

  for (let index = 0; index < entries.length; index += 1) {
    const entry = entries[index]!;
    while (start < index && !isWithin(entries[start]!.send, entry.send, per)) move(entries[start++]!, -1);
    move(entry, 1);
    const origin = entry.send.origin;
    let total = single + runsTotal;
    let ownPath: number | undefined;
    if (origin.kind === 'journey') {
      const own = runOf(origin.run);
      const through = own.busiest(origin.paths.first, origin.paths.last);
      total += through.count - own.max;
      ownPath = through.path;
    }
    if (total <= limit.max || !judged(entry)) continue;

    // The sends that make the count: calendar sends, and for each run the sends on its busiest path (each run's path
    // is found once, in a Map made only when the window holds a journey send: most windows of a calendar hold none).
    let pathOf: Map<JourneyRun, number> | undefined;
    const pathFor = (run: JourneyRun): number => {
      pathOf ??= new Map(origin.kind === 'journey' ? [[origin.run, ownPath!]] : []);
      return pathOf.get(run) ?? pathOf.set(run, runOf(run).busiest(0, runOf(run).counts.length - 1).path).get(run)!;
    };
    // The latest MAX_RELATED of them, walking back from this send: never the whole window (it may hold thousands).
    const earlier: number[] = [];
    for (let other = index - 1; other >= start && earlier.length < MAX_RELATED; other -= 1) {
      const from = entries[other]!.send.origin;
      if (from.kind === 'calendar') earlier.push(other);
      else {
        const path = pathFor(from.run);
        if (from.paths.first <= path && path <= from.paths.last) earlier.push(other);
      }
    }
    earlier.reverse();
    report({ entry, count: total, earlier });
  }
}
