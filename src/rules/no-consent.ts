import { locationOf } from '../model/types.js';
import type { Plan, Segment } from '../model/types.js';
import type { SendEntry, TimelineEntry } from '../timeline/types.js';
import type { Rule } from './rule.js';
import type { SendProblem } from './send-problems.js';
import { SendProblems, bucketsBy, isMarketing } from './send-problems.js';
import { relativeSegments } from './support.js';
import { sendKey } from './support.js';

/**
 * The segment that wrote the consent or suppression a segment inherits: itself, or the nearest ancestor that says it
 * (the segment itself when none does). Remembered for each segment on the way up, so that the segments of a chain
 * thousands deep cost a step each rather than a walk each. Parent chains have no cycle (the model cuts them).
 */
class Declarations {
  private readonly writers = { consent: new Map<string, Segment | undefined>(), suppressed: new Map<string, Segment | undefined>() };

  constructor(private readonly plan: Plan) {}

  of(segment: Segment, field: 'consent' | 'suppressed'): Segment {
    const writers = this.writers[field];
    const below: Segment[] = [];
    let current: Segment | undefined = segment;
    while (current && !writers.has(current.id)) {
      if (current.source.positions.has(`${current.source.pointer}/${field}`)) writers.set(current.id, current);
      else {
        below.push(current);
        current = current.parent !== undefined ? this.plan.segments.get(current.parent) : undefined;
      }
    }
    const writer = current ? writers.get(current.id) : undefined;
    for (const passed of below) writers.set(passed.id, writer);
    return writer ?? segment;
  }
}

/** What is wrong with one marketing send to one segment: sent to a suppressed segment, or on a channel it did not consent to. */
function problemOf(plan: Plan, declarations: Declarations, segment: Segment, send: SendEntry, via: TimelineEntry['via']): SendProblem | undefined {
  if (!isMarketing(plan, send)) return undefined;
  if (segment.suppressed) {
    const source = declarations.of(segment, 'suppressed');
    const location = locationOf(source.source, 'suppressed');
    return {
      send,
      via,
      key: 'suppressed',
      detail: 'is a marketing message, but marketing is suppressed',
      ids: [send.template, sendKey(send), 'suppressed'],
      related: [{ file: location.file, line: location.line, column: location.column, message: `${source.id} is suppressed` }],
    };
  }
  const channel = send.channel;
  if (segment.consent === undefined || channel === undefined || segment.consent.includes(channel)) return undefined;
  const source = declarations.of(segment, 'consent');
  const location = locationOf(source.source, 'consent');
  const consented = segment.consent.length ? segment.consent.join(', ') : 'none';
  return {
    send,
    via,
    key: `consent:${channel}`,
    detail: `is a marketing message on ${channel}, but ${segment.consent.length ? `only ${segment.consent.join(', ')} ${segment.consent.length > 1 ? 'are' : 'is'}` : 'no channel is'} consented to`,
    ids: [send.template, sendKey(send), `consent:${channel}`],
    related: [{ file: location.file, line: location.line, column: location.column, message: `consent of ${source.id}: ${consented}` }],
  };
}

/** The setting of a segment that decides this rule: consent and suppression. */
const consentKey = (segment: Segment | undefined): string => JSON.stringify([segment?.consent ?? null, segment?.suppressed ?? false]);

export const noConsent: Rule = {
  id: 'no-consent',
  category: 'contradictory',
  defaultSeverity: 'error',
  description: 'A marketing send on a channel the segment did not consent to, or to a suppressed segment.',
  fixable: false,
  check(context) {
    const { plan, timelines } = context;
    const problems = new SendProblems(plan);
    const declarations = new Declarations(plan);
    for (const group of timelines.segmentGroups()) {
      const segment = plan.segments.get(group.representative);
      // Nothing to find for a segment that consents to everything and is not suppressed.
      if (!segment || (segment.consent === undefined && !segment.suppressed)) continue;
      const found: SendProblem[] = [];
      for (const { send, via } of timelines.timeline(group.representative)) {
        const problem = problemOf(plan, declarations, segment, send, via);
        if (problem) found.push(problem);
      }
      problems.add(group.segments, found);
    }
    // Journeys on their own relative timeline reach the segments with no date for their entry event.
    for (const run of timelines.relativeRuns) {
      for (const bucket of bucketsBy(relativeSegments(timelines, run), (id) => consentKey(plan.segments.get(id)))) {
        const segment = plan.segments.get(bucket.representative);
        if (!segment || (segment.consent === undefined && !segment.suppressed)) continue;
        const found: SendProblem[] = [];
        for (const send of run.sends) {
          const problem = problemOf(plan, declarations, segment, send, 'segment');
          if (problem) found.push(problem);
        }
        problems.add(bucket.segments, found);
      }
    }
    problems.reportTo(context);
  },
};
