import { offerPeriod } from '../model/offers.js';
import { locationOf } from '../model/types.js';
import type { Offer, Template } from '../model/types.js';
import { describePlanDate } from '../time/dates.js';
import type { SendEntry } from '../timeline/types.js';
import type { Rule, SendFault } from './rule.js';
import { sendKey } from './kit/sends.js';

/** Where a send stands against its offer's validity, read in the send's own zone. */
function outside(offer: Offer, send: SendEntry): 'early' | 'late' | undefined {
  const [start, end] = offerPeriod(offer, send.zone.name);
  return send.millis < start ? 'early' : send.millis >= end ? 'late' : undefined;
}

function faultOf(template: Template, send: SendEntry): SendFault | undefined {
  const offer = template.offer;
  if (!offer || (!offer.validFrom && !offer.validUntil)) return undefined;
  const side = outside(offer, send);
  if (!side) return undefined;
  const field = side === 'early' ? 'valid_from' : 'valid_until';
  const date = side === 'early' ? offer.validFrom! : offer.validUntil!;
  const location = locationOf(template.source, 'offer', field);
  const value = offer.value !== undefined ? ` (${offer.value})` : '';
  return {
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
  create({ plan }) {
    // The validity is read in the send's own zone, so the answer is the same in every segment a send reaches. Relative
    // journey runs have no dates, so no offer can be judged there.
    return {
      onSend: ({ send }, timeline) => {
        const template = plan.templates.get(send.template);
        return !timeline.run && template ? faultOf(template, send) : undefined;
      },
    };
  },
};
