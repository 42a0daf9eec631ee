import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { edgesOf } from '../../src/model/journey-graph.js';
import type { Journey } from '../../src/model/types.js';
import { runJourney } from '../../src/timeline/journey-run.js';
import { model } from '../model/helpers.js';
import { TEMPLATES, lines, timelinesOf, yaml } from './helpers.js';

const DAY = 86_400_000;

/** Builds a plan with templates a…f, input problems allowed. */
const planOf = (text: string) => model({ 'plan.yaml': text, 'templates.yaml': `${TEMPLATES}\n` });

/** Segment `s` in Paris with a purchase on Saturday 2026-03-28, the eve of the change to summer time; then `journey`. */
const beforeDst = (...journey: string[]): string =>
  yaml(
    'segments:',
    '  - {id: s, timezone: Europe/Paris, events: {purchase: 2026-03-28}}',
    'journeys:',
    '  - id: j',
    '    entry: {segment: s, event: purchase}',
    '    steps:',
    ...journey.map((line) => `      ${line}`),
  );

describe('a journey run moves by the calendar where the model’s graph counts fixed milliseconds', () => {
  it('a wait of P1D over the change of clocks keeps the local time (23 hours); PT24H is 24 hours', () => {
    const journey = ['- send: a', '- wait: P1D', '- send: b', '- wait: PT24H', '- send: c'];
    const { plan } = planOf(beforeDst(...journey));
    expect(edgesOf(plan.journeys.get('j')!.steps[1]!)[0]!.delay).toBe(DAY);
    expect(lines(timelinesOf(beforeDst(...journey)), 's')).toEqual([
      '2026-03-28T09:00+01:00 a segment j:step 1[0-0]',
      '2026-03-29T09:00+02:00 b segment j:step 3[0-0]',
      '2026-03-30T09:00+02:00 c segment j:step 5[0-0]',
    ]);
  });

  it('otherwise resumes after the longest within by the calendar too', () => {
    const journey = ['- branch:', '    - {when: {event: replied, within: P1D}, next: yes}', '    - {otherwise: true, next: no}', '- {id: yes, send: a, next: end}', '- {id: no, send: b}', '- {id: end, exit: true}'];
    const { plan } = planOf(beforeDst(...journey));
    expect(edgesOf(plan.journeys.get('j')!.steps[0]!).map((edge) => [edge.kind, edge.delay])).toEqual([['event', 0], ['otherwise', DAY]]);
    expect(lines(timelinesOf(beforeDst(...journey)), 's')).toEqual([
      '2026-03-28T09:00+01:00 a segment j:yes[0-0]',
      '2026-03-29T09:00+02:00 b segment j:no[1-1]',
    ]);
  });
});

describe('an otherwise written before the other options (docs/timeline.md)', () => {
  it('waits for the longest within of every event option, wherever they are written', () => {
    const journey = ['- branch:', '    - {otherwise: true, next: no}', '    - {when: {event: replied, within: P2D}, next: yes}', '- {id: yes, send: a, next: end}', '- {id: no, send: b}', '- {id: end, exit: true}'];
    expect(lines(timelinesOf(beforeDst(...journey)), 's')).toEqual(['2026-03-28T09:00+01:00 a segment j:yes[1-1]', '2026-03-30T09:00+02:00 b segment j:no[0-0]']);
  });

  it('yields to a later state option that holds', () => {
    const journey = ['- branch:', '    - {otherwise: true, next: no}', '    - {when: {state: {member: [active]}}, next: yes}', '- {id: yes, send: a, next: end}', '- {id: no, send: b}', '- {id: end, exit: true}'];
    const text = beforeDst(...journey).replace('events: {purchase: 2026-03-28}', 'events: {purchase: 2026-03-28}, states: {member: active}');
    expect(lines(timelinesOf(text), 's')).toEqual(['2026-03-28T09:00+01:00 a segment j:yes[0-0]']);
  });
});

describe('a branch option with both when and otherwise (invalid input) is run by its when, as it always was', () => {
  const branch = (option: string): string =>
    beforeDst('- branch:', `    - ${option}`, '- {id: x, send: a, next: end}', '- {id: y, send: b}', '- {id: end, exit: true}');
  const sendsOf = (text: string): string[] => {
    const { plan, problems } = planOf(text);
    expect(problems.map((problem) => problem.message)).toEqual(['a branch option has when or otherwise, not both']);
    const journey = plan.journeys.get('j')!;
    // To the graph (and the journey rules) it is an otherwise edge.
    expect(edgesOf(journey.steps[0]!).map((edge) => edge.kind)).toEqual(['otherwise']);
    const start = DateTime.fromISO('2026-03-28T09:00', { zone: 'Europe/Paris' });
    return runJourney(journey, start, false, contextOf(plan, start, { lease: 'active' })).sends.map((send) => `${send.time.toISO()} ${send.template}`);
  };

  it('an event: the event happens at once', () => {
    expect(sendsOf(branch('{when: {event: replied, within: P2D}, otherwise: true, next: x}'))).toEqual(['2026-03-28T09:00:00.000+01:00 a']);
  });

  it('a state: taken at once when it holds, else as otherwise (after no within)', () => {
    expect(sendsOf(branch('{when: {state: {lease: active}}, otherwise: true, next: x}'))).toEqual(['2026-03-28T09:00:00.000+01:00 a']);
    expect(sendsOf(branch('{when: {state: {lease: ended}}, otherwise: true, next: y}'))).toEqual(['2026-03-28T09:00:00.000+01:00 b']);
  });
});

/** A run's context for tests: the segment's states fixed, every event on 2026-04-02 at 09:00, a horizon of 60 days. */
function contextOf(plan: ReturnType<typeof planOf>['plan'], start: DateTime, states: Record<string, string>, maxPaths = 256) {
  return {
    segment: 's',
    templates: plan.templates,
    vocabulary: plan.vocabulary,
    end: start.plus({ days: 60 }),
    maxPaths,
    eventTime: () => DateTime.fromISO('2026-04-02T09:00', { zone: start.zone }),
    baseStates: () => ({ ...states }),
  };
}

/**
 * Whether a path at `from` (or at the start) can get to the send step `to` along the graph's edges through steps that
 * send nothing: what a path must have done between two sends it records.
 */
function quietlyReaches(journey: Journey, from: number | 'start', to: number): boolean {
  const seen = new Set<number>();
  const queue = from === 'start' ? [0] : edgesOf(journey.steps[from]!).flatMap((edge) => (typeof edge.to === 'number' ? [edge.to] : []));
  for (let head = 0; head < queue.length; head += 1) {
    const index = queue[head]!;
    if (index === to) return true;
    if (seen.has(index) || journey.steps[index]!.action.kind === 'send') continue;
    seen.add(index);
    for (const edge of edgesOf(journey.steps[index]!)) if (typeof edge.to === 'number') queue.push(edge.to);
  }
  return false;
}

/** A random step of `size`: a send, a wait, an exit or a branch of event, state and otherwise options, with jumps. */
const stepOf = (size: number) => {
  const target = fc.nat(size).map((index) => (index === size ? 'end' : `s${index}`));
  const option = fc.oneof(
    fc.tuple(fc.constantFrom('replied', 'clicked'), fc.constantFrom('P1D', 'PT2H', 'P0D'), target).map(([event, within, to]) => `{when: {event: ${event}, within: ${within}}, next: ${to}}`),
    fc.tuple(fc.constantFrom('active', 'ended'), target).map(([value, to]) => `{when: {state: {lease: ${value}}}, next: ${to}}`),
    target.map((to) => `{otherwise: true, next: ${to}}`),
  );
  return fc.oneof(
    fc.tuple(fc.constantFrom('a', 'b'), fc.option(target, { nil: undefined })).map(([template, to]) => `send: ${template}${to ? `, next: ${to}` : ''}`),
    fc.tuple(fc.constantFrom('P1D', 'PT12H'), fc.option(target, { nil: undefined })).map(([wait, to]) => `wait: ${wait}${to ? `, next: ${to}` : ''}`),
    fc.constant('exit: true'),
    fc.array(option, { minLength: 1, maxLength: 3 }).map((options) => `branch: [${options.join(', ')}]`),
  );
};

const journeyText = fc
  .integer({ min: 1, max: 8 })
  .chain((size) => fc.tuple(...Array.from({ length: size }, () => stepOf(size))))
  .map((steps) =>
    [
      'segments: [{id: s, states: {lease: active}}]',
      'journeys:',
      '  - id: j',
      '    entry: {segment: s, event: lease_end}',
      '    steps:',
      ...steps.map((text, index) => `      - {id: s${index}, ${text}}`),
      `      - {id: end, exit: true}`,
    ].join('\n'),
  );

describe('a journey run goes where the model’s graph leads', () => {
  it('on every path, each send is reached from the send before it (or the start) along edges, through steps that send nothing', () => {
    fc.assert(
      fc.property(journeyText, (text) => {
        const { plan, problems } = planOf(text);
        expect(problems).toEqual([]);
        const journey = plan.journeys.get('j')!;
        const start = DateTime.fromISO('2026-03-28T09:00', { zone: 'Europe/Paris' });
        const run = runJourney(journey, start, false, contextOf(plan, start, { lease: 'active' }, 64));
        for (let path = 0; path < run.paths; path += 1) {
          let before: number | 'start' = 'start';
          for (const send of run.sends) {
            if (send.origin.kind !== 'journey' || path < send.origin.paths.first || path > send.origin.paths.last) continue;
            expect(quietlyReaches(journey, before, send.origin.step.index), `path ${path}: step ${send.origin.step.index} after ${before}`).toBe(true);
            before = send.origin.step.index;
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
