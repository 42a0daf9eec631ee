import { Duration } from 'luxon';
import type { Location, Problem, RelatedLocation } from '../findings/finding.js';
import type { Template } from '../model/types.js';
import { locationOf } from '../model/types.js';
import { describeLocal } from '../time/zoned.js';
import { describeDuration } from '../time/durations.js';
import type { Timelines } from '../timeline/build.js';
import type { JourneyRun, SendEntry, TimelineEntry } from '../timeline/types.js';
import type { RuleContext } from './rule.js';

/** Where a send stands: its calendar row, or its journey step. */
export function sendLocation(send: SendEntry): Location {
  const source = send.origin.kind === 'calendar' ? send.origin.send.source : send.origin.step.source;
  let location = located.get(source);
  if (!location) located.set(source, (location = locationOf(source)));
  return { ...location };
}

/** A row or step named in many findings (each occurrence of a recurring send) is located once. */
const located = new WeakMap<object, Location>();

/** The name of the row or step a send comes from, which stays when lines move (model/keys.ts): for fingerprints and keys. */
export function sendKey(send: SendEntry): string {
  return send.origin.kind === 'calendar' ? send.origin.send.key : send.origin.step.key;
}

export function relatedTo(send: SendEntry, message: string): RelatedLocation {
  const { file, line, column } = sendLocation(send);
  return { file, line, column, message };
}

/** Whether one customer can get both sends: two sends of one journey run on no common path never meet (SPEC 4.5). */
export function canMeet(a: SendEntry, b: SendEntry): boolean {
  if (a.origin.kind !== 'journey' || b.origin.kind !== 'journey' || a.origin.run !== b.origin.run) return true;
  return a.origin.paths.first <= b.origin.paths.last && b.origin.paths.first <= a.origin.paths.last;
}

/** Source order of two sends, for "at equal times, the one read later is the primary location". */
function sourceOrder(a: SendEntry, b: SendEntry): number {
  const x = sendLocation(a);
  const y = sendLocation(b);
  return x.file < y.file ? -1 : x.file > y.file ? 1 : x.line - y.line || x.column - y.column;
}

/** The pair in the order SPEC 6 locates it: [earlier, later]; the later one is the finding's primary location. */
export function inOrder(a: SendEntry, b: SendEntry): [SendEntry, SendEntry] {
  return a.millis < b.millis || (a.millis === b.millis && sourceOrder(a, b) <= 0) ? [a, b] : [b, a];
}

/** ` (reaches it through the overlap with vip)` when an entry reaches a segment only through a declared overlap. */
export function throughOverlap(...entries: TimelineEntry[]): string {
  const overlaps = entries.filter((entry) => entry.via === 'overlap').map((entry) => entry.send.segment);
  return overlaps.length ? ` (through the overlap with ${[...new Set(overlaps)].join(', ')})` : '';
}

/**
 * One finding per problem, not per segment (SPEC 5): problems with the same key found in several segments'
 * timelines are reported once, listing every segment. The message is built once all segments are known.
 */
export class ProblemsBySegment {
  /** Segment lists are kept as given (often one group's list, shared by many problems) and merged once, at the end. */
  private readonly pending = new Map<string, { segments: Array<readonly string[]>; build: (segments: string[]) => Omit<Problem, 'rule'> }>();

  add(key: string, segments: readonly string[], build: (segments: string[]) => Omit<Problem, 'rule'>): void {
    const entry = this.pending.get(key) ?? this.pending.set(key, { segments: [], build }).get(key)!;
    entry.segments.push(segments);
  }

  reportTo(context: Pick<RuleContext, 'report'>): void {
    // Each entry is let go once reported, so that what its build holds can be collected while the next ones are built.
    for (const [key, { segments, build }] of this.pending) {
      this.pending.delete(key);
      const sorted = mergeSegments(segments);
      context.report({ segments: sorted, ...build(sorted) });
    }
  }
}

/** The segments of several lists, each once, sorted. Most problems have one list, already sorted: it is only copied. */
function mergeSegments(lists: Array<readonly string[]>): string[] {
  const [only] = lists;
  if (lists.length === 1 && only!.every((segment, index) => index === 0 || only![index - 1]! < segment)) return [...only!];
  return [...new Set(lists.flat())].sort();
}

/** `segment lessees-2026-06`, or `segments a, b and 3 more` for a long list. */
export function segmentsText(segments: string[]): string {
  if (segments.length === 1) return `segment ${segments[0]}`;
  const shown = segments.slice(0, 3).join(', ');
  return `segments ${shown}${segments.length > 3 ? ` and ${segments.length - 3} more` : ''}`;
}

/** When a send happens as a marketer reads it: `2026-07-05 09:00 CDT`, or on a relative journey timeline `signup+3d` (from the entry event). */
export function describeWhen(send: SendEntry): string {
  let text = described.get(send);
  if (text !== undefined) return text;
  const origin = send.origin;
  if (origin.kind !== 'journey' || !origin.run.relative) text = describeLocal(send.time);
  else {
    // On a relative timeline, the time from the entry event, named: `signup`, `signup+1d`, `lease_end-180d`.
    const fromEvent = send.time.diff(origin.run.trigger ?? origin.run.start, ['days', 'hours', 'minutes']);
    const shift = fromEvent.toMillis() === 0 ? '' : `${fromEvent.toMillis() < 0 ? '' : '+'}${describeDuration(fromEvent)}`;
    text = `${origin.run.journey.entry.event ?? 'T'}${shift}`;
  }
  described.set(send, text);
  return text;
}

/** Formatting a zoned time costs ~0.1 ms (Intl): a send named in many findings is formatted once. */
const described = new WeakMap<SendEntry, string>();

/**
 * Whether `later` comes less than `duration` after `earlier` (exactly `duration` apart is not within), calendar-correct.
 * Far from the edge of the window no zoned arithmetic is needed: clocks never move by more than a few hours.
 */
export function isWithin(earlier: SendEntry, later: SendEntry, duration: Duration): boolean {
  const { hasMonths, nominal } = shapeOf(duration);
  if (!hasMonths) {
    const gap = later.millis - earlier.millis;
    if (gap < nominal - CLOCK_SLACK) return true;
    if (gap >= nominal + CLOCK_SLACK) return false;
    // Near the edge: with the clocks at the same offset at both sends of a short window, no change lies between them.
    const [a, b] = [earlier.time, later.time];
    if (nominal <= 14 * 86_400_000 && a.offset === b.offset && a.zoneName === b.zoneName) return gap < nominal;
  }
  return later.millis < shiftMillis(earlier, duration);
}

/** More than any time zone's clocks ever moved in one change. */
const CLOCK_SLACK = 3 * 3_600_000;

/**
 * The instant a duration after (or, with sign -1, before) a send: calendar-correct (`P1D` after 09:00 is 09:00 the
 * next day across DST), without luxon's cost where plain arithmetic is exact (hours and minutes; days in a fixed zone).
 */
export function shiftMillis(send: SendEntry, duration: Duration, sign: 1 | -1 = 1): number {
  const { hasMonths, hasDays, nominal } = shapeOf(duration);
  const calendar = hasMonths || (hasDays && !send.time.zone.isUniversal);
  if (calendar) return (sign > 0 ? send.time.plus(duration) : send.time.minus(duration)).toMillis();
  return send.millis + sign * nominal;
}

/** What isWithin and shiftMillis need to know of a duration: which calendar units it has, and its length in ms. */
interface DurationShape {
  /** Years, quarters or months: their length depends on the date. */
  hasMonths: boolean;
  /** Weeks or days: 24 hours each, except across a clock change. */
  hasDays: boolean;
  /** `duration.as('milliseconds')`. */
  nominal: number;
}

/**
 * Durations are immutable and the sweeps ask about the same few (a rule's window) millions of times; luxon's `toObject`
 * and `as` (which goes through `shiftTo`) cost microseconds each, so each duration is read once.
 */
const shapes = new WeakMap<Duration, DurationShape>();

function shapeOf(duration: Duration): DurationShape {
  let shape = shapes.get(duration);
  if (!shape) {
    const { years = 0, quarters = 0, months = 0, weeks = 0, days = 0 } = duration.toObject();
    shape = { hasMonths: years !== 0 || quarters !== 0 || months !== 0, hasDays: weeks !== 0 || days !== 0, nominal: duration.as('milliseconds') };
    shapes.set(duration, shape);
  }
  return shape;
}

/** The segments a relative journey run stands for: those of its entry segment's subtree with no date for its entry event. */
export function relativeSegments(timelines: Timelines, run: JourneyRun): string[] {
  const { entry } = run.journey;
  if (entry.date) return [];
  return timelines
    .subtree(entry.segment)
    .filter((id) => !(entry.event && timelines.plan.segments.get(id)?.events.has(entry.event)))
    .sort();
}

/**
 * Segments split by the options the rule has for them (an override may name one segment of a group, or a campaign):
 * each part is checked once, with `options(campaign)` the options of its first segment for that campaign.
 */
export function byOptions<Options>(
  context: Pick<RuleContext<Options>, 'options' | 'overridden'>,
  segments: readonly string[],
  campaigns: Iterable<string | undefined>,
): Array<{ segments: string[]; options: (campaign?: string) => Options }> {
  if (!context.overridden) {
    const options = context.options();
    return segments.length ? [{ segments: [...segments], options: () => options }] : [];
  }
  const campaignList = [undefined, ...new Set(campaigns)];
  const parts = new Map<string, { segments: string[]; options: (campaign?: string) => Options }>();
  for (const segment of segments) {
    const signature = JSON.stringify(campaignList.map((campaign) => context.options(segment, campaign)));
    const part = parts.get(signature);
    if (part) {
      part.segments.push(segment);
      continue;
    }
    const cache = new Map<string | undefined, Options>();
    const options = (campaign?: string): Options => {
      if (!cache.has(campaign)) cache.set(campaign, context.options(segment, campaign));
      return cache.get(campaign)!;
    };
    parts.set(signature, { segments: [segment], options });
  }
  return [...parts.values()];
}

/** JSON Schema of a duration option (`P7D`, `PT24H`, `P1W`, `7d`, `36h`): not negative. */
export function durationSchema(description: string): Record<string, unknown> {
  return { type: 'string', pattern: '^(P(?=\\d|T\\d)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+S)?)?|\\d+[mhdw])$', description };
}

/** `5d 3h`: how long after `earlier` the `later` send comes, in days, hours and minutes. */
export function describeGap(earlier: SendEntry, later: SendEntry): string {
  // Where the clocks did not change between the two (same offset, same zone), days are 24 hours: no need for luxon's diff.
  if (earlier.time.offset === later.time.offset && earlier.time.zoneName === later.time.zoneName) {
    const minutes = Math.round((later.millis - earlier.millis) / 60_000);
    return describeDuration(Duration.fromObject({ days: Math.trunc(minutes / 1440), hours: Math.trunc((minutes % 1440) / 60), minutes: minutes % 60 }));
  }
  return describeDuration(later.time.diff(earlier.time.setZone(later.time.zone), ['days', 'hours', 'minutes']));
}

/**
 * What a rule that reads timelines checks, each once: the timeline of every group of look-alike segments, and every
 * relative journey run on its own (nothing from the calendar merged into it), with the segments each stands for.
 */
export function* timelinesToCheck(timelines: Timelines): Generator<{ segments: string[]; entries: TimelineEntry[] }> {
  for (const group of timelines.segmentGroups()) {
    const entries = timelines.timeline(group.representative);
    if (entries.length) yield { segments: group.segments, entries };
  }
  for (const run of timelines.relativeRuns) {
    const segments = relativeSegments(timelines, run);
    if (segments.length && run.sends.length) yield { segments, entries: run.sends.map((send) => ({ send, via: 'segment' as const })) };
  }
}

/** `upgrade-discounts (upsell, email) on 2026-07-05 09:00 CDT` (`… on T+3d` on a relative journey timeline): a send as a marketer recognises it. */
export function describeSend(send: SendEntry, templates: Map<string, Template>): string {
  const described = sendDescriptions.get(templates) ?? sendDescriptions.set(templates, new WeakMap()).get(templates)!;
  let text = described.get(send);
  if (text === undefined) {
    const details = [templates.get(send.template)?.intent, send.channel].filter(Boolean).join(', ');
    const relative = send.origin.kind === 'journey' && send.origin.run.relative;
    text = `${send.template}${details ? ` (${details})` : ''} ${relative ? 'at' : 'on'} ${describeWhen(send)}`;
    described.set(send, text);
  }
  return text;
}

/**
 * A send named in many findings (as the earlier send of ten frequency-cap findings, in many segments' timelines) is
 * described once: one string shared by every message that quotes it, instead of a new one each time.
 */
const sendDescriptions = new WeakMap<Map<string, Template>, WeakMap<SendEntry, string>>();

/** An id of one delivery that stays when lines move: its row (with the occurrence of a recurring row) or journey step. */
export function deliveryId(send: SendEntry): string {
  let id = deliveryIds.get(send);
  if (id === undefined) {
    const origin = send.origin;
    id = origin.kind === 'calendar' && origin.send.repeat ? `${sendKey(send)}#${origin.occurrence}` : sendKey(send);
    deliveryIds.set(send, id);
  }
  return id;
}

/** Delivery ids go into keys and findings' ids, several times per send: each is built once. */
const deliveryIds = new WeakMap<SendEntry, string>();

/** How far a send on a relative journey timeline stands from the entry event, in ISO 8601: `P1D`, `PT36H`, `-P180D`, `P0D`. */
function offsetFromEvent(send: SendEntry, run: JourneyRun): string {
  const fromEvent = send.time.diff(run.trigger ?? run.start, ['days', 'hours', 'minutes']);
  const sign = fromEvent.toMillis() < 0 ? '-' : '';
  const units = Object.entries(fromEvent.toObject()).filter(([, amount]) => Math.round(amount ?? 0) !== 0);
  const shown = Duration.fromObject(Object.fromEntries(units.map(([unit, amount]) => [unit, Math.abs(Math.round(amount!))])));
  return `${sign}${units.length ? shown.toISO() : 'P0D'}`;
}

/**
 * When a finding about this send happens (SPEC 9): `at`, its instant with the zone's offset (luxon's toISO, formatted
 * once per send); or, on a journey's relative timeline, where no date is known, `after`: the entry event and the offset
 * from it, as the stylish wording `at signup+1d` says.
 */
export function sendWhen(send: SendEntry): Pick<Problem, 'at' | 'after'> {
  let when = instants.get(send);
  if (when === undefined) {
    const origin = send.origin;
    when =
      origin.kind === 'journey' && origin.run.relative
        ? { after: { event: origin.run.journey.entry.event ?? 'entry', offset: offsetFromEvent(send, origin.run) } }
        : { at: send.time.toISO() ?? undefined };
    instants.set(send, when);
  }
  return when;
}

const instants = new WeakMap<SendEntry, Pick<Problem, 'at' | 'after'>>();

const PLACEHOLDER = /\{\{\s*([A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*)\s*\}\}/g;

/** The placeholders of a text (SPEC 4.3: `{{name}}`, `{{a.b}}`, spaces inside the braces allowed), each once, in order. */
export function placeholdersIn(text: string): string[] {
  return [...new Set(Array.from(text.matchAll(PLACEHOLDER), (match) => match[1]!))];
}

/** A text with its placeholders removed, so that nothing inside them is read as words or numbers. */
export function withoutPlaceholders(text: string): string {
  return text.replace(PLACEHOLDER, ' ');
}

/** Every string in a value as written (a template's content for one locale: fields, nested fields, lists), with its path. */
export function textsIn(value: unknown): Array<{ path: Array<string | number>; text: string }> {
  const texts: Array<{ path: Array<string | number>; text: string }> = [];
  const stack: Array<{ path: Array<string | number>; value: unknown }> = [{ path: [], value }];
  const seen = new Set<unknown>();
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    if (typeof item.value === 'string') texts.push({ path: item.path, text: item.value });
    if (typeof item.value !== 'object' || item.value === null || seen.has(item.value)) continue;
    seen.add(item.value);
    const entries: Array<[string | number, unknown]> = Array.isArray(item.value) ? item.value.map((v, i) => [i, v]) : Object.entries(item.value);
    for (const [key, child] of entries.reverse()) stack.push({ path: [...item.path, key], value: child });
  }
  return texts;
}
