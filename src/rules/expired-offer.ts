import { offerPeriod } from '../model/offers.js';
import { locationOf } from '../model/types.js';
import type { Offer, Template } from '../model/types.js';
import { describePlanDate } from '../time/dates.js';
import type { SendEntry, TimelineEntry } from '../timeline/types.js';
import type { Rule } from './rule.js';
import type { SendProblem } from './kit/send-problems.js';
import { SendProblems } from './kit/send-problems.js';
import { sendKey } from './kit/sends.js';

/** Where a send stands against its offer's validity, read in the send's own zone. */
function outside(offer: Offer, send: SendEntry): 'early' | 'late' | undefined {
  const [start, end] = offerPeriod(offer, send.time.zone.name);
  return send.millis < start ? 'early' : send.millis >= end ? 'late' : undefined;
}

function problemOf(template: Template, send: SendEntry, via: TimelineEntry['via']): SendProblem | undefined {
  const offer = template.offer;
  if (!offer || (!offer.validFrom && !offer.validUntil)) return undefined;
  const side = outside(offer, send);
  if (!side) return undefined;
  const field = side === 'early' ? 'valid_from' : 'valid_until';
  const date = side === 'early' ? offer.validFrom! : offer.validUntil!;
  const location = locationOf(template.source, 'offer', field);
  const value = offer.value !== undefined ? ` (${offer.value})` : '';
  return {
    send,
    via,
    key: side,
    detail:
      side === 'early'
        ? `carries offer ${offer.id}${value}, which is not valid before ${describePlanDate(date)}`
        : `carries offer ${offer.id}${value}, which expired after ${describePlanDate(date)}`,
    ids: [send.template, sendKey(send), offer.id, field],
    related: [{ file: location.file, line: location.line, column: location.column, message: `offer ${offer.id} ${field} ${describePlanDate(date)}` }],
  };
}

export const expiredOffer: Rule = {
  id: 'expired-offer',
  category: 'contradictory',
  defaultSeverity: 'error',
  description: 'A send outside its offer validity period.',
  fixable: false,
  check(context) {
    const { plan, timelines } = context;
    const problems = new SendProblems(plan);
    // Only templates whose offer has dates can be sent out of time.
    const dated = new Set([...plan.templates.values()].filter((t) => t.offer && (t.offer.validFrom || t.offer.validUntil)).map((t) => t.id));
    if (dated.size === 0) return;
    // The validity is read in the send's own zone, so the answer is the same in every segment a send reaches; the
    // groups still say which segments that are (those it is meant for: a declared overlap adds nothing to the problem). Relative journey runs have no dates, so no offer can be judged there.
    for (const group of timelines.segmentGroups()) {
      const found: SendProblem[] = [];
      for (const { send, via } of timelines.timeline(group.representative)) {
        if (via === 'overlap' || !dated.has(send.template)) continue;
        const problem = problemOf(plan.templates.get(send.template)!, send, via);
        if (problem) found.push(problem);
      }
      problems.add(group.segments, found);
    }
    problems.reportTo(context);
  },
};
