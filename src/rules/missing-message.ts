import type { DateTime } from 'luxon';
import type { DatedEvent, Plan, Segment } from '../model/types.js';
import { keyLocationOf, locationOf } from '../model/types.js';
import { parseDuration } from '../time/durations.js';
import { describeLocal, zonedDateTime } from '../time/zoned.js';
import type { Timelines } from '../timeline/build.js';
import type { JourneyRun, PathRange, SendEntry, TimelineEntry } from '../timeline/types.js';
import type { Rule, LegacyRuleContext as RuleContext } from './rule.js';
import { ProblemsBySegment } from './kit/reporting.js';
import { segmentsText } from './kit/sends.js';
import { byOptions, relativeSegments } from './kit/traversal.js';
import { durationSchema } from './kit/windows.js';

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

interface Window {
  from: number;
  to: number;
}

/** The window in which the expected message must come, around an event that stands from `start` to `end`. */
function windowAround(expectation: Expectation, start: DateTime, end: DateTime): Window | undefined {
  const within = parseDuration(expectation.within);
  if (!within) return undefined;
  return expectation.after !== undefined
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
 * is not a welcome for those who did not reply). Sends that reach the segment only through a declared overlap may miss
 * its customers, so they do not count.
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
    const { send, via } = entries[index]!;
    if (via === 'overlap' || !meets(plan, expectation, send)) continue;
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
  return `${expectation.intent} message${on} within ${expectation.within} ${expectation.after !== undefined ? 'after' : 'before'}`;
}

/** Whether an expected message of a marketing intent cannot be expected at all: marketing to the segment is suppressed. */
function suppressedFor(plan: Plan, segment: Segment, expectation: Expectation): boolean {
  return segment.suppressed && (plan.vocabulary.intents.get(expectation.intent)?.marketing ?? true);
}

/**
 * (a) Segments with a date for the event (their own or inherited): each group of look-alike segments is checked once on its
 * absolute timeline, calendar and journeys together. One finding per dated event and expectation, listing the segments.
 */
function checkDatedEvents(plan: Plan, timelines: Timelines, context: RuleContext<MissingMessageOptions>, problems: ProblemsBySegment): void {
  for (const group of timelines.segmentGroups()) {
    const segment = plan.segments.get(group.representative);
    if (!segment || segment.events.size === 0) continue;
    let entries: TimelineEntry[] | undefined;
    for (const part of byOptions(context, group.segments, [])) {
      for (const expectation of part.options().expect) {
        const event = eventOf(expectation);
        const dated = segment.events.get(event);
        if (!dated || suppressedFor(plan, segment, expectation)) continue;
        const zone = timelines.zoneOf(segment.id);
        const start = zonedDateTime(dated.date, zone);
        // A date alone stands for the whole day: a customer of the cohort may have the event at any time of it.
        const end = dated.date.hasTime ? start : start.plus({ days: 1 });
        // An event outside the horizon (`--from`, `--to`) is out of view: nothing there was placed.
        if (end < timelines.horizon.start || start > timelines.horizon.end) continue;
        const window = windowAround(expectation, start, end);
        if (!window) continue;
        entries ??= timelines.timeline(segment.id);
        if (delivered(plan, expectation, entries, window)) continue;
        problems.add(`dated\u0000${dated.source.file}\u0000${dated.source.pointer}\u0000${JSON.stringify(expectation)}`, part.segments, (segments) =>
          datedProblem(expectation, event, dated, start, segments),
        );
      }
    }
  }
}

function datedProblem(expectation: Expectation, event: string, dated: DatedEvent, start: DateTime, segments: string[]) {
  const when = dated.date.hasTime ? describeLocal(start) : dated.date.local;
  return {
    message: `no ${expectedText(expectation)} ${event} on ${when} for ${segmentsText(segments)}`,
    location: keyLocationOf(dated.source),
    at: start.toISO() ?? undefined,
    ids: [event, expectation.intent, expectation.after !== undefined ? 'after' : 'before'],
  };
}

/**
 * (b) Journeys triggered by the event, on their relative timeline (T = the event): the segments below the entry segment with
 * no date for the event are checked here and only here, so (a) and (b) never report one segment's missing message twice.
 * The journey must deliver the message on every path, or another journey triggered by the same event for the same
 * customers (entered at the segment or one above it) must; calendar sends are not on a relative timeline.
 */
function checkTriggeredJourneys(plan: Plan, timelines: Timelines, context: RuleContext<MissingMessageOptions>, problems: ProblemsBySegment): void {
  const memo = new Map<string, boolean>();
  const deliversAlone = (run: JourneyRun, expectation: Expectation): boolean => {
    const key = `${run.journey.id}\u0000${JSON.stringify(expectation)}`;
    let found = memo.get(key);
    if (found === undefined) {
      const trigger = run.trigger ?? run.start;
      const window = windowAround(expectation, trigger, trigger);
      found = window ? delivered(plan, expectation, run.sends.map((send) => ({ send, via: 'segment' as const })), window) : true;
      memo.set(key, found);
    }
    return found;
  };
  const triggered = (event: string): JourneyRun[] => timelines.relativeRuns.filter((run) => run.journey.entry.event === event && run.journey.entry.date === undefined);
  for (const run of timelines.relativeRuns) {
    const { journey } = run;
    const event = journey.entry.event;
    if (event === undefined || journey.entry.date !== undefined) continue;
    for (const part of byOptions(context, relativeSegments(timelines, run), [journey.campaign])) {
      for (const expectation of part.options(journey.campaign).expect) {
        if (eventOf(expectation) !== event || deliversAlone(run, expectation)) continue;
        const others = triggered(event).filter((other) => other !== run && deliversAlone(other, expectation));
        // Customers another journey delivers to: those of its entry segment and the segments below it.
        const deliveredByOthers = plan.tree.anyContains(others.map((other) => other.journey.entry.segment));
        const segments = part.segments.filter((id) => {
          const segment = plan.segments.get(id);
          return segment !== undefined && !suppressedFor(plan, segment, expectation) && !deliveredByOthers(id);
        });
        if (segments.length === 0) continue;
        problems.add(`journey\u0000${journey.id}\u0000${JSON.stringify(expectation)}`, segments, (all) => ({
          message: `journey ${journey.id} is entered on ${event} but sends no ${expectedText(expectation)} ${event} on every path, for ${segmentsText(all)}`,
          location: locationOf(journey.source, 'entry'),
          ids: [journey.id, event, expectation.intent, expectation.after !== undefined ? 'after' : 'before'],
          ...(journey.campaign !== undefined ? { campaign: journey.campaign } : {}),
        }));
      }
    }
  }
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
  check(context) {
    const problems = new ProblemsBySegment();
    checkDatedEvents(context.plan, context.timelines, context, problems);
    checkTriggeredJourneys(context.plan, context.timelines, context, problems);
    problems.reportTo(context);
  },
};
