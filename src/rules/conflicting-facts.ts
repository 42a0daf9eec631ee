import type { Template } from '../model/types.js';
import type { TimelineEntry } from '../timeline/types.js';
import { PairFindings, channelOf, firstMeetings } from './kit/contradictions.js';
import type { Rule } from './rule.js';
import { describeSend, relatedTo, sendLocation, sendWhen, throughOverlap } from './kit/sends.js';
import { timelinesToCheck } from './kit/traversal.js';

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

export const conflictingFacts: Rule = {
  id: 'conflicting-facts',
  category: 'contradictory',
  defaultSeverity: 'error',
  description: 'Two messages that can reach one segment assert the same fact with different values or from different sources.',
  fixable: false,
  check(context) {
    const { plan, timelines } = context;
    // Fact → the distinct assertions templates make about it; only facts asserted in more than one way are checked.
    const assertions = new Map<string, Set<string>>();
    const ofTemplate = new Map<string, Map<string, Assertion>>();
    for (const template of plan.templates.values()) {
      for (const [fact, raw] of Object.entries(template.facts)) {
        const assertion = assertionOf(raw);
        (assertions.get(fact) ?? assertions.set(fact, new Set()).get(fact)!).add(assertion.key);
        (ofTemplate.get(template.id) ?? ofTemplate.set(template.id, new Map()).get(template.id)!).set(fact, assertion);
      }
    }
    const contested = new Set([...assertions].filter(([, keys]) => keys.size > 1).map(([fact]) => fact));
    if (contested.size === 0) return;

    const topics = new Map<string, string[]>();
    for (const [template, facts] of ofTemplate) topics.set(template, [...facts.keys()].filter((fact) => contested.has(fact)).sort());
    const topicsOf = (template: string): readonly string[] => topics.get(template) ?? [];
    const assertion = (template: string, fact: string): Assertion => ofTemplate.get(template)!.get(fact)!;
    const disagree = (fact: string, earlier: string, later: string): boolean => assertion(earlier, fact).key !== assertion(later, fact).key;

    const findings = new PairFindings();
    for (const reach of timelinesToCheck(timelines)) {
      for (const meeting of firstMeetings(reach.entries, topicsOf, disagree)) findings.add(meeting, reach.segments);
    }

    findings.reportTo(context, ({ topic, earlier, later }, _segments, onlyThroughOverlap) => {
      const name = (entry: TimelineEntry): string => {
        const template: Template | undefined = plan.templates.get(entry.send.template);
        const channel = channelOf(entry, template?.channels);
        return `${entry.send.template}${channel ? ` (${channel})` : ''}`;
      };
      const laterSays = assertion(later.send.template, topic).text;
      const earlierSays = assertion(earlier.send.template, topic).text;
      const overlap = onlyThroughOverlap ? throughOverlap(earlier, later) : '';
      return {
        message: `${name(later)} states ${topic} ${laterSays}, but ${name(earlier)} states it ${earlierSays}${overlap}`,
        location: sendLocation(later.send),
        ...sendWhen(later.send),
        related: [relatedTo(earlier.send, `${describeSend(earlier.send, plan.templates)} states ${topic} ${earlierSays}`)],
        ids: [topic, ...[earlier.send.template, later.send.template].sort()],
        campaign: later.send.campaign,
      };
    });
  },
};
