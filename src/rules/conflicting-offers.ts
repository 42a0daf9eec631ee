import { offerPeriod } from '../model/offers.js';
import type { Offer, Template } from '../model/types.js';
import { describePlanDate } from '../time/dates.js';
import type { TimelineEntry } from '../timeline/types.js';
import { PairFindings, channelOf, firstMeetings } from './kit/contradictions.js';
import type { Rule } from './rule.js';
import { describeSend, relatedTo, sendLocation, sendWhen, throughOverlap } from './kit/sends.js';
import { timelinesToCheck } from './kit/traversal.js';

/** `15%`, `15 %`, ` 15 % ` (no-break spaces) and `15 %` agree: case and every space are ignored. */
export function normaliseOfferValue(value: string): string {
  return value.normalize('NFKC').replace(/\s+/gu, '').toLowerCase();
}

const normaliseCode = (code: string): string => code.trim().toUpperCase();

function showValidity(offer: Offer): string {
  const from = offer.validFrom ? describePlanDate(offer.validFrom) : undefined;
  const until = offer.validUntil ? describePlanDate(offer.validUntil) : undefined;
  if (from && until) return `valid ${from} to ${until}`;
  if (from) return `valid from ${from} with no end date`;
  if (until) return `valid until ${until}`;
  return 'with no validity dates';
}

/** `15% (SERUM15)`, with the validity when it is part of the disagreement. */
function showOffer(offer: Offer, withValidity: boolean): string {
  const details = [offer.code, withValidity ? showValidity(offer) : undefined].filter((part): part is string => part !== undefined);
  if (offer.value !== undefined) return details.length ? `${offer.value.trim()} (${details.join(', ')})` : offer.value.trim();
  if (offer.code !== undefined) return [`code ${offer.code}`, ...details.slice(1)].join(', ');
  return details.join(', ') || 'without a value';
}

interface Disagreement {
  value: boolean;
  code: boolean;
  validity: boolean;
}

/** What two offers with one id disagree about; a value or code only one of them states is no disagreement. */
function disagreement(a: Offer, b: Offer, zone: string): Disagreement {
  const [aStart, aEnd] = offerPeriod(a, zone);
  const [bStart, bEnd] = offerPeriod(b, zone);
  return {
    value: a.value !== undefined && b.value !== undefined && normaliseOfferValue(a.value) !== normaliseOfferValue(b.value),
    code: a.code !== undefined && b.code !== undefined && normaliseCode(a.code) !== normaliseCode(b.code),
    validity: aStart !== bStart || aEnd !== bEnd,
  };
}

export const conflictingOffers: Rule = {
  id: 'conflicting-offers',
  category: 'contradictory',
  defaultSeverity: 'error',
  description: 'Two messages carry the same offer id with a different value, code or validity while both are live.',
  fixable: false,
  check(context) {
    const { plan, timelines } = context;
    // Offer id → the templates carrying it; only ids written in more than one way can disagree.
    const variants = new Map<string, Set<string>>();
    for (const template of plan.templates.values()) {
      const offer = template.offer;
      if (!offer) continue;
      const variant = [
        offer.value === undefined ? '' : normaliseOfferValue(offer.value),
        offer.code === undefined ? '' : normaliseCode(offer.code),
        JSON.stringify(offer.validFrom ?? null),
        JSON.stringify(offer.validUntil ?? null),
      ].join('\u0000');
      (variants.get(offer.id) ?? variants.set(offer.id, new Set()).get(offer.id)!).add(variant);
    }
    const contested = new Set([...variants].filter(([, set]) => set.size > 1).map(([id]) => id));
    if (contested.size === 0) return;

    const topicsOf = (template: string): readonly string[] => {
      const id = plan.templates.get(template)?.offer?.id;
      return id !== undefined && contested.has(id) ? [id] : [];
    };
    const findings = new PairFindings();
    for (const reach of timelinesToCheck(timelines)) {
      // Segments that share a timeline share their zones.
      const zone = timelines.zoneOf(reach.segments[0]!);
      const disagree = (_topic: string, earlier: string, later: string, at: TimelineEntry): boolean => {
        const a = plan.templates.get(earlier)!.offer!;
        const b = plan.templates.get(later)!.offer!;
        const differs = disagreement(a, b, zone);
        if (!differs.value && !differs.code && !differs.validity) return false;
        // Both live at once, and still so when the customer holds the second message: else it is a new offer later.
        // On a relative journey timeline (T = the entry event) the dates are unknown: overlapping validities suffice.
        const [aStart, aEnd] = offerPeriod(a, zone);
        const [bStart, bEnd] = offerPeriod(b, zone);
        const end = Math.min(aEnd, bEnd);
        const relative = at.send.origin.kind === 'journey' && at.send.origin.run.relative;
        return Math.max(aStart, bStart) < end && (relative || at.send.millis < end);
      };
      for (const meeting of firstMeetings(reach.entries, topicsOf, disagree)) findings.add(meeting, reach.segments);
    }

    findings.reportTo(context, ({ topic, earlier, later }, _segments, onlyThroughOverlap) => {
      const first = plan.templates.get(earlier.send.template)!;
      const second = plan.templates.get(later.send.template)!;
      const differs = disagreement(first.offer!, second.offer!, timelines.zoneOf(later.send.segment));
      const side = (template: Template, entry: TimelineEntry): string => {
        const channel = channelOf(entry, template.channels);
        return `${showOffer(template.offer!, differs.validity)} in ${template.id}${channel ? ` (${channel})` : ''}`;
      };
      const overlap = onlyThroughOverlap ? throughOverlap(earlier, later) : '';
      return {
        message: `offer ${topic} is ${side(second, later)} but ${side(first, earlier)}${overlap}`,
        location: sendLocation(later.send),
        ...sendWhen(later.send),
        related: [relatedTo(earlier.send, `${describeSend(earlier.send, plan.templates)}: offer ${topic} is ${showOffer(first.offer!, differs.validity)}`)],
        ids: [topic, ...[first.id, second.id].sort()],
        campaign: later.send.campaign,
      };
    });
  },
};
