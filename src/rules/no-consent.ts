import { locationOf } from '../model/types.js';
import type { Plan, Segment } from '../model/types.js';
import type { SendEntry } from '../timeline/types.js';
import type { Rule, SendFault } from './rule.js';
import { isMarketing, sendKey } from './kit/sends.js';

/** What is wrong with one marketing send to one segment: sent to a suppressed segment, or on a channel it did not consent to. */
function faultOf(plan: Plan, segment: Segment, send: SendEntry): SendFault | undefined {
  if (!isMarketing(plan, send)) return undefined;
  if (segment.suppressed) {
    const source = plan.segments.get(segment.declaredBy.suppressed)!;
    const location = locationOf(source.source, 'suppressed');
    return {
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
  const cause = `${segment.consent.length ? `only ${segment.consent.join(', ')} ${segment.consent.length > 1 ? 'are' : 'is'}` : 'no channel is'} consented to`;
  return {
    // One finding for the segments that consent to the same channels: its words are true of each of them, not of the
    // first segment alone.
    key: `consent:${channel}:${consented}`,
    problem: `consent:${channel}`,
    cause,
    detail: `is a marketing message on ${channel}, but ${cause}`,
    ids: [send.template, sendKey(send), `consent:${channel}`],
    related: [{ file: location.file, line: location.line, column: location.column, message: `consent of ${source.id}: ${consented}` }],
  };
}

export const noConsent: Rule = {
  id: 'no-consent',
  category: 'contradictory',
  defaultSeverity: 'error',
  description: 'A marketing send on a channel the segment did not consent to, or to a suppressed segment.',
  fixable: false,
  create({ plan }) {
    return {
      // Segments a relative journey run stands for may differ in consent and suppression.
      splitBy: (segment) => JSON.stringify([segment.consent ?? null, segment.suppressed]),
      onSend: ({ send }, { segment }) => (segment.consent === undefined && !segment.suppressed ? undefined : faultOf(plan, segment, send)),
    };
  },
};
