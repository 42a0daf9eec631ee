import { locationOf } from '../model/types.js';
import type { Plan, Segment } from '../model/types.js';
import type { SendEntry, TimelineEntry } from '../timeline/types.js';
import type { Rule } from './rule.js';
import type { SendProblem } from './kit/send-problems.js';
import { SendProblems, bucketsBy, isMarketing } from './kit/send-problems.js';
import { relativeSegments } from './kit/traversal.js';
import { sendKey } from './kit/sends.js';

/** What is wrong with one marketing send to one segment: sent to a suppressed segment, or on a channel it did not consent to. */
function problemOf(plan: Plan, segment: Segment, send: SendEntry, via: TimelineEntry['via']): SendProblem | undefined {
  if (!isMarketing(plan, send)) return undefined;
  if (segment.suppressed) {
    const source = plan.segments.get(segment.declaredBy.suppressed)!;
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
  const source = plan.segments.get(segment.declaredBy.consent)!;
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
    for (const group of timelines.segmentGroups()) {
      const segment = plan.segments.get(group.representative);
      // Nothing to find for a segment that consents to everything and is not suppressed.
      if (!segment || (segment.consent === undefined && !segment.suppressed)) continue;
      const found: SendProblem[] = [];
      for (const { send, via } of timelines.timeline(group.representative)) {
        const problem = problemOf(plan, segment, send, via);
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
          const problem = problemOf(plan, segment, send, 'segment');
          if (problem) found.push(problem);
        }
        problems.add(bucket.segments, found);
      }
    }
    problems.reportTo(context);
  },
};
