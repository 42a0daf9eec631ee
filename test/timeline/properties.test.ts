import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { model } from '../model/helpers.js';
import { MAX_OCCURRENCES, expandRecurrence, expansionsUntil, parseRecurrence } from '../../src/time/recurrence.js';
import { zoneNamed } from '../../src/time/zoned.js';
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

  it('path enumeration of random journeys (loops, branches, jumps) terminates within maxPaths', () => {
    fc.assert(
      fc.property(journeyText, fc.constantFrom(4, 16, 256), (journey, maxPaths) => {
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

/** A list of 1 to 3 whole numbers from `low` to `high`; `signed` adds their negatives (counting from the end). */
const numbers = (low: number, high: number, signed = false) =>
  fc.array(fc.integer({ min: low, max: high }).chain((value) => (signed ? fc.constantFrom(value, -value) : fc.constant(value))), { minLength: 1, maxLength: 3 }).map((list) => list.join(','));
const WEEKDAY = fc.constantFrom('MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU');
/** A part in one rule of three: rules with every part at once never occur, and are the slowest to find empty. */
const sometimes = <T>(arbitrary: fc.Arbitrary<T>) => fc.oneof({ arbitrary: fc.constant(undefined), weight: 2 }, { arbitrary, weight: 1 });

/** A rule built from valid parts only, combined as RFC 5545 allows. */
const validRule = fc
  .record({
    freq: fc.constantFrom('YEARLY', 'MONTHLY', 'WEEKLY', 'DAILY', 'HOURLY'),
    interval: sometimes(fc.oneof(fc.integer({ min: 1, max: 30 }), fc.constant(99_999_999_999))),
    end: sometimes(fc.oneof(fc.integer({ min: 1, max: 50_000 }).map((count) => `COUNT=${count}`), fc.constantFrom('UNTIL=20270101', 'UNTIL=20260601T120000Z', 'UNTIL=19990101'))),
    bymonth: sometimes(numbers(1, 12)),
    bymonthday: sometimes(numbers(1, 31, true)),
    byyearday: sometimes(numbers(1, 366, true)),
    byweekno: sometimes(numbers(1, 53, true)),
    byday: sometimes(fc.array(fc.tuple(sometimes(fc.integer({ min: -53, max: 53 }).filter((n) => n !== 0)), WEEKDAY), { minLength: 1, maxLength: 3 })),
    byhour: sometimes(numbers(0, 23)),
    byminute: sometimes(numbers(0, 59)),
    bysetpos: sometimes(numbers(1, 366, true)),
    wkst: sometimes(WEEKDAY),
  })
  .map((parts) => {
    const yearly = parts.freq === 'YEARLY';
    const monthly = parts.freq === 'MONTHLY' || (yearly && parts.bymonth !== undefined);
    const byweekno = yearly ? parts.byweekno : undefined;
    const byday = parts.byday?.map(([ordinal, day]) => {
      const allowed = (parts.freq === 'MONTHLY' || yearly) && byweekno === undefined;
      if (!allowed || ordinal === undefined) return day;
      return `${monthly ? Math.sign(ordinal) * (((Math.abs(ordinal) - 1) % 5) + 1) : ordinal}${day}`;
    });
    const chosen: Array<[string, string | number | undefined]> = [
      ['FREQ', parts.freq],
      ['INTERVAL', parts.interval],
      ['BYMONTH', parts.bymonth],
      ['BYMONTHDAY', parts.freq === 'WEEKLY' ? undefined : parts.bymonthday],
      ['BYYEARDAY', yearly || parts.freq === 'HOURLY' ? parts.byyearday : undefined],
      ['BYWEEKNO', byweekno],
      ['BYDAY', byday?.join(',')],
      ['BYHOUR', parts.byhour],
      ['BYMINUTE', parts.byminute],
      ['WKST', parts.wkst],
    ];
    const hasBy = chosen.some(([name, value]) => name.startsWith('BY') && value !== undefined);
    if (hasBy) chosen.push(['BYSETPOS', parts.bysetpos]);
    const text = chosen.filter(([, value]) => value !== undefined).map(([name, value]) => `${name}=${value}`);
    return [...text, ...(parts.end ? [parts.end] : [])].join(';');
  });

/** A part with a value outside its range (or not of its kind), and the part's name. */
const brokenPart = fc.oneof(
  fc.integer({ max: 0 }).map((count) => `COUNT=${count}`),
  fc.integer({ max: 0 }).map((interval) => `INTERVAL=${interval}`),
  fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 13 })).map((month) => `BYMONTH=${month}`),
  fc.oneof(fc.constant(0), fc.integer({ min: 32 }), fc.integer({ max: -32 })).map((day) => `BYMONTHDAY=${day}`),
  fc.oneof(fc.integer({ max: -1 }), fc.integer({ min: 24 })).map((hour) => `BYHOUR=${hour}`),
  fc.oneof(fc.integer({ max: -1 }), fc.integer({ min: 60 })).map((minute) => `BYMINUTE=${minute}`),
  fc.tuple(fc.oneof(fc.integer({ min: 54, max: 999 }), fc.integer({ min: -999, max: -54 })), WEEKDAY).map(([ordinal, day]) => `BYDAY=${ordinal}${day}`),
  fc
    .string({ maxLength: 4 })
    .map((day) => day.replace(/[;=,"]/g, ''))
    .filter((day) => !/^[+-]?\d{0,2}(MO|TU|WE|TH|FR|SA|SU)$/i.test(day.trim()))
    .map((day) => `BYDAY=${day}`),
  fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 13, max: 99 }), fc.integer({ min: 1, max: 28 })).map(([year, month, day]) => `UNTIL=${String(year).padStart(4, '0')}${month}${String(day).padStart(2, '0')}`),
  fc.constantFrom('FREQ=SECONDLY', 'FREQ=MINUTELY', 'FREQ=BIWEEKLY', 'WKST=XX', 'BYEASTER=1', 'DTSTART=20260101'),
);

describe('recurrence properties (issue 8)', () => {
  const first = DateTime.fromISO('2026-03-29T09:00', { zone: 'Europe/Paris' });
  const end = first.plus({ years: 2 });

  it('a rule of valid parts parses (or is said never to occur), and expands in order, within its bounds and the cap', () => {
    fc.assert(
      fc.property(validRule, (rule) => {
        const parsed = parseRecurrence(rule);
        if ('error' in parsed) {
          expect(parsed.error).toMatch(/never occurs|never picks anything/);
          return;
        }
        const times = expandRecurrence(parsed.options, first.toMillis(), first.zone, end.toMillis()).times;
        // A rule that never occurs is scanned for at most 400 years past the end (an hourly one: about a second).
        expect(times.length).toBeLessThanOrEqual(MAX_OCCURRENCES);
        expect(times).toEqual([...times].sort((a, b) => a - b));
        for (const time of times) expect(time >= first.toMillis() && time <= end.toMillis(), rule).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('expanded once for every zone from one wall-clock start, a rule gives each zone what expanding it there alone gives', () => {
    fc.assert(
      fc.property(validRule, fc.constantFrom(...DATES), fc.integer({ min: 0, max: 400 }), (rule, date, days) => {
        const parsed = parseRecurrence(rule);
        if ('error' in parsed) return;
        const horizonEnd = DateTime.fromISO('2026-01-01T00:00Z').plus({ days }).toMillis();
        const expand = expansionsUntil(horizonEnd);
        for (const name of ZONES) {
          const zone = zoneNamed(name);
          const start = DateTime.fromISO(date, { zone }).toMillis();
          expect(expand(rule, parsed.options, start, zone), `${rule} from ${date} in ${name}`).toEqual(expandRecurrence(parsed.options, start, zone, horizonEnd));
        }
      }),
      { numRuns: 25 },
    );
  });

  it('a rule with one broken part is an error that names the part, never a throw', () => {
    fc.assert(
      fc.property(validRule, brokenPart, fc.boolean(), (rule, part, before) => {
        const name = part.slice(0, part.indexOf('='));
        const others = rule.split(';').filter((kept) => !kept.startsWith(`${name}=`) && !(name === 'FREQ' && kept.startsWith('FREQ=')));
        const text = (before ? [part, ...others] : [...others, part]).join(';');
        const parsed = parseRecurrence(text);
        // The message after `repeat "…": ` says which part is wrong.
        expect('error' in parsed && parsed.error.slice(parsed.error.indexOf('": ') + 3), text).toContain(name);
      }),
      { numRuns: 300 },
    );
  });
});
