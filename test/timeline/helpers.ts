import type { DateTime } from 'luxon';
import { expect } from 'vitest';
import type { TimelineSettings, Timelines } from '../../src/timeline/build.js';
import { buildTimelines } from '../../src/timeline/build.js';
import type { EntryView } from '../../src/timeline/view.js';
import { timelineView } from '../../src/timeline/view.js';
import type { SendEntry } from '../../src/timeline/types.js';
import { model } from '../model/helpers.js';

export { yaml } from '../model/helpers.js';

/** Templates `a`…`f` (email, one intent each), so that plans in tests can send them by id. */
export const TEMPLATES = [
  'templates:',
  ...['a', 'b', 'c', 'd', 'e', 'f'].map((id) => `  - {id: ${id}, channel: email, intent: newsletter}`),
].join('\n');

export const SETTINGS: TimelineSettings = { timezone: 'UTC', defaultSendTime: '09:00', horizonPadding: 'P90D' };

/** Builds a plan from YAML text (with templates a…f added) and its timelines; fails when the plan has input problems. */
export function timelinesOf(text: string, settings: Partial<TimelineSettings> = {}): Timelines {
  const { plan, problems } = model({ 'plan.yaml': text, 'templates.yaml': `${TEMPLATES}\n` });
  expect(problems.map((problem) => `${problem.rule}: ${problem.message}`)).toEqual([]);
  return buildTimelines(plan, { ...SETTINGS, ...settings });
}

/** `2026-03-29T09:00+02:00`: a local date-time with its offset (`Z` in UTC). */
export const local = (time: DateTime): string => time.toFormat("yyyy-MM-dd'T'HH:mm") + (time.offset === 0 && time.zoneName === 'UTC' ? 'Z' : time.toFormat('ZZ'));

/** One entry as a line: local time with offset, template, via, journey step and path range, state changes. */
function entryLine(entry: EntryView): string {
  const at = entry.at.replace(/:00\.000/, '');
  const journey = entry.journey ? ` ${entry.journey.id}:${entry.journey.step}[${entry.journey.paths[0]}-${entry.journey.paths[1]}]` : '';
  const changes = entry.changes.map((change) => `${change.state}: ${change.from ?? '∅'} → ${change.to}`).join(', ');
  return `${at} ${entry.template} ${entry.via}${entry.via === 'segment' ? '' : `(${entry.segment})`}${journey}${changes ? ` {${changes}}` : ''}`;
}

/** A segment's timeline, one line per entry (see entryLine). */
export function lines(timelines: Timelines, segment: string): string[] {
  return timelineView(timelines, [segment]).segments[0]!.entries.map(entryLine);
}

/** The relative journeys' timelines, one line per send, the time as `T±…`. */
export function relativeLines(timelines: Timelines): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const journey of timelineView(timelines, []).relativeJourneys) {
    result[journey.journey] = journey.entries.map((entry) => entryLine({ ...entry, at: entry.local }));
  }
  return result;
}

/** A send's path range, `first-last` (journey sends only). */
export const pathsOf = (send: SendEntry): string => (send.origin.kind === 'journey' ? `${send.origin.paths.first}-${send.origin.paths.last}` : '');
