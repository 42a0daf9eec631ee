import type { RelatedLocation } from '../../findings/finding.js';
import type { Plan } from '../../model/types.js';
import type { SendEntry, Via } from '../../timeline/types.js';
import type { LegacyRuleContext as RuleContext } from '../rule.js';
import { ProblemsBySegment } from './reporting.js';
import { describeSend, segmentsText, sendKey, sendLocation, sendWhen, throughOverlap } from './sends.js';

/**
 * Support for rules that judge one send at a time (state-conflict, no-consent, quiet-hours, expired-offer): what is wrong
 * with a send, gathered per segment group, reported once per send source and problem, listing every segment.
 */
export interface SendProblem {
  send: SendEntry;
  via?: Via;
  /** Tells apart the problems of one send (a stable text: the cause, not a time). */
  key: string;
  /** What is wrong, written after the send's description and before "for segment …". */
  detail: string;
  ids: string[];
  related?: RelatedLocation[];
}

/**
 * Collects send problems segment group by segment group. Occurrences of one calendar row or journey step with the same
 * problem in one group (a recurring send, a step unrolled in a loop) are one finding that names the first and counts the
 * rest; the same finding in several groups is reported once, listing every segment (SPEC 5).
 */
export class SendProblems {
  private readonly sink = new ProblemsBySegment();

  constructor(private readonly plan: Plan) {}

  add(segments: string[], problems: Iterable<SendProblem>): void {
    const found = new Map<string, { problem: SendProblem; count: number }>();
    for (const problem of problems) {
      const overlap = throughOverlap({ send: problem.send, via: problem.via ?? 'segment' });
      const key = [sendKey(problem.send), problem.key, overlap].join('\u0000');
      const seen = found.get(key);
      if (seen) seen.count += 1;
      else found.set(key, { problem, count: 1 });
    }
    for (const [key, { problem, count }] of found) {
      const { send } = problem;
      const overlap = throughOverlap({ send, via: problem.via ?? 'segment' });
      const more = count > 1 ? ` (and ${count - 1} later occurrence${count > 2 ? 's' : ''})` : '';
      this.sink.add(`${key}\u0000${send.millis}\u0000${count}`, segments, (all) => {
        return {
          message: `${describeSend(send, this.plan.templates)}${more} ${problem.detail} for ${segmentsText(all)}${overlap}`,
          location: sendLocation(send),
          related: problem.related ?? [],
          ids: problem.ids,
          ...(send.campaign !== undefined ? { campaign: send.campaign } : {}),
          ...sendWhen(send),
        };
      });
    }
  }

  reportTo(context: Pick<RuleContext, 'report'>): void {
    this.sink.reportTo(context);
  }
}

/** Splits segments into buckets that share `keyOf` (a consent list, a set of options…), each with its first segment. */
export function bucketsBy(segments: string[], keyOf: (segment: string) => string): Array<{ representative: string; segments: string[] }> {
  const buckets = new Map<string, { representative: string; segments: string[] }>();
  for (const segment of segments) {
    const key = keyOf(segment);
    const bucket = buckets.get(key);
    if (bucket) bucket.segments.push(segment);
    else buckets.set(key, { representative: segment, segments: [segment] });
  }
  return [...buckets.values()];
}

/** Whether a send is a marketing message: its intent says `marketing: true`; a template without an intent counts as one. */
export function isMarketing(plan: Plan, send: SendEntry): boolean {
  const intent = plan.templates.get(send.template)?.intent;
  if (intent === undefined) return true;
  return plan.vocabulary.intents.get(intent)?.marketing ?? true;
}
