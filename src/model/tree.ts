/** What the tree reads of a segment. Not the Segment type itself: the model's types name this module (Plan.tree). */
export interface TreeNode {
  parent?: string;
  children: readonly string[];
}

/** A segment's place in the depth-first numbering: its own number, and the last number of its subtree. */
interface Span {
  first: number;
  last: number;
}

/**
 * The parent tree of the segments, numbered once in depth-first order, so that "is A at or above B?" is two
 * comparisons (B's number lies within A's span), where walking up B's parent chain costs its depth: chains can be
 * thousands deep, and rules ask about every segment. The model cuts parent cycles before the tree is built, so every
 * segment lies below exactly one root: a segment without a parent, or whose parent was not built.
 */
export class SegmentTree {
  /** Every segment, parents before their children, each subtree contiguous: roots in plan order, children in theirs. */
  readonly order: readonly string[];
  private readonly spans = new Map<string, Span>();

  constructor(segments: ReadonlyMap<string, TreeNode>) {
    const order: string[] = [];
    const roots = [...segments].filter(([, segment]) => segment.parent === undefined || !segments.has(segment.parent)).map(([id]) => id);
    // A segment to enter, or the span to close once its subtree is numbered: the walk keeps its own stack, and pushes
    // children one by one, as a chain can be thousands deep and a segment can have hundreds of thousands of children.
    const steps: Array<string | Span> = roots.reverse();
    for (let step = steps.pop(); step !== undefined; step = steps.pop()) {
      if (typeof step !== 'string') {
        step.last = order.length - 1;
        continue;
      }
      const span = { first: order.length, last: order.length };
      order.push(step);
      this.spans.set(step, span);
      steps.push(span);
      const children = segments.get(step)!.children;
      for (let index = children.length - 1; index >= 0; index -= 1) steps.push(children[index]!);
    }
    this.order = order;
  }

  /** Whether `segment` is `ancestor` or lies below it. False for a segment the plan does not have. */
  contains(ancestor: string, segment: string): boolean {
    const above = this.spans.get(ancestor);
    const below = this.spans.get(segment);
    return above !== undefined && below !== undefined && above.first <= below.first && below.first <= above.last;
  }

  /** A segment and every segment below it, parents first: a new list, the caller's to keep or sort. */
  subtree(segment: string): string[] {
    const span = this.spans.get(segment);
    return span ? this.order.slice(span.first, span.last + 1) : [];
  }

  /**
   * A test of whether a segment is one of `ancestors` or lies below one of them, answered by a binary search over their
   * spans however many they are (a rule may ask it of every segment, for every journey's entry segment).
   */
  anyContains(ancestors: Iterable<string>): (segment: string) => boolean {
    const spans = [...new Set(ancestors)].flatMap((id) => this.spans.get(id) ?? []).sort((a, b) => a.first - b.first);
    // Two spans of a tree are nested or apart: a span that starts inside the one kept before it lies within it.
    const outermost: Span[] = [];
    for (const span of spans) if (outermost.length === 0 || span.first > outermost.at(-1)!.last) outermost.push(span);
    return (segment) => {
      const number = this.spans.get(segment)?.first;
      if (number === undefined) return false;
      let low = 0;
      let high = outermost.length - 1;
      // The last span that starts at or before the segment's number: the only one that can hold it.
      while (low < high) {
        const middle = (low + high + 1) >> 1;
        if (outermost[middle]!.first <= number) low = middle;
        else high = middle - 1;
      }
      const span = outermost[low];
      return span !== undefined && span.first <= number && number <= span.last;
    };
  }
}
