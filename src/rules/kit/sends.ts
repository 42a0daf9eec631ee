// Naming and describing the sends a finding is about, as a marketer reads them; what a send is. Where a send stands,
// its delivery id and when it happens are the delivery's own (src/timeline/entry.ts).
import type { RelatedLocation } from '../../findings/finding.js';
import type { Plan, Template } from '../../model/types.js';
import { isMarketingIntent } from '../../model/vocabulary.js';
import { describeDuration, describeMinutes } from '../../time/durations.js';
import type { SendEntry } from '../../timeline/types.js';
import type { CheckedTimeline } from '../rule.js';
import { onSameClock } from './windows.js';

/** The name of the row or step a send comes from, which stays when lines move (model/keys.ts): for fingerprints and keys. */
export function sendKey(send: SendEntry): string {
  return send.origin.kind === 'calendar' ? send.origin.send.key : send.origin.step.key;
}

/**
 * When a delivery happens, as a key: its instant, told apart for a journey's relative run, whose instant is only where
 * the run was placed (the horizon's start), not a date. A dated run's delivery at the same instant is another problem.
 */
export function whenKey(send: SendEntry): string {
  return send.origin.kind === 'journey' && send.origin.run.relative ? `${send.millis}r` : `${send.millis}`;
}

/** A related place as a key: two places that say the same thing at the same spot are one place to list. */
export function placeKey({ file, line, column, message }: RelatedLocation): string {
  return `${file}\u0000${line}\u0000${column}\u0000${message}`;
}

export function relatedTo(send: SendEntry, message: string): RelatedLocation {
  const { file, line, column } = send.location;
  return { file, line, column, message };
}

/** Source order of two sends, for "at equal times, the one read later is the primary location". */
function sourceOrder(a: SendEntry, b: SendEntry): number {
  const x = a.location;
  const y = b.location;
  return x.file < y.file ? -1 : x.file > y.file ? 1 : x.line - y.line || x.column - y.column;
}

/** The pair in the order SPEC 6 locates it: [earlier, later]; the later one is the finding's primary location. */
export function inOrder(a: SendEntry, b: SendEntry): [SendEntry, SendEntry] {
  return a.millis < b.millis || (a.millis === b.millis && sourceOrder(a, b) <= 0) ? [a, b] : [b, a];
}

/** Whether `a` comes before `b` where a finding stands: a dated send before one on a relative run (which has no date), then by time and source order. */
export function comesBefore(a: SendEntry, b: SendEntry): boolean {
  if (onRelativeRun(a) !== onRelativeRun(b)) return onRelativeRun(b);
  // inOrder's test, without making its pair: rules ask this of every send of a timeline.
  return a.millis < b.millis || (a.millis === b.millis && sourceOrder(a, b) <= 0);
}

const onRelativeRun = (send: SendEntry): boolean => send.origin.kind === 'journey' && send.origin.run.relative;

/**
 * Whether a problem made of these sends is this timeline's own: always, except on the timeline of the customers in
 * both of two overlapping segments, where sends that all reach one of the two make a problem that segment's own
 * timeline reports (SPEC 4.1: only what the overlap alone makes is about the customers in both).
 */
export function ownProblem(timeline: Pick<CheckedTimeline<unknown>, 'inBoth'>, ...sends: SendEntry[]): boolean {
  const { inBoth } = timeline;
  return !inBoth || sends.reduce((sides, send) => sides & inBoth.side(send), 3) === 0;
}

/** Who a finding is about: `segment a`, `segments a, b and 3 more`, or `the customers in both a and b`. */
export function whoText(timeline: Pick<CheckedTimeline<unknown>, 'inBoth'>, segments: readonly string[]): string {
  const { inBoth } = timeline;
  return inBoth ? `the customers in both ${inBoth.segments[0]} and ${inBoth.segments[1]}` : segmentsText(segments);
}

/** For the customers in both: the one of the two segments a send is addressed to (` to b`); '' elsewhere, or when it reaches both. */
export function toSide(timeline: Pick<CheckedTimeline<unknown>, 'inBoth'>, send: SendEntry): string {
  const { inBoth } = timeline;
  const side = inBoth?.side(send);
  return side === 1 || side === 2 ? ` to ${inBoth!.segments[side - 1]}` : '';
}

/** `segment lessees-2026-06`, or `segments a, b and 3 more` for a long list. */
export function segmentsText(segments: readonly string[]): string {
  if (segments.length === 1) return `segment ${segments[0]}`;
  const shown = segments.slice(0, 3).join(', ');
  return `segments ${shown}${segments.length > 3 ? ` and ${segments.length - 3} more` : ''}`;
}

/** `5d 3h`: how long after `earlier` the `later` send comes, in days, hours and minutes (`1d (23h)` across a clock change). */
export function describeGap(earlier: SendEntry, later: SendEntry): string {
  const exact = describeMinutes(Math.round((later.millis - earlier.millis) / 60_000));
  // Where the clocks did not change between the two (same offset, same zone), days are 24 hours: no need for luxon's diff.
  if (onSameClock(earlier, later)) return exact;
  // Across a clock change, the calendar's reading and the hours that pass differ: both are said (`1d (23h)`), as a
  // window may count either (P1D, PT24H).
  const calendar = describeDuration(later.time.diff(earlier.time.setZone(later.time.zone), ['days', 'hours', 'minutes']));
  return calendar === exact ? calendar : `${calendar} (${exact})`;
}

/** `upgrade-discounts (upsell, email) on 2026-07-05 09:00 CDT` (`… at T+3d` on a relative journey timeline): a send as a marketer recognises it. */
export function describeSend(send: SendEntry, templates: Map<string, Template>): string {
  return `${templateWords(send, templates)} ${whenWords(send)}`;
}

/** `on 2026-07-05 09:00 CDT`, or on a relative journey timeline `at lease_end+3d`. */
export function whenWords(send: SendEntry): string {
  return `${onRelativeRun(send) ? 'at' : 'on'} ${send.whenText}`;
}

/** `upgrade-discounts (upsell, email)`: a send's template with its intent and channel, worded once per template and channel. */
export function templateWords(send: SendEntry, templates: Map<string, Template>): string {
  const byTemplate = templateTexts.get(templates) ?? templateTexts.set(templates, new Map()).get(templates)!;
  const byChannel = byTemplate.get(send.template) ?? byTemplate.set(send.template, new Map()).get(send.template)!;
  let text = byChannel.get(send.channel);
  if (text === undefined) {
    const details = [templates.get(send.template)?.intent, send.channel].filter(Boolean).join(', ');
    byChannel.set(send.channel, (text = `${send.template}${details ? ` (${details})` : ''}`));
  }
  return text;
}

/** Each plan's template words, by template and channel. */
const templateTexts = new WeakMap<Map<string, Template>, Map<string, Map<string | undefined, string>>>();

/** Whether one customer can get both sends: two sends of one journey run on no common path never meet (SPEC 4.5). */
export function canMeet(a: SendEntry, b: SendEntry): boolean {
  if (a.origin.kind !== 'journey' || b.origin.kind !== 'journey' || a.origin.run !== b.origin.run) return true;
  return a.origin.paths.first <= b.origin.paths.last && b.origin.paths.first <= a.origin.paths.last;
}

/** Whether a send is a marketing message: its intent says `marketing: true`; a template without an intent counts as one. */
export function isMarketing(plan: Plan, send: SendEntry): boolean {
  const known = marketing.get(plan) ?? marketing.set(plan, new Map()).get(plan)!;
  let answer = known.get(send.template);
  if (answer === undefined) known.set(send.template, (answer = isMarketingIntent(plan.vocabulary, plan.templates.get(send.template)?.intent)));
  return answer;
}

/** Whether each template of a plan is marketing: asked for every send by several rules, answered once per template. */
const marketing = new WeakMap<Plan, Map<string, boolean>>();
