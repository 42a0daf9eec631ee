import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SegmentTree } from '../../src/model/tree.js';
import type { Plan } from '../../src/model/types.js';
import { model, yaml } from './helpers.js';

/** Segments as the tree reads them, from `child → parent` pairs (a parent's children in the order given). */
function segments(parents: Array<[string, string | undefined]>): Map<string, { parent?: string; children: string[] }> {
  const map = new Map(parents.map(([id, parent]) => [id, { parent, children: [] as string[] }]));
  for (const [id, parent] of parents) if (parent !== undefined) map.get(parent)?.children.push(id);
  return map;
}

/** A segment and the segments above it, walking up the parent chain (which the model has cut where it looped). */
function lineage(plan: Plan, segment: string): Set<string> {
  const ids = new Set<string>();
  for (let id: string | undefined = segment; id !== undefined && plan.segments.has(id); id = plan.segments.get(id)!.parent) ids.add(id);
  return ids;
}

describe('the segment tree (model/tree.ts)', () => {
  // all ← lessees ← lessees-june, all ← prospects; vip alone; orphan's parent is not built (it broke the schema).
  const tree = new SegmentTree(
    segments([
      ['all', undefined],
      ['lessees', 'all'],
      ['vip', undefined],
      ['lessees-june', 'lessees'],
      ['prospects', 'all'],
      ['orphan', 'gone'],
    ]),
  );

  it('numbers the segments depth first: parents before children, roots in plan order, children in their order', () => {
    expect(tree.order).toEqual(['all', 'lessees', 'lessees-june', 'prospects', 'vip', 'orphan']);
  });

  it('tells whether a segment is another or lies below it', () => {
    expect(tree.contains('all', 'lessees-june')).toBe(true);
    expect(tree.contains('lessees', 'lessees')).toBe(true);
    expect(tree.contains('lessees-june', 'lessees')).toBe(false);
    expect(tree.contains('lessees', 'prospects')).toBe(false);
    expect(tree.contains('all', 'vip')).toBe(false);
    expect(tree.contains('gone', 'orphan')).toBe(false);
    expect(tree.contains('unknown', 'unknown')).toBe(false);
  });

  it('lists a subtree, the segment first', () => {
    expect(tree.subtree('all')).toEqual(['all', 'lessees', 'lessees-june', 'prospects']);
    expect(tree.subtree('vip')).toEqual(['vip']);
    expect(tree.subtree('unknown')).toEqual([]);
  });

  it('tells whether a segment is one of several or below one of them', () => {
    const below = tree.anyContains(['lessees', 'vip', 'lessees-june', 'unknown']);
    expect(tree.order.filter(below)).toEqual(['lessees', 'lessees-june', 'vip']);
    expect(tree.order.filter(tree.anyContains([]))).toEqual([]);
  });

  it('numbers a chain 100,000 deep and a segment with 200,000 children without recursion', () => {
    const chain = new SegmentTree(segments(Array.from({ length: 100_000 }, (_, index) => [`c${index}`, index === 0 ? undefined : `c${index - 1}`])));
    expect(chain.contains('c0', 'c99999')).toBe(true);
    expect(chain.contains('c99999', 'c0')).toBe(false);
    expect(chain.subtree('c99998')).toEqual(['c99998', 'c99999']);
    const wide = new SegmentTree(segments([['root', undefined], ...Array.from({ length: 200_000 }, (_, index): [string, string] => [`w${index}`, 'root'])]));
    expect(wide.subtree('root')).toHaveLength(200_001);
    expect(wide.contains('root', 'w199999')).toBe(true);
    expect(wide.contains('w0', 'w1')).toBe(false);
  });

  it('is the plan’s, built after the model cuts parent cycles', () => {
    const { plan } = model({
      'segments.yaml': yaml('segments:', '  - {id: a, parent: c}', '  - {id: b, parent: a}', '  - {id: c, parent: b}', '  - {id: d, parent: b}'),
    });
    // The cycle is cut at a, its first member in plan order: a ← b ← c, and b ← d.
    expect(plan.tree.order).toEqual(['a', 'b', 'c', 'd']);
    expect(plan.tree.contains('a', 'd')).toBe(true);
    expect(plan.tree.contains('c', 'a')).toBe(false);
  });

  it('agrees with walking up the parent chain, for any parents (cycles included)', () => {
    const parents = fc.integer({ min: 1, max: 9 }).chain((size) => fc.array(fc.option(fc.nat(size - 1), { nil: undefined }), { minLength: size, maxLength: size }));
    fc.assert(
      fc.property(parents, fc.array(fc.nat(8), { maxLength: 3 }), (parentOf, chosen) => {
        const lines = parentOf.map((parent, index) => `  - {id: s${index}${parent === undefined ? '' : `, parent: s${parent}`}}`);
        const { plan } = model({ 'segments.yaml': yaml('segments:', ...lines) });
        const ids = [...plan.segments.keys()];
        const above = new Map(ids.map((id) => [id, lineage(plan, id)]));
        expect([...plan.tree.order].sort()).toEqual([...ids].sort());
        plan.tree.order.forEach((id, index) => {
          const parent = plan.segments.get(id)!.parent;
          if (parent !== undefined) expect(plan.tree.order.indexOf(parent)).toBeLessThan(index);
        });
        for (const ancestor of ids) {
          for (const segment of ids) expect(plan.tree.contains(ancestor, segment)).toBe(above.get(segment)!.has(ancestor));
          expect(plan.tree.subtree(ancestor).sort()).toEqual(ids.filter((segment) => above.get(segment)!.has(ancestor)).sort());
        }
        const some = chosen.map((index) => `s${index}`);
        const below = plan.tree.anyContains(some);
        for (const segment of ids) expect(below(segment)).toBe(some.some((ancestor) => above.get(segment)!.has(ancestor)));
      }),
      { numRuns: 300 },
    );
  });
});
