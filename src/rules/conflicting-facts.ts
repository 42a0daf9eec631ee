import type { Template } from '../model/types.js';
import type { TimelineEntry } from '../timeline/types.js';
import { PairFindings, channelOf, firstMeetings, reachingEntries, relativeJourneysOf } from './kit/contradictions.js';
import type { Rule } from './rule.js';
import { describeSend } from './kit/sends.js';

/** What a template asserts about a fact: a value from a data source (`{{leasing.end_date}}`) or a literal value. */
export interface Assertion {
  /** Equal keys agree: the same source, or the same literal (case and spacing ignored). */
  key: string;
  /** `from {{leasing.end_date}}` or `as 2026-06-30`. */
  text: string;
}

export function assertionOf(raw: string): Assertion {
  const written = raw.trim().replace(/\s+/gu, ' ').replace(/\{\{\s*([^{}]*?)\s*\}\}/gu, '{{$1}}');
  const source = /^\{\{([^{}]+)\}\}$/u.exec(written);
  if (source) return { key: `source:${source[1]}`, text: `from ${written}` };
  return { key: `value:${written.toLowerCase()}`, text: `as ${written}` };
}

const FACTS = 'facts';

export const conflictingFacts: Rule = {
  id: 'conflicting-facts',
  category: 'contradictory',
  defaultSeverity: 'error',
  description: 'Two messages that can reach one segment assert the same fact with different values or from different sources.',
  fixable: false,
  create({ plan, timelines }) {
    const asserted = assertions(plan.templates);
    if (asserted.size === 0) return {};
    // One topic, the facts: two templates that disagree about several facts are one contradiction, one finding.
    const topicsOf = (template: string): readonly string[] => (asserted.has(template) ? [FACTS] : []);
    const assertion = (template: string, fact: string): Assertion => asserted.get(template)!.get(fact)!;
    const disagreeing = (earlier: string, later: string): string[] =>
      [...asserted.get(later)!.keys()].filter((fact) => asserted.get(earlier)!.has(fact) && assertion(earlier, fact).key !== assertion(later, fact).key);
    const claims = (template: string, facts: string[]): string => facts.map((fact) => `${fact} ${assertion(template, fact).text}`).join(' and ');
    const name = (entry: TimelineEntry): string => {
      const channel = channelOf(entry, plan.templates.get(entry.send.template)?.channels);
      return `${entry.send.template}${channel ? ` (${channel})` : ''}`;
    };
    const findings = new PairFindings({
      message: ({ earlier, later }, who) => {
        const facts = disagreeing(earlier.send.template, later.send.template);
        const theirs = facts.length === 1 ? `it ${assertion(earlier.send.template, facts[0]!).text}` : claims(earlier.send.template, facts);
        return `${name(later)} states ${claims(later.send.template, facts)}, but ${name(earlier)} states ${theirs}${who}`;
      },
      earlier: ({ earlier, later }) => `${describeSend(earlier.send, plan.templates)} states ${claims(earlier.send.template, disagreeing(earlier.send.template, later.send.template))}`,
      about: ({ earlier, later }) => disagreeing(earlier.send.template, later.send.template),
    });
    const disagree = (_topic: string, earlier: string, later: string): boolean => disagreeing(earlier, later).length > 0;
    return {
      readsOverlaps: true,
      splitBy: (segment) => relativeJourneysOf(timelines, segment),
      onTimeline(timeline) {
        for (const meeting of firstMeetings(timeline, reachingEntries(timelines, timeline), topicsOf, disagree)) findings.add(meeting, timeline);
      },
    };
  },
};

/**
 * What each template asserts about the facts asserted in more than one way (only those can disagree), by template
 * and fact, the facts in order; empty when no fact is contested.
 */
function assertions(templates: Map<string, Template>): Map<string, Map<string, Assertion>> {
  const ways = new Map<string, Set<string>>();
  for (const template of templates.values()) {
    for (const [fact, raw] of Object.entries(template.facts)) (ways.get(fact) ?? ways.set(fact, new Set()).get(fact)!).add(assertionOf(raw).key);
  }
  const contested = new Map<string, Map<string, Assertion>>();
  for (const template of templates.values()) {
    const facts = Object.keys(template.facts).filter((fact) => ways.get(fact)!.size > 1).sort();
    if (facts.length) contested.set(template.id, new Map(facts.map((fact) => [fact, assertionOf(template.facts[fact]!)])));
  }
  return contested;
}
