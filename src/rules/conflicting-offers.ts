import { offerPeriod } from '../model/offers.js';
import type { Offer, Template } from '../model/types.js';
import { describePlanDate } from '../time/dates.js';
import type { TimelineEntry } from '../timeline/types.js';
import type { Meeting } from './kit/contradictions.js';
import { PairFindings, channelOf, firstMeetings, reachingEntries, relativeJourneysOf } from './kit/contradictions.js';
import type { Rule } from './rule.js';
import { discountOf, plainText } from './kit/content.js';
import { describeSend } from './kit/sends.js';

/**
 * `15%`, `15 %`, ` 15 % ` (no-break spaces), `１５％` and `١٥٪` agree: read as locale-drift reads numbers (digits of
 * every script, full-width forms), with case and every space ignored. A value that is one number and its sign is that
 * number and sign wherever the sign stands and however the number is written: `€20`, `20 €` and `20,00 €` agree, and
 * a discount as a shop writes it is its percentage: `-15 %` (French retail), `八五折` (Chinese), `2割引` (Japanese: 20%).
 */
export function normaliseOfferValue(value: string): string {
  const discount = discountOf(value);
  if (discount !== undefined) return `${discount}%`;
  const plain = plainText(value).plain.replace(/\s+/gu, '').toLowerCase();
  const single = /^[-\u2212]?([^\d.,]*)(\d+(?:[.,]\d+)?)([^\d.,]*)$/u.exec(plain);
  if (!single) return plain;
  const [, before = '', number = '', after = ''] = single;
  if ((before === '') === (after === '')) return plain;
  // A separator before three digits groups thousands (`1,000`); before one or two, it is the decimal one (`20,50`).
  const read = /[.,]\d{3}$/.test(number) ? number.replace(/[.,]/, '') : number.replace(',', '.');
  return `${Number(read)}${before}${after}`;
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
  create({ plan, timelines }) {
    const contested = contestedOffers(plan.templates);
    if (contested.size === 0) return {};
    const offerOf = (template: string): Offer => plan.templates.get(template)!.offer!;
    const topicsOf = (template: string): readonly string[] => {
      const id = plan.templates.get(template)?.offer?.id;
      return id !== undefined && contested.has(id) ? [id] : [];
    };
    /** The offer as one message of a meeting states it: `15% (SERUM15)`, with the validity when the two disagree about it. */
    const stated = ({ earlier, later }: Meeting, entry: TimelineEntry): string => {
      const { validity } = disagreement(offerOf(earlier.send.template), offerOf(later.send.template), timelines.zoneOf(later.send.segment));
      return showOffer(offerOf(entry.send.template), validity);
    };
    const inTemplate = (meeting: Meeting, entry: TimelineEntry): string => {
      const channel = channelOf(entry, plan.templates.get(entry.send.template)!.channels);
      return `${stated(meeting, entry)} in ${entry.send.template}${channel ? ` (${channel})` : ''}`;
    };
    const findings = new PairFindings({
      message: (meeting, who) => `offer ${meeting.topic} is ${inTemplate(meeting, meeting.later)} but ${inTemplate(meeting, meeting.earlier)}${who}`,
      earlier: (meeting) => `${describeSend(meeting.earlier.send, plan.templates)}: offer ${meeting.topic} is ${stated(meeting, meeting.earlier)}`,
    });
    return {
      readsOverlaps: true,
      splitBy: (segment) => relativeJourneysOf(timelines, segment),
      onTimeline(timeline) {
        // Segments that share a timeline share their zones.
        const zone = timelines.zoneOf(timeline.segments[0]!);
        const disagree = (_offer: string, earlier: string, later: string, at: TimelineEntry): boolean => liveTogether(offerOf(earlier), offerOf(later), zone, at);
        for (const meeting of firstMeetings(timeline, reachingEntries(timelines, timeline), topicsOf, disagree)) findings.add(meeting, timeline);
      },
    };
  },
};

/** Offer ids written in more than one way (value, code or validity): only those can disagree. */
function contestedOffers(templates: Map<string, Template>): Set<string> {
  const variants = new Map<string, Set<string>>();
  for (const { offer } of templates.values()) {
    if (!offer) continue;
    const variant = [
      offer.value === undefined ? '' : normaliseOfferValue(offer.value),
      offer.code === undefined ? '' : normaliseCode(offer.code),
      JSON.stringify(offer.validFrom ?? null),
      JSON.stringify(offer.validUntil ?? null),
    ].join('\u0000');
    (variants.get(offer.id) ?? variants.set(offer.id, new Set()).get(offer.id)!).add(variant);
  }
  return new Set([...variants].filter(([, set]) => set.size > 1).map(([id]) => id));
}

/**
 * Whether two offers with one id disagree while both are live, and still so when the customer holds the second message
 * (`at`): else it is a new offer later. On a relative journey timeline (T = the entry event) the dates are unknown:
 * overlapping validities suffice.
 */
function liveTogether(a: Offer, b: Offer, zone: string, at: TimelineEntry): boolean {
  const differs = disagreement(a, b, zone);
  if (!differs.value && !differs.code && !differs.validity) return false;
  const [aStart, aEnd] = offerPeriod(a, zone);
  const [bStart, bEnd] = offerPeriod(b, zone);
  const end = Math.min(aEnd, bEnd);
  const relative = at.send.origin.kind === 'journey' && at.send.origin.run.relative;
  return Math.max(aStart, bStart) < end && (relative || at.send.millis < end);
}
