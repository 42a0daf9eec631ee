import type { DateTime } from 'luxon';
import type { Location } from '../findings/finding.js';
import type { Plan, Segment } from '../model/types.js';
import { keyLocationOf, locationOf } from '../model/types.js';
import { parseDuration } from '../time/durations.js';
import { describeLocal, eventSpan } from '../time/zoned.js';
import type { Timelines } from '../timeline/build.js';
import type { JourneyRun, PathRange, SendEntry, TimelineEntry } from '../timeline/types.js';
import type { CheckedTimeline, Found, Rule } from './rule.js';
import { segmentsText } from './kit/sends.js';
import { durationSchema } from './kit/windows.js';
import type { Gathered } from './kit/by-place.js';
import { PlaceFound, reportAtPlace } from './kit/by-place.js';

/** One expected message: `{after: signup, within: P1D, intent: welcome}` or `{before: lease_end, within: P60D, intent: lease_end}`. */
export type Expectation = {
  after?: string;
  before?: string;
  within: string;
  intent: string;
  /** Only a send on one of these channels meets the expectation. */
  channels?: string[];
};

export type MissingMessageOptions = {
  expect: Expectation[];
};

const name = { type: 'string', minLength: 1 };
const expectationSchema = {
  type: 'object',
  properties: {
    after: { ...name, description: 'The event the message must follow.' },
    before: { ...name, description: 'The event the message must precede.' },
    within: durationSchema('How long after (or before) the event the message may come, e.g. P1D.'),
    intent: { ...name, description: 'The intent of the expected message, e.g. welcome.' },
    channels: { type: 'array', items: name, minItems: 1, description: 'Only a send on one of these channels counts.' },
  },
  required: ['within', 'intent'],
  oneOf: [{ required: ['after'] }, { required: ['before'] }],
  additionalProperties: false,
};

/** The event an expectation is about. */
const eventOf = (expectation: Expectation): string => (expectation.after ?? expectation.before)!;

const direction = (expectation: Expectation): 'after' | 'before' => (expectation.after !== undefined ? 'after' : 'before');

interface Window {
  from: number;
  to: number;
}

/** The window in which the expected message must come, around an event that stands from `start` to `end`. */
function windowAround(expectation: Expectation, start: DateTime, end: DateTime): Window | undefined {
  const within = parseDuration(expectation.within);
  if (!within) return undefined;
  return direction(expectation) === 'after'
    ? { from: start.toMillis(), to: end.plus(within).toMillis() }
    : { from: start.minus(within).toMillis(), to: end.toMillis() };
}

/** Whether a send is the expected kind of message: its template's intent, on one of the channels when they are given. */
function meets(plan: Plan, expectation: Expectation, send: SendEntry): boolean {
  if (plan.templates.get(send.template)?.intent !== expectation.intent) return false;
  return expectation.channels === undefined || (send.channel !== undefined && expectation.channels.includes(send.channel));
}

/** Whether the ranges cover every path 0 … paths-1 of a journey run. */
function coversAllPaths(ranges: PathRange[], paths: number): boolean {
  let reach = -1;
  for (const range of [...ranges].sort((a, b) => a.first - b.first)) {
    if (range.first > reach + 1) break;
    reach = Math.max(reach, range.last);
  }
  return reach >= paths - 1;
}

/**
 * Whether the entries (sorted by time) deliver an expected message inside the window to every customer: a calendar send
 * does; a journey's sends do when together they lie on every path of their run (a welcome on the `replied` branch only
 * is not a welcome for those who did not reply).
 */
function delivered(plan: Plan, expectation: Expectation, entries: readonly TimelineEntry[], window: Window): boolean {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (entries[middle]!.send.millis < window.from) low = middle + 1;
    else high = middle;
  }
  const byRun = new Map<JourneyRun, PathRange[]>();
  for (let index = low; index < entries.length && entries[index]!.send.millis <= window.to; index += 1) {
    const { send } = entries[index]!;
    if (!meets(plan, expectation, send)) continue;
    if (send.origin.kind === 'calendar') return true;
    const { run, paths } = send.origin;
    // A run cut short at maxPaths cannot say which paths it misses: any welcome on it counts (journey-complexity reports the cut).
    if (run.truncated) return true;
    const ranges = byRun.get(run) ?? byRun.set(run, []).get(run)!;
    ranges.push(paths);
    if (coversAllPaths(ranges, run.paths)) return true;
  }
  return false;
}

/** What the expected message is, as the finding says it: `welcome message on email or sms`. */
function expectedText(expectation: Expectation): string {
  const channels = expectation.channels;
  const on = channels ? ` on ${channels.length > 1 ? `${channels.slice(0, -1).join(', ')} or ${channels[channels.length - 1]}` : channels[0]}` : '';
  return `${expectation.intent} message${on} within ${expectation.within} ${direction(expectation)}`;
}

/** Whether an expected message of a marketing intent cannot be expected at all: marketing to the segment is suppressed. */
function suppressedFor(plan: Plan, segment: Segment, expectation: Expectation): boolean {
  return segment.suppressed && (plan.vocabulary.intents.get(expectation.intent)?.marketing ?? true);
}

/**
 * (a) Segments with a date for the event (their own or inherited): each group of look-alike segments is checked on its
 * absolute timeline, calendar and journeys together (even an empty one). One finding per dated event and expectation.
 */
function checkDatedEvents(plan: Plan, timelines: Timelines, timeline: CheckedTimeline<MissingMessageOptions>): void {
  const segment = timeline.segment;
  for (const expectation of timeline.options().expect) {
    const event = eventOf(expectation);
    const dated = segment.events.get(event);
    if (!dated || suppressedFor(plan, segment, expectation)) continue;
    const { start, end } = eventSpan(dated.date, timelines.zoneOf(segment.id));
    // An event outside the horizon (`--from`, `--to`) is out of view: nothing there was placed.
    if (end < timelines.horizon.start || start > timelines.horizon.end) continue;
    const window = windowAround(expectation, start, end);
    if (!window || delivered(plan, expectation, timeline.entries, window)) continue;
    const when = dated.date.hasTime ? describeLocal(start) : dated.date.local;
    reportMissed(timeline, timeline.segments, `${expectedText(expectation)} ${event}`, {
      // Segments whose options differ (overrides) keep findings of their own, so that each gets its severity.
      key: `dated\u0000${dated.source.file}\u0000${dated.source.pointer}\u0000${JSON.stringify(timeline.options().expect)}`,
      location: keyLocationOf(dated.source),
      at: start.toISO() ?? undefined,
      message: (expected) => `no ${expected} on ${when}`,
      ids: [event, expectation.intent, direction(expectation)],
    });
  }
}

/** The segments a journey check covers, their options, and where it reports: a relative run's timeline, or one segment of it. */
type Part = Pick<CheckedTimeline<MissingMessageOptions>, 'segments' | 'options' | 'report'>;

/**
 * (b) Journeys triggered by the event, on their relative timeline (T = the event): the segments below the entry segment with
 * no date for the event are checked here and only here, so (a) and (b) never report one segment's missing message twice.
 * The journey must deliver the message on every path, or another journey triggered by the same event for the same
 * customers (entered at the segment or one above it) must; calendar sends are not on a relative timeline.
 */
function triggeredJourneysCheck(plan: Plan, timelines: Timelines): (run: JourneyRun, part: Part) => void {
  const deliversAlone = memoByRun((run: JourneyRun, expectation: Expectation): boolean => {
    const trigger = run.trigger ?? run.start;
    const window = windowAround(expectation, trigger, trigger);
    return !window || delivered(plan, expectation, run.sends.map((send) => ({ send, via: 'segment' as const })), window);
  });
  // Customers another journey on the same event delivers to: those of its entry segment and the segments below it.
  const deliveredByOthers = memoByRun((run: JourneyRun, expectation: Expectation) => {
    const others = timelines.relativeRuns.filter((other) => other !== run && other.journey.entry.event === run.journey.entry.event && deliversAlone(other, expectation));
    return plan.tree.anyContains(others.map((other) => other.journey.entry.segment));
  });
  return (run, part) => {
    const { journey } = run;
    const event = journey.entry.event;
    if (event === undefined) return;
    for (const expectation of part.options(journey.campaign).expect) {
      if (eventOf(expectation) !== event || deliversAlone(run, expectation)) continue;
      const elsewhere = deliveredByOthers(run, expectation);
      const segments = part.segments.filter((id) => !suppressedFor(plan, plan.segments.get(id)!, expectation) && !elsewhere(id));
      if (segments.length === 0) continue;
      reportMissed(part, segments, `${expectedText(expectation)} ${event}`, {
        key: `journey\u0000${journey.id}\u0000${JSON.stringify(part.options(journey.campaign).expect)}`,
        location: locationOf(journey.source, 'entry'),
        message: (expected) => `journey ${journey.id} is entered on ${event} but sends no ${expected} on every path,`,
        ids: [journey.id, event, expectation.intent, direction(expectation)],
        campaign: journey.campaign,
      });
    }
  };
}

/** Where messages are missed: a dated event, or a journey's entry; how the finding words the messages missed there. */
interface MissedPlace extends Pick<Found, 'location' | 'at' | 'ids' | 'campaign'> {
  key: string;
  /** The finding's text before `for …`, given the messages missed (`welcome message within P1D after signup`). */
  message: (expected: string) => string;
}

/**
 * One finding per place (SPEC 5): the expectations missed at one dated event, or by one journey, are one problem of
 * that place, naming each message missed and, when they differ, the segments that miss it.
 */
function reportMissed(where: Pick<CheckedTimeline<unknown>, 'report'>, segments: readonly string[], expected: string, place: MissedPlace): void {
  reportAtPlace(where, new Missed(place, segments, expected));
}

/** A message missed at a place (`expected`), as one report of it: the one the engine keeps gathers the others. */
class Missed extends PlaceFound<Missed> {
  readonly key: string;
  readonly ids: string[];
  readonly location?: Location;
  readonly at?: string;
  readonly campaign?: string;
  /** The place's wording, given the messages missed there. */
  private readonly wording: MissedPlace['message'];

  constructor(
    place: MissedPlace,
    segments: readonly string[],
    private readonly expected: string,
  ) {
    super(segments);
    this.key = place.key;
    this.ids = place.ids;
    this.location = place.location;
    this.at = place.at;
    this.campaign = place.campaign;
    this.wording = place.message;
  }

  message(): string {
    return missedText(
      this.gathered().map(({ item, segments }) => ({ item: item.expected, segments })),
      this.wording,
    );
  }

  protected sameItem(other: Missed): boolean {
    return other.expected === this.expected;
  }
}

/**
 * `no welcome message within P1D after signup on 2026-06-01 for segment a`; several messages missed by the same
 * segments: `no welcome … and no onboarding … for …`; by different ones, each with its segments.
 */
function missedText(missed: Gathered<string>, message: (expected: string) => string): string {
  const readers = new Set(missed.map(({ segments }) => segments.join('\u0000')));
  if (readers.size === 1) return `${message(missed.map(({ item }) => item).join(', and no '))} for ${segmentsText(missed[0]!.segments)}`;
  return missed.map(({ item, segments }) => `${message(item)} for ${segmentsText(segments)}`).join('; ');
}

/** A value per journey run and expectation, computed the first time it is asked for. */
function memoByRun<Value>(compute: (run: JourneyRun, expectation: Expectation) => Value): (run: JourneyRun, expectation: Expectation) => Value {
  const values = new Map<string, Value>();
  return (run, expectation) => {
    const key = `${run.journey.id}\u0000${JSON.stringify(expectation)}`;
    if (!values.has(key)) values.set(key, compute(run, expectation));
    return values.get(key)!;
  };
}

export const missingMessage: Rule<MissingMessageOptions> = {
  id: 'missing-message',
  category: 'missing',
  defaultSeverity: 'error',
  description: 'An expected message does not come in time after (or before) an event.',
  optionsSchema: {
    type: 'object',
    properties: {
      expect: { type: 'array', items: expectationSchema, description: 'The messages that must follow (or precede) an event.' },
    },
    additionalProperties: false,
  },
  defaultOptions: { expect: [{ after: 'signup', within: 'P1D', intent: 'welcome' }] },
  fixable: false,
  create({ plan, timelines }) {
    const checkJourney = triggeredJourneysCheck(plan, timelines);
    return { onTimeline: (timeline) => (timeline.run ? checkJourney(timeline.run, timeline) : checkDatedEvents(plan, timelines, timeline)) };
  },
};
