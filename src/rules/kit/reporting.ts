// One finding per problem, however many segments show it (SPEC 5).
import type { Problem } from '../../findings/finding.js';
import type { LegacyRuleContext as RuleContext } from '../rule.js';

/**
 * One finding per problem, not per segment (SPEC 5): problems with the same key found in several segments'
 * timelines are reported once, listing every segment. The message is built once all segments are known.
 */
export class ProblemsBySegment {
  /** Segment lists are kept as given (often one group's list, shared by many problems) and merged once, at the end. */
  private readonly pending = new Map<string, { segments: Array<readonly string[]>; build: (segments: string[]) => Omit<Problem, 'rule'> }>();

  add(key: string, segments: readonly string[], build: (segments: string[]) => Omit<Problem, 'rule'>): void {
    const entry = this.pending.get(key) ?? this.pending.set(key, { segments: [], build }).get(key)!;
    entry.segments.push(segments);
  }

  reportTo(context: Pick<RuleContext, 'report'>): void {
    // Each entry is let go once reported, so that what its build holds can be collected while the next ones are built.
    for (const [key, { segments, build }] of this.pending) {
      this.pending.delete(key);
      const sorted = mergeSegments(segments);
      context.report({ segments: sorted, ...build(sorted) });
    }
  }
}

/** The segments of several lists, each once, sorted. Most problems have one list, already sorted: it is only copied. */
function mergeSegments(lists: Array<readonly string[]>): string[] {
  const [only] = lists;
  if (lists.length === 1 && only!.every((segment, index) => index === 0 || only![index - 1]! < segment)) return [...only!];
  return [...new Set(lists.flat())].sort();
}
