import { describe, expect, it } from 'vitest';
import { FoundProblems } from '../../src/engine/found.js';
import type { Found } from '../../src/rules/rule.js';
import type { SendEntry } from '../../src/timeline/types.js';

/** A delivery as FoundProblems reads it: its time, where it stands, its `at`. */
const delivery = (millis: number, line: number): SendEntry =>
  ({ millis, origin: { kind: 'calendar' }, location: { file: 'calendar.csv', line, column: 1, endLine: line, endColumn: 9 }, when: { at: `t${millis}` } }) as unknown as SendEntry;

/** A problem at a delivery, keyed by a text several problems share (a journey step's id), told apart by its tag. */
class Tagged implements Found {
  readonly key = 'journey j @send:t';
  readonly ids: string[];

  constructor(
    readonly send: SendEntry,
    readonly tag: string,
    readonly segments: readonly string[],
  ) {
    this.ids = [tag];
  }

  get message(): string {
    return `${this.tag} at ${this.send.millis}`;
  }

  sameProblem(other: Found): boolean {
    return other instanceof Tagged && other.send.millis === this.send.millis && other.tag === this.tag;
  }
}

const drained = (problems: FoundProblems) => [...problems.drain()].map(({ message, segments, at }) => ({ message, segments, at }));

describe('the problems of one rule (FoundProblems)', () => {
  it('keeps the problems that share a key apart, by the time of their send and sameProblem, and merges the reports of each', () => {
    const problems = new FoundProblems('r');
    const [first, later] = [delivery(1_000, 2), delivery(2_000, 3)];
    for (const found of [new Tagged(first, 'a', ['s1']), new Tagged(later, 'a', ['s1']), new Tagged(first, 'b', ['s1']), new Tagged(first, 'a', ['s2'])]) problems.add(found, found.segments);
    expect(drained(problems)).toEqual([
      { message: 'a at 1000', segments: ['s1', 's2'], at: 't1000' },
      { message: 'b at 1000', segments: ['s1'], at: 't1000' },
      { message: 'a at 2000', segments: ['s1'], at: 't2000' },
    ]);
  });

  it('returns the Found it keeps for a problem: the first report, or the one at the earlier send', () => {
    const problems = new FoundProblems('r');
    const send = delivery(1_000, 5);
    const kept = new Tagged(send, 'a', ['s1']);
    expect(problems.add(kept, kept.segments)).toBe(kept);
    expect(problems.add(new Tagged(delivery(2_000, 6), 'b', ['s1']), ['s1'])).not.toBe(kept);
    const again = new Tagged(send, 'a', ['s2']);
    expect(problems.add(again, again.segments)).toBe(kept);
    // The same problem at the same time, from a row read earlier: it stands there instead.
    const earlierRow = new Tagged(delivery(1_000, 4), 'a', ['s3']);
    expect(problems.add(earlierRow, earlierRow.segments)).toBe(earlierRow);
  });

  it('takes a key without sameProblem as one problem, whatever reports it', () => {
    const problems = new FoundProblems('r');
    const send = delivery(1_000, 2);
    problems.add({ key: 'k', send, message: 'one', ids: ['x'] }, ['s2']);
    problems.add({ key: 'k', send, message: 'other words', ids: ['y'] }, ['s1']);
    expect(drained(problems)).toEqual([{ message: 'one', segments: ['s1', 's2'], at: 't1000' }]);
  });
});
