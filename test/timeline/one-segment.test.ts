import { DateTime } from 'luxon';
import { afterAll, describe, expect, it } from 'vitest';
import { timelineText } from '../../src/reporters/timeline.js';
import { describeLocal } from '../../src/time/zoned.js';
import { timelineView } from '../../src/timeline/view.js';
import { cleanWorkspaces, cxlint, workspace } from '../cli/run.js';
import { timelinesOf } from './helpers.js';

afterAll(cleanWorkspaces);

/** Issue 13, item 9: what `cxlint timeline --segment X` shows of one segment. */
const PLAN = [
  'segments:',
  '  - {id: all, timezone: Europe/Paris}',
  '  - {id: fans, parent: all}',
  '  - {id: held, parent: all, suppressed: true}',
  '  - {id: uk, timezone: Europe/London}',
  'journeys:',
  '  - id: feedback',
  '    entry: {segment: fans, event: purchase}',
  '    steps:',
  '      - send: a',
  '      - branch:',
  '          - {when: {event: replied, within: P2D}, next: thanks}',
  '          - {otherwise: true, next: thanks}',
  '      - {id: thanks, send: b}',
  '  - id: everyone',
  '    entry: {segment: all, event: signup}',
  '    steps: [{send: c}]',
  '  - id: british',
  '    entry: {segment: uk, event: signup}',
  '    steps: [{send: d}]',
  'calendar:',
  '  - {date: 2026-07-01T10:00, segment: all, template: e}',
].join('\n');

describe('cxlint timeline --segment X', () => {
  const timelines = timelinesOf(PLAN);

  it('shows the journeys X or a segment above it can enter, not every journey of the plan', () => {
    const journeys = (segments: string[], only: boolean): string[] => timelineView(timelines, segments, only).relativeJourneys.map((run) => run.journey);
    expect(journeys(['fans'], true)).toEqual(['feedback', 'everyone']);
    expect(journeys(['held'], true)).toEqual(['everyone']);
    expect(journeys(['uk'], true)).toEqual(['british']);
    expect(journeys(['held', 'uk'], true)).toEqual(['everyone', 'british']);
    // Without --segment, every segment is shown, and every journey.
    expect(journeys(['all', 'fans', 'held', 'uk'], false)).toEqual(['feedback', 'everyone', 'british']);
  });

  it('labels a send made on several paths with the branch options its path took', () => {
    const text = timelineText(timelineView(timelines, ['fans'], true));
    expect(text).toContain('journey feedback, relative (T = purchase), for the segments of fans with no date for it\n' +
      '  T+0d  email  a  newsletter  journey feedback › step 1\n' +
      '  T+0d  email  b  newsletter  journey feedback › thanks [replied within P2D]\n' +
      '  T+2d  email  b  newsletter  journey feedback › thanks [otherwise]\n');
    const [feedback] = timelineView(timelines, ['fans'], true).relativeJourneys;
    expect(feedback!.entries.map((entry) => entry.journey?.path)).toEqual([undefined, ['replied within P2D'], ['otherwise']]);
  });

  it('marks a suppressed segment, and the marketing it would get as not delivered', () => {
    const view = timelineView(timelines, ['held', 'fans'], true);
    expect(view.segments.map((segment) => [segment.id, segment.suppressed, segment.entries.map((entry) => entry.delivered)])).toEqual([
      ['held', true, [false]],
      ['fans', undefined, [undefined]],
    ]);
    expect(timelineText(view)).toContain('held (Europe/Paris, suppressed: no marketing is delivered)\n' +
      '  2026-07-01 10:00 CEST  email  e  newsletter  plan.yaml:22 (sent to all, not delivered: suppressed)\n');
  });

  it('keeps sends that are not marketing delivered to a suppressed segment', () => {
    const withStatement = `${PLAN}\n  - {date: 2026-07-02T10:00, segment: held, template: statement}\ntemplates: [{id: statement, channel: email, intent: transactional}]`;
    const held = timelineView(timelinesOf(withStatement), ['held'], true).segments[0]!;
    expect(held.entries.map((entry) => [entry.template, entry.delivered])).toEqual([
      ['e', false],
      ['statement', undefined],
    ]);
  });
});

describe('zones by their usual abbreviation, else the offset', () => {
  const at = (zone: string, date: string): string => describeLocal(DateTime.fromISO(`${date}T10:00`, { zone })).slice(17);
  it.each([
    ['Europe/Paris', '2026-01-15', 'CET'],
    ['Europe/Paris', '2026-07-15', 'CEST'],
    ['Europe/London', '2026-01-15', 'GMT'],
    ['Europe/London', '2026-07-15', 'BST'],
    ['Europe/Dublin', '2026-07-15', 'IST'],
    ['America/Chicago', '2026-07-15', 'CDT'],
    ['America/New_York', '2026-01-15', 'EST'],
    ['Asia/Kolkata', '2026-07-15', 'IST'],
    ['Australia/Sydney', '2026-01-15', 'AEDT'],
    ['Pacific/Auckland', '2026-07-15', 'NZST'],
    ['Africa/Johannesburg', '2026-07-15', 'SAST'],
    ['UTC', '2026-07-15', 'UTC'],
    ['Asia/Shanghai', '2026-07-15', 'GMT+8'],
    ['Asia/Tokyo', '2026-07-15', 'GMT+9'],
    ['America/Sao_Paulo', '2026-07-15', 'GMT-3'],
  ])('%s on %s: %s', (zone, date, expected) => {
    expect(at(zone, date)).toBe(expected);
  });

  it('in the timeline the command prints', () => {
    const folder = workspace(undefined, {
      'plan.yaml': 'segments: [{id: fr, timezone: Europe/Paris}]\ntemplates: [{id: t, channel: email, intent: newsletter}]\ncalendar: [{date: 2026-07-01T10:00, segment: fr, template: t}]\n',
    });
    const run = cxlint(['timeline', '--no-config'], { cwd: folder });
    expect(run.stdout).toContain('  2026-07-01 10:00 CEST  email  t  newsletter  plan.yaml:3');
  });
});
