import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { model } from '../model/helpers.js';
import { buildTimelines } from '../../src/timeline/build.js';
import { SETTINGS, TEMPLATES } from './helpers.js';

const ZONES = ['UTC', 'Europe/Paris', 'America/New_York', 'Asia/Shanghai', 'Australia/Lord_Howe'];
const DATES = ['2026-03-08', '2026-03-08T02:30', '2026-03-29T02:30', '2026-10-25T02:30', '2026-11-01T01:30', '2028-02-29', '2026-06-30T23:59', '2026-01-01T00:00Z'];
const RULES = ['', 'daily', 'weekly', 'monthly', 'FREQ=WEEKLY;BYDAY=MO,TH', 'FREQ=DAILY;COUNT=5', 'FREQ=HOURLY;INTERVAL=7;COUNT=30', 'FREQ=MONTHLY;BYMONTHDAY=31'];
const DURATIONS = ['P1D', 'PT12H', 'P7D', '2w', 'P1M', '30m', 'PT0S'];
const EVENTS = ['lease_end', 'signup', 'replied', 'case_opened'];

/** Builds a plan from YAML text with templates a…f, expecting no input problems. */
function build(text: string, settings = {}) {
  const { plan, problems } = model({ 'plan.yaml': text, 'templates.yaml': `${TEMPLATES}\n` });
  expect(problems.map((problem) => problem.message)).toEqual([]);
  return buildTimelines(plan, { ...SETTINGS, ...settings });
}

/** A random forest: each segment's parent is an earlier segment or none. */
const forest = fc.integer({ min: 1, max: 8 }).chain((size) =>
  fc.tuple(
    fc.tuple(...Array.from({ length: size }, (_, index) => (index === 0 ? fc.constant(-1) : fc.integer({ min: -1, max: index - 1 })))),
    fc.array(fc.tuple(fc.nat(size - 1), fc.nat(size - 1)), { maxLength: 4 }),
  ),
);

/** A random journey step, as a YAML flow mapping; `steps` is the number of steps (for next targets). */
const step = (steps: number) => {
  const target = fc.nat(steps).map((index) => (index === steps ? 'end' : `s${index}`));
  const next = fc.option(target, { nil: undefined });
  const kind = fc.oneof(
    fc.constantFrom('a', 'b', 'c').map((template) => `send: ${template}`),
    fc.constantFrom(...DURATIONS).map((duration) => `wait: ${duration}`),
    fc.tuple(fc.constantFrom(...EVENTS), fc.constantFrom('P0D', '-P3D', 'P2D')).map(([event, offset]) => `wait: {until: {event: ${event}, offset: ${offset}}}`),
    fc.constantFrom('set: {lease: ended}', 'set: {tier: gold}', 'exit: true'),
    fc
      .array(
        fc.oneof(
          fc.tuple(fc.constantFrom(...EVENTS), fc.constantFrom('P1D', 'PT2H', 'P0D'), target).map(([event, within, to]) => `{when: {event: ${event}, within: ${within}}, next: ${to}}`),
          fc.tuple(fc.constantFrom('active', 'ended'), target).map(([value, to]) => `{when: {state: {lease: ${value}}}, next: ${to}}`),
        ),
        { minLength: 1, maxLength: 3 },
      )
      .chain((options) => fc.option(target, { nil: undefined }).map((otherwise) => `branch: [${[...options, ...(otherwise ? [`{otherwise: true, next: ${otherwise}}`] : [])].join(', ')}]`)),
  );
  return fc.tuple(kind, next).map(([action, to]) => `{${action}${to && !action.startsWith('branch') ? `, next: ${to}` : ''}}`);
};

const journeyText = fc.integer({ min: 1, max: 8 }).chain((size) =>
  fc.tuple(fc.tuple(...Array.from({ length: size }, () => step(size))), fc.constantFrom('P0D', '-P30D', 'P1D')).map(([steps, offset]) =>
    [
      'journeys:',
      '  - id: j',
      `    entry: {segment: s0, event: lease_end, offset: ${offset}}`,
      '    steps:',
      ...steps.map((text, index) => `      - {id: s${index}, ${text.slice(1)}`),
      '      - {id: end, exit: true}',
    ].join('\n'),
  ),
);

const segmentsText = (parents: number[], overlaps: Array<[number, number]>, zones: string[] = [], events = false): string =>
  [
    'segments:',
    ...parents.map((parent, index) => {
      const fields = [`id: s${index}`];
      if (parent >= 0) fields.push(`parent: s${parent}`);
      const declared = [...new Set(overlaps.filter(([from, to]) => from === index && to !== index).map(([, to]) => `s${to}`))];
      if (declared.length) fields.push(`overlaps: [${declared.join(', ')}]`);
      if (zones[index]) fields.push(`timezone: ${zones[index]}`);
      if (events && index % 2 === 0) fields.push(`states: {lease: active}`, `events: {lease_end: ${index % 4 === 0 ? '2026-06-30' : '2026-03-29'}}`);
      return `  - {${fields.join(', ')}}`;
    }),
  ].join('\n');

describe('timeline properties', () => {
  it('every timeline is sorted by time and lies within the horizon', () => {
    fc.assert(
      fc.property(
        forest,
        fc.array(fc.constantFrom(...ZONES, ''), { minLength: 8, maxLength: 8 }),
        fc.array(fc.tuple(fc.nat(7), fc.constantFrom(...DATES), fc.constantFrom(...RULES), fc.constantFrom(...ZONES, '')), { maxLength: 6 }),
        journeyText,
        ([parents, overlaps], zones, sends, journey) => {
          const calendar = sends
            .map(([segment, date, rule, zone]) => `  - {date: "${date}", segment: s${segment % parents.length}, template: d${rule ? `, repeat: "${rule}"` : ''}${zone ? `, timezone: ${zone}` : ''}}`)
            .join('\n');
          const text = `${segmentsText(parents, overlaps, zones, true)}\n${calendar ? `calendar:\n${calendar}\n` : ''}${journey}\n`;
          const timelines = build(text);
          const { start, end } = timelines.horizon;
          expect(start.isValid && end.isValid && start <= end).toBe(true);
          for (const id of timelines.plan.segments.keys()) {
            const millis = timelines.timeline(id).map((entry) => entry.send.millis);
            expect(millis).toEqual([...millis].sort((a, b) => a - b));
            for (const time of millis) {
              expect(time).toBeGreaterThanOrEqual(start.toMillis());
              expect(time).toBeLessThanOrEqual(end.toMillis());
            }
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('path enumeration of random journeys (loops, branches, jumps) terminates within maxPaths and a time bound', () => {
    fc.assert(
      fc.property(journeyText, fc.constantFrom(4, 16, 256), (journey, maxPaths) => {
        const started = Date.now();
        const timelines = build(`segments:\n  - {id: s0, states: {lease: active}, events: {lease_end: 2026-06-30}}\n${journey}\n`, { maxPaths });
        const runs = [...timelines.runsFor('s0'), ...timelines.relativeRuns];
        expect(runs).toHaveLength(1);
        const run = runs[0]!;
        expect(run.paths).toBeLessThanOrEqual(maxPaths);
        if (!run.truncated) expect(run.paths).toBeGreaterThanOrEqual(1);
        for (const send of run.sends) {
          if (send.origin.kind !== 'journey') continue;
          const { first, last } = send.origin.paths;
          expect(0 <= first && first <= last && last < Math.max(run.paths, 1)).toBe(true);
        }
        expect(Date.now() - started).toBeLessThan(3000);
      }),
      { numRuns: 80 },
    );
  });

  it('a calendar send reaches exactly its segment’s subtree plus the segments declared to overlap it, once each', () => {
    fc.assert(
      fc.property(forest, ([parents, overlaps]) => {
        const calendar = parents.map((_, index) => `  - {id: send-${index}, date: 2026-05-01, segment: s${index}, template: a}`).join('\n');
        const timelines = build(`${segmentsText(parents, overlaps)}\ncalendar:\n${calendar}\n`);
        const subtree = (root: number): Set<number> => {
          const found = new Set([root]);
          for (let grew = true; grew; ) {
            grew = false;
            parents.forEach((parent, index) => {
              if (found.has(parent) && !found.has(index)) grew = found.add(index) !== undefined;
            });
          }
          return found;
        };
        const overlapping = (index: number): number[] => overlaps.flatMap(([a, b]) => (a === index && b !== index ? [b] : b === index && a !== index ? [a] : []));
        parents.forEach((_, index) => {
          const expected = new Set([...subtree(index), ...overlapping(index)]);
          const reached = parents.map((__, other) => timelines.timeline(`s${other}`).filter((entry) => entry.send.origin.kind === 'calendar' && entry.send.origin.send.id === `send-${index}`).length);
          expect(reached).toEqual(parents.map((__, other) => (expected.has(other) ? 1 : 0)));
          // How it reaches: its own segment, a descendant (ancestor), else an overlap.
          for (const other of expected) {
            const via = timelines.timeline(`s${other}`).find((entry) => entry.send.origin.kind === 'calendar' && entry.send.origin.send.id === `send-${index}`)!.via;
            expect(via).toBe(other === index ? 'segment' : subtree(index).has(other) ? 'ancestor' : 'overlap');
          }
        });
      }),
      { numRuns: 150 },
    );
  });
});
